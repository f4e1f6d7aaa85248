"""Text of validation: where a problem is, and what it is (one template per message key)."""

MESSAGES: dict[str, str] = {
    # Where a problem is.
    "place.file": "fichier « {name} »",
    "place.sheet": "feuille « {name} »",
    "place.row": "ligne {row}",
    "place.column": "colonne {letter}",
    "place.column_header": "colonne {letter} (« {header} »)",
    "issue.too_many_issues": (
        "plus de {limit} erreurs : la liste s'arrête là. Corrigez celles-ci et déposez à "
        "nouveau le fichier."
    ),
    # The sheets.
    "issue.extra_sheet": "cette feuille ne fait pas partie du format : elle n'est pas importée.",
    "issue.duplicate_sheet": (
        "cette feuille et la feuille « {other} » désignent toutes deux « {expected} » : "
        "gardez-en une seule."
    ),
    "issue.missing_sheet": "feuille « {expected} » introuvable ; feuilles du fichier : {found}.",
    "issue.missing_sheet_hidden": (
        "la feuille « {expected} » est masquée (« {hidden} ») : affichez-la pour l'importer."
    ),
    "issue.sheet_empty": (
        "la feuille est vide : la ligne 1 doit contenir les en-têtes des colonnes."
    ),
    "issue.no_data": (
        "la feuille n'a aucune ligne de données : un classeur sans données n'est jamais enregistré."
    ),
    "issue.merged": (
        "cellules fusionnées {range} : défusionnez-les et répétez la valeur dans chaque cellule."
    ),
    "issue.formula_no_value": (
        "la cellule {cell} contient une formule sans valeur calculée : ouvrez le fichier "
        "dans Excel ou LibreOffice et enregistrez-le, ou collez les valeurs."
    ),
    "issue.error_value": (
        "la cellule {cell} contient l'erreur « {value} » : corrigez la formule ou saisissez "
        "une valeur."
    ),
    # The header row.
    "issue.blank_label": "cette colonne contient des données mais pas d'en-tête en ligne 1.",
    "issue.duplicate_label": "l'en-tête apparaît deux fois (colonnes {first} et {second}).",
    "issue.duplicate_column": (
        "les colonnes {first} et {second} désignent toutes deux « {expected} » : gardez-en "
        "une seule."
    ),
    "issue.header_not_found": (
        "aucun en-tête attendu en ligne 1, qui contient : {found}. Les en-têtes doivent "
        "être en ligne 1 : supprimez les lignes de titre au-dessus."
    ),
    "issue.header_row_empty": (
        "la ligne 1 est vide alors que la feuille contient des données plus bas. Les "
        "en-têtes doivent être en ligne 1 : supprimez les lignes vides ou de titre au-dessus."
    ),
    "issue.missing_label": (
        "la colonne « {expected} » est obligatoire ; en-têtes trouvés : {found}."
    ),
    "issue.extra_label": (
        "cette colonne ne fait pas partie du format : elle est conservée et affichée telle quelle."
    ),
    # Rows and cells.
    "issue.blank_row": "ligne vide au milieu des données : elle est ignorée.",
    "issue.required": "cette cellule est obligatoire et elle est vide.",
    "issue.date_format": (
        "« {value} » n'est pas une date. Utilisez une cellule de type date, ou écrivez "
        "2014-05-14 ou 14/05/2014."
    ),
    "issue.date_serial": (
        "« {value} » est hors des numéros de date d'Excel, qui vont de 1 (01/01/1900) à "
        "2 958 465 (31/12/9999). Écrivez la date, par exemple 2014-05-14 ou 14/05/2014."
    ),
    "issue.date_serial_60": (
        "« {value} » est le numéro qu'Excel donne au 29/02/1900, un jour qui n'a pas "
        "existé. Les numéros de date valides vont de 1 (01/01/1900) à 2 958 465 "
        "(31/12/9999) ; écrivez la date voulue, par exemple 2014-05-14 ou 14/05/2014."
    ),
    "issue.date_time_only": (
        "« {value} » est une heure, pas une date : la cellule contient 0, un nombre négatif "
        "ou une fraction de jour. Les numéros de date d'Excel vont de 1 (01/01/1900) à "
        "2 958 465 (31/12/9999) ; écrivez la date, par exemple 2014-05-14 ou 14/05/2014."
    ),
    "issue.date_year_only": (
        "« {value} » est une année seule, pas une date : écrivez la date complète "
        "(2014-05-14 ou 14/05/2014)."
    ),
    "issue.date_range": "« {value} » : l'année doit être comprise entre {min} et {max}.",
    "issue.integer": "« {value} » n'est pas un nombre entier.",
    "issue.number_not_finite": (
        "« {value} » n'est pas un nombre fini : l'infini et NaN (« pas un nombre ») ne sont "
        "pas acceptés. Laissez la cellule vide si la valeur n'est pas connue."
    ),
    "issue.number": "« {value} » n'est pas un nombre (exemples acceptés : 1500 ; 1 500 ; 1500,50).",
    "issue.min_value": "« {value} » est inférieur au minimum autorisé ({min}).",
    "issue.max_value": "« {value} » dépasse le maximum autorisé ({max}).",
    "issue.choice": "« {value} » n'est pas une valeur acceptée ; valeurs possibles : {allowed}.",
    "issue.status": "« {value} » n'est pas un statut de l'échelle ; statuts possibles : {allowed}.",
    "issue.control_char": (
        "le texte contient un caractère de contrôle invisible ({char}) : supprimez-le."
    ),
    "issue.too_long": "le texte fait {length} caractères, au-delà de la limite de {limit}.",
    "issue.colour": "« {value} » n'est pas une couleur au format #RRGGBB (exemple : #1F77B4).",
    "issue.unique": "« {value} » figure déjà ligne {first} : chaque identifiant doit être unique.",
    # Across sheets.
    "issue.self_reference": "« {value} » désigne la ligne elle-même.",
    "issue.unknown_plan": "aucun plan « {value} » dans la feuille Plans.",
    "issue.unknown_measure": "aucune mesure « {value} » dans la feuille Mesures.",
    "issue.unknown_rec": "aucune recommandation « {value} » dans la feuille Recommandations.",
    "issue.unknown_event": "aucun événement « {value} » dans la feuille Chronologie.",
    "issue.period_order": "la fin de la période ({end}) précède son début ({start}).",
    "issue.carried_not_earlier": (
        "la mesure « {value} » appartient au plan {plan}, qui n'est pas antérieur à celui "
        "de cette mesure."
    ),
    "issue.retained_needs_measure": (
        "une recommandation {level} doit indiquer la mesure qui la reprend."
    ),
    "issue.not_retained_has_measure": (
        "une recommandation {level} ne doit pas indiquer de mesure (ici « {value} »)."
    ),
    "issue.measure_other_plan": (
        "la mesure « {value} » appartient au plan {actual}, pas au plan {expected} de cette ligne."
    ),
    "issue.duplicate_retention": (
        "la recommandation {rec} est déjà rattachée à ce plan et à cette mesure ligne {first}."
    ),
}
