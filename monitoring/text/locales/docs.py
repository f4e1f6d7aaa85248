"""Text of the workbook format: the `Lisez-moi` sheet of the template and the format docs."""

MESSAGES: dict[str, tuple[str, str]] = {
    # General rules, shared by the `Lisez-moi` sheet and the Markdown page.
    "docs.rule.one_dataset": (
        "Un classeur = un jeu de données : autant de plans que nécessaire, avec leurs "
        "mesures, les recommandations qui leur sont adressées, leur prise en compte, "
        "l'historique des évaluations et la chronologie des événements.",
        "One workbook = one dataset: any number of plans, with their measures, the "
        "recommendations made to them, how each was taken into account, the history of "
        "status assessments and the timeline of events.",
    ),
    "docs.rule.files": (
        "Fichiers acceptés : .xlsx, .ods (LibreOffice Calc) et .csv (un fichier par "
        "feuille, le nom du fichier désigne la feuille ; plusieurs CSV peuvent être "
        "déposés ensemble ou dans un .zip).",
        "Accepted files: .xlsx, .ods (LibreOffice Calc) and .csv (one file per sheet, the "
        "file name names the sheet; several CSV files may be uploaded together or as one "
        ".zip).",
    ),
    "docs.rule.headers": (
        "Les noms de feuilles et les en-têtes de colonnes sont acceptés en français ou en "
        "anglais, sans tenir compte des majuscules, des accents, des espaces autour (même "
        "insécables) ni des caractères invisibles ; les autres noms listés sont aussi "
        "acceptés.",
        "Sheet names and column headers are accepted in French or in English, regardless "
        "of case, accents, surrounding spaces (non-breaking ones too) and invisible "
        "characters; the other names listed are accepted too.",
    ),
    "docs.rule.header_row": (
        "La ligne 1 contient les en-têtes. Les numéros de ligne des messages sont ceux du "
        "tableur (en-tête = ligne 1). Les lignes et colonnes vides en fin de feuille sont "
        "ignorées.",
        "Row 1 holds the headers. Row numbers in messages are the spreadsheet's own "
        "(header = row 1). Empty trailing rows and columns are ignored.",
    ),
    "docs.rule.choices": (
        "Les valeurs des listes de choix (statut, évaluateur, prise en compte, type, "
        "priorité, catégorie) se comparent comme les en-têtes, en français ou en "
        "anglais : « réalisée », « Realisee » et « Done » désignent toutes « Réalisée ».",
        "Values of choice columns (status, voice, retention level, kind, priority, "
        "category) are matched like headers, in French or in English: “réalisée”, "
        "“Realisee” and “Done” all mean “Réalisée”.",
    ),
    "docs.rule.dates": (
        "Dates : une vraie cellule date, le format ISO 2014-05-14 ou le format français "
        "14/05/2014. Un numéro de série Excel dans une colonne date est lu comme une date ; "
        "il va de 1 (01/01/1900) à 2 958 465 (31/12/9999), et 60 (le 29/02/1900, qui n'a "
        "pas existé), 0 ou un nombre négatif sont refusés. Toute autre date écrite en "
        "texte est refusée, avec une indication.",
        "Dates: a real date cell, ISO 2014-05-14 or French 14/05/2014. An Excel serial "
        "number in a date column is read as a date; it goes from 1 (01/01/1900) to "
        "2,958,465 (31/12/9999), and 60 (29/02/1900, which never was), 0 or a negative "
        "number are rejected. Any other text date is rejected, with a hint.",
    ),
    "docs.rule.numbers": (
        "Nombres : 1500, 1 500, 1500,50 ou 1500.50 (un seul séparateur décimal). NaN et "
        "l'infini (NaN, inf, Infinity, en texte ou en cellule nombre) sont refusés : "
        "laissez la cellule vide si la valeur n'est pas connue.",
        "Numbers: 1500, 1 500, 1500,50 or 1500.50 (one decimal mark only). NaN and "
        "infinity (NaN, inf, Infinity, as text or in a number cell) are rejected: leave "
        "the cell empty if the value is not known.",
    ),
    "docs.rule.identifiers": (
        "Les identifiants sont du texte : 007 reste 007. NA, N/A et None sont du texte, "
        "pas des valeurs manquantes.",
        "Identifiers are text: 007 stays 007. NA, N/A and None are text, not missing values.",
    ),
    "docs.rule.empty": (
        "Cellule vide : {rule}.",
        "Empty cell: {rule}.",
    ),
    "docs.rule.required": (
        "Une colonne obligatoire ne peut pas manquer, et ses cellules ne peuvent pas être vides.",
        "A required column may not be missing, and its cells may not be empty.",
    ),
    "docs.rule.extras": (
        "Les colonnes supplémentaires que vous ajoutez sont conservées et affichées (avec "
        "une simple remarque) ; elles ne sont jamais une erreur.",
        "Extra columns you add are kept and shown (with a notice); they are never an error.",
    ),
    "docs.rule.scale": (
        "La feuille « {sheet} » est facultative : elle permet d'utiliser vos propres "
        "libellés de statut. Sans elle, l'échelle par défaut s'applique.",
        "The “{sheet}” sheet is optional: it lets you use your own status labels. "
        "Without it the default scale applies.",
    ),
    "docs.version": (
        "Ce fichier suit la version {version} du contrat du classeur.",
        "This file follows version {version} of the workbook contract.",
    ),
    # The Markdown page.
    "docs.title": ("Format du classeur", "Workbook format"),
    "docs.generated": (
        "Page générée à partir de `monitoring/contract/schema.py` et "
        "`monitoring/intake/problems.py` par "
        "`python -m monitoring.devtools.docs` : ne pas la modifier à la main.",
        "Page generated from `monitoring/contract/schema.py` and "
        "`monitoring/intake/problems.py` by "
        "`python -m monitoring.devtools.docs`: do not edit it by hand.",
    ),
    "docs.general_rules": ("Règles générales", "General rules"),
    "docs.sheets": ("Feuilles", "Sheets"),
    "docs.sheet_heading": (
        "Feuille « {name} » (anglais : « {other} »)",
        "Sheet “{name}” (French: “{other}”)",
    ),
    "docs.sheet_required": ("Feuille obligatoire.", "Required sheet."),
    "docs.sheet_optional": ("Feuille facultative.", "Optional sheet."),
    "docs.sheet_must_have_rows": (
        "Elle doit contenir au moins une ligne de données.",
        "It must hold at least one data row.",
    ),
    "docs.sheet_aliases": ("Autres noms acceptés : {aliases}.", "Other accepted names: {aliases}."),
    "docs.retention_rule": (
        "Les niveaux {levels} exigent une mesure ; les autres niveaux laissent la colonne "
        "« {column} » vide.",
        "The levels {levels} need a measure; the other levels leave the “{column}” column empty.",
    ),
    "docs.col.fr_header": ("En-tête (FR)", "Header (FR)"),
    "docs.col.en_header": ("En-tête (EN)", "Header (EN)"),
    "docs.col.type": ("Type", "Type"),
    "docs.col.required": ("Obligatoire", "Required"),
    "docs.col.unique": ("Unique", "Unique"),
    "docs.col.rule": ("Règle", "Rule"),
    "docs.col.aliases": ("Autres en-têtes acceptés", "Other accepted headers"),
    "docs.col.values": ("Valeurs permises", "Allowed values"),
    "docs.yes": ("oui", "yes"),
    "docs.no": ("non", "no"),
    "docs.type.text": ("texte", "text"),
    "docs.type.date": ("date", "date"),
    "docs.type.integer": ("nombre entier", "integer"),
    "docs.type.number": ("nombre", "number"),
    "docs.type.choice": ("liste de choix", "choice"),
    "docs.type.status": ("statut", "status"),
    "docs.type.id_list": ("liste d'identifiants", "list of identifiers"),
    "docs.rule_ref": (
        "Doit désigner une valeur de la colonne « {column} » de la feuille « {sheet} ».",
        "Must name a value of the “{column}” column of the “{sheet}” sheet.",
    ),
    "docs.rule_min": ("Au moins {value}.", "At least {value}."),
    "docs.rule_max": ("Au plus {value}.", "At most {value}."),
    "docs.status_values": (
        "un libellé de l'échelle des statuts : {labels}",
        "a label of the status scale: {labels}",
    ),
    "docs.scale": ("Échelle des statuts par défaut", "Default status scale"),
    "docs.scale_intro": (
        "Sans feuille « {sheet} », ces libellés s'appliquent ; chacun compte dans une catégorie.",
        "Without a “{sheet}” sheet these labels apply; each counts in a category.",
    ),
    "docs.scale.label_fr": ("Libellé (FR)", "Label (FR)"),
    "docs.scale.label_en": ("Libellé (EN)", "Label (EN)"),
    "docs.scale.category": ("Catégorie", "Category"),
    "docs.scale.order": ("Ordre", "Order"),
    "docs.scale.aliases": ("Autres libellés acceptés", "Other accepted labels"),
    "docs.codes": ("Codes des problèmes signalés", "Codes of reported issues"),
    "docs.codes_intro": (
        "Chaque problème trouvé dans un fichier déposé porte un code stable et une "
        "gravité : une erreur empêche l'enregistrement, un avertissement ou une remarque "
        "non.",
        "Every issue found in an uploaded file carries a stable code and a severity: an "
        "error prevents saving, a warning or a notice does not.",
    ),
    "docs.codes.code": ("Code", "Code"),
    "docs.codes.severity": ("Gravité", "Severity"),
    "docs.codes.meaning": ("Signification", "Meaning"),
    "docs.severity.error": ("erreur", "error"),
    "docs.severity.warning": ("avertissement", "warning"),
    "docs.severity.notice": ("remarque", "notice"),
    "docs.stale": (
        "{path} n'est pas à jour : lancez `python -m monitoring.devtools.docs`.",
        "{path} is out of date: run `python -m monitoring.devtools.docs`.",
    ),
    "docs.undocumented_setting": (
        "{name} est lu par le code mais absent du tableau des réglages de {path}.",
        "{name} is read by the code but missing from the settings table of {path}.",
    ),
    "docs.written": ("{path} écrit.", "{path} written."),
    # One line per issue code of `monitoring.intake.problems.CODES`.
    "code.name.format-error": ("Format illisible", "Unreadable format"),
    "code.name.encoding-error": ("Encodage illisible", "Unreadable encoding"),
    "code.name.size-limit": ("Taille excessive", "Too large"),
    "code.name.forbidden-xml": ("XML interdit", "Forbidden XML"),
    "code.name.macro-file": ("Macros", "Macros"),
    "code.name.encrypted-file": ("Fichier chiffré", "Encrypted file"),
    "code.name.missing-sheet": ("Feuille manquante", "Missing sheet"),
    "code.name.duplicate-sheet": ("Feuille en double", "Duplicate sheet"),
    "code.name.extra-sheet": ("Feuille en plus", "Extra sheet"),
    "code.name.hidden-sheet": ("Feuille masquée", "Hidden sheet"),
    "code.name.merged-cells": ("Cellules fusionnées", "Merged cells"),
    "code.name.formula-no-value": ("Formule sans valeur", "Formula without value"),
    "code.name.no-data": ("Aucune donnée", "No data"),
    "code.name.blank-label": ("En-tête vide", "Blank header"),
    "code.name.duplicate-label": ("En-tête en double", "Duplicate header"),
    "code.name.missing-label": ("Colonne manquante", "Missing column"),
    "code.name.extra-label": ("Colonne en plus", "Extra column"),
    "code.name.blank-row": ("Ligne vide", "Blank row"),
    "code.name.extra-cell": ("Cellule hors colonnes", "Cell outside the columns"),
    "code.name.missing-cell": ("Cellule manquante", "Missing cell"),
    "code.name.type-error": ("Type incorrect", "Wrong type"),
    "code.name.constraint-error": ("Règle non respectée", "Rule broken"),
    "code.name.unique-error": ("Identifiant en double", "Duplicate identifier"),
    "code.name.foreign-key": ("Référence inconnue", "Unknown reference"),
    "code.name.too-many-issues": ("Trop d'erreurs", "Too many errors"),
    "code.name.encoding-fallback": ("Encodage deviné", "Encoding guessed"),
    "code.format-error": (
        "Le fichier n'est pas un classeur lisible (.xlsx, .ods ou .csv).",
        "The file is not a readable workbook (.xlsx, .ods or .csv).",
    ),
    "code.encoding-error": (
        "Le fichier CSV n'est pas en UTF-8 (dans Excel, choisir « CSV UTF-8 »).",
        "The CSV file is not UTF-8 (in Excel, choose “CSV UTF-8”).",
    ),
    "code.size-limit": (
        "Le fichier ou l'une de ses parties dépasse la taille permise.",
        "The file or one of its parts is larger than allowed.",
    ),
    "code.forbidden-xml": (
        "Le fichier contient des constructions XML dangereuses (entités, DTD) : refusé.",
        "The file contains dangerous XML constructs (entities, DTD): refused.",
    ),
    "code.macro-file": (
        "Le classeur contient des macros : enregistrez-le en .xlsx sans macros.",
        "The workbook contains macros: save it as an .xlsx without macros.",
    ),
    "code.encrypted-file": (
        "Le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe.",
        "The workbook is password-protected: save it without a password.",
    ),
    "code.missing-sheet": (
        "Une feuille obligatoire manque.",
        "A required sheet is missing.",
    ),
    "code.duplicate-sheet": (
        "Deux feuilles désignent la même feuille du contrat.",
        "Two sheets name the same sheet of the contract.",
    ),
    "code.extra-sheet": (
        "Une feuille inconnue est ignorée.",
        "An unknown sheet is ignored.",
    ),
    "code.hidden-sheet": (
        "Une feuille masquée n'est pas importée : affichez-la pour qu'elle soit lue.",
        "A hidden sheet is not imported: unhide it to have it read.",
    ),
    "code.merged-cells": (
        "Des cellules fusionnées empêchent de lire les lignes une à une.",
        "Merged cells prevent reading rows one by one.",
    ),
    "code.formula-no-value": (
        "Une formule n'a pas de valeur enregistrée : ouvrez et enregistrez le fichier dans "
        "un tableur.",
        "A formula has no saved value: open and save the file in a spreadsheet program.",
    ),
    "code.no-data": (
        "Une feuille qui doit contenir des lignes est vide.",
        "A sheet that must hold rows is empty.",
    ),
    "code.blank-label": (
        "Une colonne qui contient des valeurs n'a pas d'en-tête.",
        "A column holding values has no header.",
    ),
    "code.duplicate-label": (
        "Deux colonnes ont le même en-tête.",
        "Two columns have the same header.",
    ),
    "code.missing-label": (
        "Une colonne obligatoire manque.",
        "A required column is missing.",
    ),
    "code.extra-label": (
        "Une colonne supplémentaire est conservée telle quelle.",
        "An extra column is kept as is.",
    ),
    "code.blank-row": (
        "Une ligne vide au milieu des données est ignorée.",
        "An empty row among the data is ignored.",
    ),
    "code.extra-cell": (
        "Une ligne a plus de cellules que la ligne d'en-tête : une valeur est hors des "
        "colonnes nommées.",
        "A row has more cells than the header row: a value lies outside the named columns.",
    ),
    "code.missing-cell": (
        "Une ligne a moins de cellules que la ligne d'en-tête (CSV).",
        "A row has fewer cells than the header row (CSV).",
    ),
    "code.type-error": (
        "Une valeur ne peut pas être lue dans le type de sa colonne (date, nombre entier, nombre).",
        "A value cannot be read as its column's type (date, integer, number).",
    ),
    "code.constraint-error": (
        "Une valeur enfreint la règle de sa colonne : cellule obligatoire vide, valeur hors "
        "de la liste, minimum ou maximum, longueur, couleur, ordre des dates.",
        "A value breaks its column's rule: required cell empty, value not in the list, "
        "minimum or maximum, length, colour, order of dates.",
    ),
    "code.unique-error": (
        "Un identifiant qui doit être unique apparaît plusieurs fois.",
        "An identifier that must be unique appears more than once.",
    ),
    "code.foreign-key": (
        "Une référence désigne une ligne qui n'existe pas dans l'autre feuille.",
        "A reference names a row that does not exist in the other sheet.",
    ),
    "code.too-many-issues": (
        "Trop d'erreurs : la liste s'arrête avant la fin du fichier.",
        "Too many errors: the list stops before the end of the file.",
    ),
    "code.encoding-fallback": (
        "Le fichier CSV n'était pas en UTF-8 : il a été lu en Windows-1252, vérifiez les accents.",
        "The CSV file was not UTF-8: it was read as Windows-1252, check the accents.",
    ),
    # The workbook written for coordinators (template and export).
    "workbook.readme.title": (
        "Classeur de suivi du plan d'action : mode d'emploi",
        "Action plan monitoring workbook: how to fill it in",
    ),
    "workbook.readme.required_headers": (
        "Les en-têtes sur fond coloré sont ceux des colonnes obligatoires. Survolez un "
        "en-tête pour lire sa description ; les colonnes à choix ont une liste déroulante.",
        "Headers on a coloured background are those of required columns. Hover over a "
        "header to read its description; choice columns have a drop-down list.",
    ),
    "workbook.readme.columns": ("Les colonnes de chaque feuille", "The columns of each sheet"),
    "workbook.readme.col.sheet": ("Feuille", "Sheet"),
    "workbook.readme.col.header": ("Colonne", "Column"),
    "workbook.readme.col.description": ("Description", "Description"),
    "workbook.comment.required": ("Obligatoire.", "Required."),
    "workbook.comment.extra": (
        "Colonne ajoutée au classeur, conservée telle quelle.",
        "Column added to the workbook, kept as is.",
    ),
    "workbook.validation.title": ("Valeur inattendue", "Unexpected value"),
    "workbook.validation.message": (
        "Choisissez une valeur de la liste déroulante.",
        "Choose a value from the drop-down list.",
    ),
    # Contract 1.1: dates known to the month or the year, published verdicts.
    "docs.rule.date_bounds": (
        "Dates imprécises : {columns} acceptent aussi un mois (« mars 2014 », « March "
        "2014 », 03/2014, 2014-03) ou une année (« 2014 », en texte ou en nombre) ; le "
        "premier et le dernier jour possibles sont alors enregistrés (01/03/2014 et "
        "31/03/2014), aucun jour n'est inventé. Une date connue seulement entre deux dates "
        "s'écrit avec la plus tôt dans la colonne et la plus tard dans la colonne « au plus "
        "tard » qui la suit, vide quand la date est connue au jour près ; elle ne peut pas "
        "précéder la date. Dans les autres colonnes de date, un mois ou une année seuls "
        "sont refusés.",
        'Imprecise dates: {columns} also accept a month ("mars 2014", "March 2014", '
        '03/2014, 2014-03) or a year ("2014", as text or as a number); the first and '
        "last possible days are then stored (2014-03-01 and 2014-03-31), no day is ever "
        "invented. A date known only between two dates is written with the earliest in the "
        'column and the latest in the "latest" column right after it, left empty when the '
        "date is known to the day; it cannot be before the date. In other date columns a "
        "month or a year alone is rejected.",
    ),
    "docs.rule.date_bounds.column": ("« {column} » ({sheet})", '"{column}" ({sheet})'),
    "docs.rule_latest": (
        "Jamais avant « {date} » ; égale à « {date} », elle est enregistrée vide.",
        'Never before "{date}"; equal to "{date}", it is stored empty.',
    ),
    "docs.sheet_key": (
        "Une seule ligne par combinaison de {columns}.",
        "One row only per combination of {columns}.",
    ),
    "docs.verdicts_rule": (
        "Chaque ligne donne au moins un compte ; la somme des comptes ne dépasse pas "
        "« {covered} », qui ne dépasse pas le nombre de mesures du plan dans la feuille "
        "{measures}. Un compte laissé vide est inconnu, pas zéro.",
        'Each row gives at least one count; the counts add up to at most "{covered}", '
        "which is at most the number of the plan's measures in the {measures} sheet. A "
        "count left empty is unknown, not zero.",
    ),
}
