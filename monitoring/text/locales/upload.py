"""Text of the Update page, of the change review and validation report it shows, and of the
annotated workbook (`monitoring.services.annotate`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.upload": ("Mettre à jour", "Update"),
    "upload.caption": (
        "Téléchargez les données actuelles, modifiez-les dans votre tableur, puis déposez le "
        "fichier ici : vous verrez ce qui change avant de confirmer. Chaque version reste "
        "enregistrée ; rien n'est jamais effacé.",
        "Download the current data, edit it in your spreadsheet, then drop the file here: "
        "you will see what changes before you confirm. Every version is kept; nothing is "
        "ever deleted.",
    ),
    "upload.download_current": (
        "Données actuelles (version {number})",
        "Current data (version {number})",
    ),
    "upload.download_current_help": (
        "Un classeur au format de dépôt : modifiez-le et déposez-le à nouveau. Déposé sans "
        "modification, il est reconnu comme identique.",
        "A workbook in the upload format: edit it and upload it again. Uploaded unchanged, "
        "it is recognised as identical.",
    ),
    "upload.download_template": ("Modèle vierge", "Blank template"),
    "upload.template_name": ("modele-suivi-plan", "plan-monitoring-template"),
    "upload.new": ("Déposer une mise à jour", "Upload an update"),
    "upload.mode": ("Type de mise à jour", "Kind of update"),
    "upload.mode.whole": ("Classeur complet", "Whole workbook"),
    "upload.mode.partial": ("Ajouts au suivi", "Additions to the follow-up"),
    "upload.mode.whole_help": (
        "Le fichier devient la nouvelle version.",
        "The file becomes the new version.",
    ),
    "upload.mode.partial_help": (
        "Le fichier ne contient que de nouvelles lignes « Suivi » (et éventuellement "
        "« Chronologie » ou « Verdicts publiés ») : elles sont ajoutées à une copie de la "
        "version actuelle.",
        'The file holds only new "Suivi" rows (and optionally "Chronologie" or "Verdicts '
        'publiés" rows): they are added to a copy of the current version.',
    ),
    "upload.files": ("Fichier(s)", "File(s)"),
    "widgets.uploader.button": ("Choisir", "Browse"),
    "widgets.uploader.limits": (
        "Glissez-déposez ici • {limit} Mo par fichier • {types}",
        "Drag and drop here • {limit} MB per file • {types}",
    ),
    "upload.files_help": (
        "Un classeur .xlsx ou .ods, ou des fichiers .csv (un par feuille, nommés comme la "
        "feuille), ou un .zip de fichiers .csv.",
        "An .xlsx or .ods workbook, or .csv files (one per sheet, named after the sheet), "
        "or a .zip of .csv files.",
    ),
    "upload.empty": (
        "Déposez un fichier : il sera vérifié, puis comparé à la version actuelle. Rien "
        "n'est enregistré avant votre confirmation.",
        "Drop a file: it will be checked, then compared with the current version. Nothing "
        "is stored before you confirm.",
    ),
    "upload.newest_only": (
        "Un classeur déposé remplace les fichiers déposés avant lui : seul le dernier est "
        "vérifié. Les autres restent dans la liste ci-dessus ; retirez-les (✕) quand vous "
        "voulez.",
        "A dropped workbook replaces the files dropped before it: only the latest one is "
        "checked. The others stay in the list above; remove them (✕) whenever you like.",
    ),
    "upload.ignored": ("Non vérifié(s) : {names}", "Not checked: {names}"),
    "upload.checking": ("Vérification du fichier…", "Checking the file…"),
    "upload.comparing": (
        "Comparaison avec la version actuelle…",
        "Comparing with the current version…",
    ),
    "upload.checked": ("Fichier vérifié", "File checked"),
    "upload.see_history": ("Voir l'historique des versions", "See the version history"),
    "upload.report_suffix": ("erreurs", "errors"),
    "upload.annotated_suffix": ("annote", "annotated"),
    "upload.report_csv": ("Rapport (CSV)", "Report (CSV)"),
    "upload.report_xlsx": ("Rapport (Excel)", "Report (Excel)"),
    "upload.annotated": (
        "Votre fichier annoté (cellules surlignées)",
        "Your file annotated (cells highlighted)",
    ),
    "upload.identical": (
        "Ce fichier est identique à la version {number} : il n'y a rien à enregistrer.",
        "This file is identical to version {number}: there is nothing to store.",
    ),
    "upload.review": (
        "Ce qui change par rapport à la version {number}",
        "What changes compared with version {number}",
    ),
    "upload.note": ("Note : de quoi s'agit-il ?", "Note: what is this update?"),
    "upload.note_placeholder": (
        "Ex. : évaluations du comité de suivi de mars",
        "E.g. assessments from the March follow-up committee",
    ),
    "upload.author": ("Votre nom", "Your name"),
    "upload.confirm": ("Enregistrer cette version", "Store this version"),
    "upload.note_required": (
        "Écrivez une note (de quoi s'agit-il ?) avant d'enregistrer.",
        "Write a note (what is this update?) before storing.",
    ),
    "upload.storing": ("Enregistrement…", "Storing…"),
    # The change review and the validation report (views/review.py).
    "review.statuses_up": ("Statuts en progrès", "Statuses up"),
    "review.statuses_down": ("Statuts en recul", "Statuses down"),
    "review.retention": ("Prise en compte modifiée", "Retention changed"),
    "review.rejected": (
        "Fichier refusé : {count} erreur(s) à corriger. Rien n'a été enregistré.",
        "File rejected: {count} error(s) to fix. Nothing was stored.",
    ),
    "review.whole_file": ("(le fichier entier)", "(the whole file)"),
    "review.errors": ("Erreurs", "Errors"),
    "review.messages": ("Messages en entier ({count})", "Messages in full ({count})"),
    "review.sheet_errors": ("{name} : {count} erreur(s)", "{name}: {count} error(s)"),
    "review.others": (
        "Avertissements et remarques ({count})",
        "Warnings and notices ({count})",
    ),
    "review.others_help": (
        "Ils n'empêchent pas l'enregistrement ; vérifiez qu'ils sont voulus.",
        "They do not prevent storing; check that they are intended.",
    ),
    # The report table and the annotated workbook (monitoring/services/annotate.py).
    "annotate.sheet": ("Erreurs", "Errors"),
    "annotate.no_issue": ("Aucun problème.", "No problem."),
    "annotate.col.sheet": ("Feuille", "Sheet"),
    "annotate.col.severity": ("Gravité", "Severity"),
    "annotate.col.code": ("Code", "Code"),
    "annotate.col.row": ("Ligne", "Row"),
    "annotate.col.column": ("Colonne", "Column"),
    "annotate.col.header": ("En-tête", "Header"),
    "annotate.col.value": ("Valeur", "Value"),
    "annotate.col.message": ("Message", "Message"),
}
