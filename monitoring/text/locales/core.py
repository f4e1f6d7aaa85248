"""Text of validation: where a problem is, and what it is (one template per message key)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Where a problem is.
    "place.file": ("fichier « {name} »", 'file "{name}"'),
    "place.sheet": ("feuille « {name} »", 'sheet "{name}"'),
    "place.row": ("ligne {row}", "row {row}"),
    "place.column": ("colonne {letter}", "column {letter}"),
    "place.column_header": ("colonne {letter} (« {header} »)", 'column {letter} ("{header}")'),
    "issue.too_many_issues": (
        "plus de {limit} erreurs : la liste s'arrête là. Corrigez celles-ci et déposez à "
        "nouveau le fichier.",
        "more than {limit} errors: the list stops here. Fix these and upload the file again.",
    ),
    # The sheets.
    "issue.extra_sheet": (
        "cette feuille ne fait pas partie du format : elle n'est pas importée.",
        "this sheet is not part of the format: it was not imported.",
    ),
    "issue.duplicate_sheet": (
        "cette feuille et la feuille « {other} » désignent toutes deux « {expected} » : "
        "gardez-en une seule.",
        'this sheet and sheet "{other}" both stand for "{expected}": keep only one.',
    ),
    "issue.missing_sheet": (
        "feuille « {expected} » introuvable ; feuilles du fichier : {found}.",
        'sheet "{expected}" not found; sheets in the file: {found}.',
    ),
    "issue.missing_sheet_hidden": (
        "la feuille « {expected} » est masquée (« {hidden} ») : affichez-la pour l'importer.",
        'sheet "{expected}" is hidden ("{hidden}"): unhide it to import it.',
    ),
    "issue.sheet_empty": (
        "la feuille est vide : la ligne 1 doit contenir les en-têtes des colonnes.",
        "the sheet is empty: row 1 must hold the column headers.",
    ),
    "issue.no_data": (
        "la feuille n'a aucune ligne de données : un classeur sans données n'est jamais "
        "enregistré.",
        "the sheet has no data rows: a workbook without data is never stored.",
    ),
    "issue.merged": (
        "cellules fusionnées {range} : défusionnez-les et répétez la valeur dans chaque cellule.",
        "merged cells {range}: unmerge them and repeat the value in each cell.",
    ),
    "issue.formula_no_value": (
        "la cellule {cell} contient une formule sans valeur calculée : ouvrez le fichier "
        "dans Excel ou LibreOffice et enregistrez-le, ou collez les valeurs.",
        "cell {cell} has a formula but no computed value: open and save the file in Excel "
        "or LibreOffice, or paste values.",
    ),
    "issue.error_value": (
        "la cellule {cell} contient l'erreur « {value} » : corrigez la formule ou saisissez "
        "une valeur.",
        'cell {cell} holds the error "{value}": fix the formula or type a value.',
    ),
    # The header row.
    "issue.blank_label": (
        "cette colonne contient des données mais pas d'en-tête en ligne 1.",
        "this column holds data but has no header in row 1.",
    ),
    "issue.duplicate_label": (
        "l'en-tête apparaît deux fois (colonnes {first} et {second}).",
        "the header appears twice (columns {first} and {second}).",
    ),
    "issue.duplicate_column": (
        "les colonnes {first} et {second} désignent toutes deux « {expected} » : gardez-en "
        "une seule.",
        'columns {first} and {second} both stand for "{expected}": keep only one.',
    ),
    "issue.header_not_found": (
        "aucun en-tête attendu en ligne 1, qui contient : {found}. Les en-têtes doivent "
        "être en ligne 1 : supprimez les lignes de titre au-dessus.",
        "no expected header in row 1, which holds: {found}. Headers must be in row 1: "
        "delete any title rows above them.",
    ),
    "issue.header_row_empty": (
        "la ligne 1 est vide alors que la feuille contient des données plus bas. Les "
        "en-têtes doivent être en ligne 1 : supprimez les lignes vides ou de titre au-dessus.",
        "row 1 is empty while the sheet holds data further down. Headers must be in row 1: "
        "delete any empty or title rows above them.",
    ),
    "issue.missing_label": (
        "la colonne « {expected} » est obligatoire ; en-têtes trouvés : {found}.",
        'column "{expected}" is required; headers found: {found}.',
    ),
    "issue.extra_label": (
        "cette colonne ne fait pas partie du format : elle est conservée et affichée telle quelle.",
        "this column is not part of the format: it is kept and shown as it is.",
    ),
    # Rows and cells.
    "issue.blank_row": (
        "ligne vide au milieu des données : elle est ignorée.",
        "empty row among the data: it is ignored.",
    ),
    "issue.required": (
        "cette cellule est obligatoire et elle est vide.",
        "this cell is required and it is empty.",
    ),
    "issue.date_format": (
        "« {value} » n'est pas une date. Utilisez une cellule de type date, ou écrivez "
        "2014-05-14 ou 14/05/2014.",
        '"{value}" is not a date. Use a date cell, or write 2014-05-14 or 14/05/2014.',
    ),
    "issue.date_serial": (
        "« {value} » est hors des numéros de date d'Excel, qui vont de 1 (01/01/1900) à "
        "2 958 465 (31/12/9999). Écrivez la date, par exemple 2014-05-14 ou 14/05/2014.",
        '"{value}" is outside Excel\'s date numbers, which go from 1 (01/01/1900) to '
        "2,958,465 (31/12/9999). Write the date, for example 2014-05-14 or 14/05/2014.",
    ),
    "issue.date_serial_60": (
        "« {value} » est le numéro qu'Excel donne au 29/02/1900, un jour qui n'a pas "
        "existé. Les numéros de date valides vont de 1 (01/01/1900) à 2 958 465 "
        "(31/12/9999) ; écrivez la date voulue, par exemple 2014-05-14 ou 14/05/2014.",
        '"{value}" is the number Excel gives to 29/02/1900, a day that never was. Valid '
        "date numbers go from 1 (01/01/1900) to 2,958,465 (31/12/9999); write the date "
        "meant, for example 2014-05-14 or 14/05/2014.",
    ),
    "issue.date_time_only": (
        "« {value} » est une heure, pas une date : la cellule contient 0, un nombre négatif "
        "ou une fraction de jour. Les numéros de date d'Excel vont de 1 (01/01/1900) à "
        "2 958 465 (31/12/9999) ; écrivez la date, par exemple 2014-05-14 ou 14/05/2014.",
        '"{value}" is a time, not a date: the cell holds 0, a negative number or a fraction '
        "of a day. Excel's date numbers go from 1 (01/01/1900) to 2,958,465 (31/12/9999); "
        "write the date, for example 2014-05-14 or 14/05/2014.",
    ),
    "issue.date_year_only": (
        "« {value} » est une année seule, pas une date : écrivez la date complète "
        "(2014-05-14 ou 14/05/2014).",
        '"{value}" is a year alone, not a date: write the full date (2014-05-14 or 14/05/2014).',
    ),
    "issue.date_range": (
        "« {value} » : l'année doit être comprise entre {min} et {max}.",
        '"{value}": the year must be between {min} and {max}.',
    ),
    "issue.integer": (
        "« {value} » n'est pas un nombre entier.",
        '"{value}" is not a whole number.',
    ),
    "issue.number_not_finite": (
        "« {value} » n'est pas un nombre fini : l'infini et NaN (« pas un nombre ») ne sont "
        "pas acceptés. Laissez la cellule vide si la valeur n'est pas connue.",
        '"{value}" is not a finite number: infinity and NaN ("not a number") are not '
        "accepted. Leave the cell empty if the value is not known.",
    ),
    "issue.number": (
        "« {value} » n'est pas un nombre (exemples acceptés : 1500 ; 1 500 ; 1500,50).",
        '"{value}" is not a number (accepted examples: 1500; 1 500; 1500.50).',
    ),
    "issue.min_value": (
        "« {value} » est inférieur au minimum autorisé ({min}).",
        '"{value}" is below the minimum allowed ({min}).',
    ),
    "issue.max_value": (
        "« {value} » dépasse le maximum autorisé ({max}).",
        '"{value}" is above the maximum allowed ({max}).',
    ),
    "issue.choice": (
        "« {value} » n'est pas une valeur acceptée ; valeurs possibles : {allowed}.",
        '"{value}" is not an accepted value; possible values: {allowed}.',
    ),
    "issue.status": (
        "« {value} » n'est pas un statut de l'échelle ; statuts possibles : {allowed}.",
        '"{value}" is not a status of the scale; possible statuses: {allowed}.',
    ),
    "issue.control_char": (
        "le texte contient un caractère de contrôle invisible ({char}) : supprimez-le.",
        "the text holds an invisible control character ({char}): remove it.",
    ),
    "issue.too_long": (
        "le texte fait {length} caractères, au-delà de la limite de {limit}.",
        "the text is {length} characters long, over the limit of {limit}.",
    ),
    "issue.colour": (
        "« {value} » n'est pas une couleur au format #RRGGBB (exemple : #1F77B4).",
        '"{value}" is not a colour in the #RRGGBB form (example: #1F77B4).',
    ),
    "issue.unique": (
        "« {value} » figure déjà ligne {first} : chaque identifiant doit être unique.",
        '"{value}" already appears in row {first}: each identifier must be unique.',
    ),
    # Across sheets.
    "issue.self_reference": (
        "« {value} » désigne la ligne elle-même.",
        '"{value}" refers to the row itself.',
    ),
    "issue.unknown_plan": (
        "aucun plan « {value} » dans la feuille Plans.",
        'no plan "{value}" in the Plans sheet.',
    ),
    "issue.unknown_measure": (
        "aucune mesure « {value} » dans la feuille Mesures.",
        'no measure "{value}" in the Measures sheet.',
    ),
    "issue.unknown_rec": (
        "aucune recommandation « {value} » dans la feuille Recommandations.",
        'no recommendation "{value}" in the Recommendations sheet.',
    ),
    "issue.unknown_event": (
        "aucun événement « {value} » dans la feuille Chronologie.",
        'no event "{value}" in the Events sheet.',
    ),
    "issue.period_order": (
        "la fin de la période ({end}) précède son début ({start}).",
        "the end of the period ({end}) is before its start ({start}).",
    ),
    "issue.carried_not_earlier": (
        "la mesure « {value} » appartient au plan {plan}, qui n'est pas antérieur à celui "
        "de cette mesure.",
        'measure "{value}" belongs to plan {plan}, which is not earlier than this measure\'s plan.',
    ),
    "issue.retained_needs_measure": (
        "une recommandation {level} doit indiquer la mesure qui la reprend.",
        "a recommendation that is {level} must name the measure that carries it.",
    ),
    "issue.not_retained_has_measure": (
        "une recommandation {level} ne doit pas indiquer de mesure (ici « {value} »).",
        'a recommendation that is {level} must not name a measure (here "{value}").',
    ),
    "issue.measure_other_plan": (
        "la mesure « {value} » appartient au plan {actual}, pas au plan {expected} de cette ligne.",
        'measure "{value}" belongs to plan {actual}, not to plan {expected} of this row.',
    ),
    "issue.duplicate_retention": (
        "la recommandation {rec} est déjà rattachée à ce plan et à cette mesure ligne {first}.",
        "recommendation {rec} is already linked to this plan and measure in row {first}.",
    ),
}
