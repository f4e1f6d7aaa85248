"""Text of the workbook format: the `Lisez-moi` sheet of the template and the format docs."""

MESSAGES: dict[str, str] = {
    # General rules, shared by the `Lisez-moi` sheet and the Markdown page.
    "docs.rule.one_dataset": (
        "Un classeur = un jeu de données : autant de plans que nécessaire, avec leurs "
        "mesures, les recommandations qui leur sont adressées, leur prise en compte, "
        "l'historique des évaluations et la chronologie des événements."
    ),
    "docs.rule.files": (
        "Fichiers acceptés : .xlsx, .ods (LibreOffice Calc) et .csv (un fichier par "
        "feuille, le nom du fichier désigne la feuille ; plusieurs CSV peuvent être "
        "déposés ensemble ou dans un .zip)."
    ),
    "docs.rule.headers": (
        "Les noms de feuilles et les en-têtes de colonnes sont acceptés en français ou en "
        "anglais, sans tenir compte des majuscules, des accents, des espaces autour (même "
        "insécables) ni des caractères invisibles ; les autres noms listés sont aussi "
        "acceptés."
    ),
    "docs.rule.header_row": (
        "La ligne 1 contient les en-têtes. Les numéros de ligne des messages sont ceux du "
        "tableur (en-tête = ligne 1). Les lignes et colonnes vides en fin de feuille sont "
        "ignorées."
    ),
    "docs.rule.choices": (
        "Les valeurs des listes de choix (statut, évaluateur, prise en compte, type, "
        "priorité, catégorie) se comparent comme les en-têtes, en français ou en "
        "anglais : « réalisée », « Realisee » et « Done » désignent toutes « Réalisée »."
    ),
    "docs.rule.dates": (
        "Dates : une vraie cellule date, le format ISO 2014-05-14 ou le format français "
        "14/05/2014. Un numéro de série Excel dans une colonne date est lu comme une date ; "
        "il va de 1 (01/01/1900) à 2 958 465 (31/12/9999), et 60 (le 29/02/1900, qui n'a "
        "pas existé), 0 ou un nombre négatif sont refusés. Toute autre date écrite en "
        "texte est refusée, avec une indication."
    ),
    "docs.rule.numbers": (
        "Nombres : 1500, 1 500, 1500,50 ou 1500.50 (un seul séparateur décimal). NaN et "
        "l'infini (NaN, inf, Infinity, en texte ou en cellule nombre) sont refusés : "
        "laissez la cellule vide si la valeur n'est pas connue."
    ),
    "docs.rule.identifiers": (
        "Les identifiants sont du texte : 007 reste 007. NA, N/A et None sont du texte, "
        "pas des valeurs manquantes."
    ),
    "docs.rule.empty": "Cellule vide : {rule}.",
    "docs.rule.required": (
        "Une colonne obligatoire ne peut pas manquer, et ses cellules ne peuvent pas être vides."
    ),
    "docs.rule.extras": (
        "Les colonnes supplémentaires que vous ajoutez sont conservées et affichées (avec "
        "une simple remarque) ; elles ne sont jamais une erreur."
    ),
    "docs.rule.scale": (
        "La feuille « {sheet} » est facultative : elle permet d'utiliser vos propres "
        "libellés de statut. Sans elle, l'échelle par défaut s'applique."
    ),
    "docs.version": "Ce fichier suit la version {version} du contrat du classeur.",
    # The Markdown page.
    "docs.title": "Format du classeur",
    "docs.generated": (
        "Page générée à partir de `monitoring/contract/schema.py` et "
        "`monitoring/intake/problems.py` par "
        "`python -m monitoring.devtools.docs` : ne pas la modifier à la main."
    ),
    "docs.general_rules": "Règles générales",
    "docs.sheets": "Feuilles",
    "docs.sheet_heading": "Feuille « {name} » (anglais : « {other} »)",
    "docs.sheet_required": "Feuille obligatoire.",
    "docs.sheet_optional": "Feuille facultative.",
    "docs.sheet_must_have_rows": "Elle doit contenir au moins une ligne de données.",
    "docs.sheet_aliases": "Autres noms acceptés : {aliases}.",
    "docs.retention_rule": (
        "Les niveaux {levels} exigent une mesure ; les autres niveaux laissent la colonne "
        "« {column} » vide."
    ),
    "docs.col.fr_header": "En-tête (FR)",
    "docs.col.en_header": "En-tête (EN)",
    "docs.col.type": "Type",
    "docs.col.required": "Obligatoire",
    "docs.col.unique": "Unique",
    "docs.col.rule": "Règle",
    "docs.col.aliases": "Autres en-têtes acceptés",
    "docs.col.values": "Valeurs permises",
    "docs.yes": "oui",
    "docs.no": "non",
    "docs.type.text": "texte",
    "docs.type.date": "date",
    "docs.type.integer": "nombre entier",
    "docs.type.number": "nombre",
    "docs.type.choice": "liste de choix",
    "docs.type.status": "statut",
    "docs.type.id_list": "liste d'identifiants",
    "docs.rule_ref": (
        "Doit désigner une valeur de la colonne « {column} » de la feuille « {sheet} »."
    ),
    "docs.rule_min": "Au moins {value}.",
    "docs.rule_max": "Au plus {value}.",
    "docs.status_values": "un libellé de l'échelle des statuts : {labels}",
    "docs.scale": "Échelle des statuts par défaut",
    "docs.scale_intro": (
        "Sans feuille « {sheet} », ces libellés s'appliquent ; chacun compte dans une catégorie."
    ),
    "docs.scale.label_fr": "Libellé (FR)",
    "docs.scale.label_en": "Libellé (EN)",
    "docs.scale.category": "Catégorie",
    "docs.scale.order": "Ordre",
    "docs.scale.aliases": "Autres libellés acceptés",
    "docs.codes": "Codes des problèmes signalés",
    "docs.codes_intro": (
        "Chaque problème trouvé dans un fichier déposé porte un code stable et une "
        "gravité : une erreur empêche l'enregistrement, un avertissement ou une remarque "
        "non."
    ),
    "docs.codes.code": "Code",
    "docs.codes.severity": "Gravité",
    "docs.codes.meaning": "Signification",
    "docs.severity.error": "erreur",
    "docs.severity.warning": "avertissement",
    "docs.severity.notice": "remarque",
    "docs.stale": "{path} n'est pas à jour : lancez `python -m monitoring.devtools.docs`.",
    "docs.undocumented_setting": (
        "{name} est lu par le code mais absent du tableau des réglages de {path}."
    ),
    "docs.written": "{path} écrit.",
    # One line per issue code of `monitoring.intake.problems.CODES`.
    "code.format-error": "Le fichier n'est pas un classeur lisible (.xlsx, .ods ou .csv).",
    "code.encoding-error": "Le fichier CSV n'est pas en UTF-8 (dans Excel, choisir « CSV UTF-8 »).",
    "code.size-limit": "Le fichier ou l'une de ses parties dépasse la taille permise.",
    "code.forbidden-xml": (
        "Le fichier contient des constructions XML dangereuses (entités, DTD) : refusé."
    ),
    "code.macro-file": "Le classeur contient des macros : enregistrez-le en .xlsx sans macros.",
    "code.encrypted-file": (
        "Le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe."
    ),
    "code.missing-sheet": "Une feuille obligatoire manque.",
    "code.duplicate-sheet": "Deux feuilles désignent la même feuille du contrat.",
    "code.extra-sheet": "Une feuille inconnue est ignorée.",
    "code.hidden-sheet": (
        "Une feuille masquée n'est pas importée : affichez-la pour qu'elle soit lue."
    ),
    "code.merged-cells": "Des cellules fusionnées empêchent de lire les lignes une à une.",
    "code.formula-no-value": (
        "Une formule n'a pas de valeur enregistrée : ouvrez et enregistrez le fichier dans "
        "un tableur."
    ),
    "code.no-data": "Une feuille qui doit contenir des lignes est vide.",
    "code.blank-label": "Une colonne qui contient des valeurs n'a pas d'en-tête.",
    "code.duplicate-label": "Deux colonnes ont le même en-tête.",
    "code.missing-label": "Une colonne obligatoire manque.",
    "code.extra-label": "Une colonne supplémentaire est conservée telle quelle.",
    "code.blank-row": "Une ligne vide au milieu des données est ignorée.",
    "code.extra-cell": (
        "Une ligne a plus de cellules que la ligne d'en-tête : une valeur est hors des "
        "colonnes nommées."
    ),
    "code.missing-cell": "Une ligne a moins de cellules que la ligne d'en-tête (CSV).",
    "code.type-error": (
        "Une valeur ne peut pas être lue dans le type de sa colonne (date, nombre entier, nombre)."
    ),
    "code.constraint-error": (
        "Une valeur enfreint la règle de sa colonne : cellule obligatoire vide, valeur hors "
        "de la liste, minimum ou maximum, longueur, couleur, ordre des dates."
    ),
    "code.unique-error": "Un identifiant qui doit être unique apparaît plusieurs fois.",
    "code.foreign-key": "Une référence désigne une ligne qui n'existe pas dans l'autre feuille.",
    "code.too-many-issues": "Trop d'erreurs : la liste s'arrête avant la fin du fichier.",
    "code.encoding-fallback": (
        "Le fichier CSV n'était pas en UTF-8 : il a été lu en Windows-1252, vérifiez les accents."
    ),
    # The workbook written for coordinators (template and export).
    "workbook.readme.title": "Classeur de suivi du plan d'action : mode d'emploi",
    "workbook.readme.required_headers": (
        "Les en-têtes sur fond coloré sont ceux des colonnes obligatoires. Survolez un "
        "en-tête pour lire sa description ; les colonnes à choix ont une liste déroulante."
    ),
    "workbook.readme.columns": "Les colonnes de chaque feuille",
    "workbook.readme.col.sheet": "Feuille",
    "workbook.readme.col.header": "Colonne",
    "workbook.readme.col.description": "Description",
    "workbook.comment.required": "Obligatoire.",
    "workbook.comment.extra": "Colonne ajoutée au classeur, conservée telle quelle.",
    "workbook.validation.title": "Valeur inattendue",
    "workbook.validation.message": "Choisissez une valeur de la liste déroulante.",
    # Contract 1.1: dates known to the month or the year, published verdicts.
    "docs.rule.date_bounds": (
        "Dates imprécises : {columns} acceptent aussi un mois (« mars 2014 », « March "
        "2014 », 03/2014, 2014-03) ou une année (« 2014 », en texte ou en nombre) ; le "
        "premier et le dernier jour possibles sont alors enregistrés (01/03/2014 et "
        "31/03/2014), aucun jour n'est inventé. Une date connue seulement entre deux dates "
        "s'écrit avec la plus tôt dans la colonne et la plus tard dans la colonne « au plus "
        "tard » qui la suit, vide quand la date est connue au jour près ; elle ne peut pas "
        "précéder la date. Dans les autres colonnes de date, un mois ou une année seuls "
        "sont refusés."
    ),
    "docs.rule.date_bounds.column": "« {column} » ({sheet})",
    "docs.rule_latest": "Jamais avant « {date} » ; égale à « {date} », elle est enregistrée vide.",
    "docs.sheet_key": "Une seule ligne par combinaison de {columns}.",
    "docs.verdicts_rule": (
        "Chaque ligne donne au moins un compte ; la somme des comptes ne dépasse pas "
        "« {covered} », qui ne dépasse pas le nombre de mesures du plan dans la feuille "
        "{measures}. Un compte laissé vide est inconnu, pas zéro."
    ),
}
