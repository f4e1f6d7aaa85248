"""Text of the Update page, of the change review and validation report it shows, and of the
annotated workbook (`monitoring.services.annotate`)."""

MESSAGES: dict[str, str] = {
    "page.upload": "Mettre à jour",
    "upload.caption": (
        "Téléchargez les données actuelles, modifiez-les dans votre tableur, puis déposez le "
        "fichier ici : vous verrez ce qui change avant de confirmer. Chaque version reste "
        "enregistrée ; rien n'est jamais effacé."
    ),
    "upload.download_current": "Données actuelles (version {number})",
    "upload.download_current_help": (
        "Un classeur au format de dépôt : modifiez-le et déposez-le à nouveau. Déposé sans "
        "modification, il est reconnu comme identique."
    ),
    "upload.download_template": "Modèle vierge",
    "upload.template_name": "modele-suivi-plan",
    "upload.new": "Déposer une mise à jour",
    "upload.mode": "Type de mise à jour",
    "upload.mode.whole": "Classeur complet",
    "upload.mode.partial": "Ajouts au suivi",
    "upload.mode.whole_help": "Le fichier devient la nouvelle version.",
    "upload.mode.partial_help": (
        "Le fichier ne contient que de nouvelles lignes « Suivi » (et éventuellement "
        "« Chronologie » ou « Verdicts publiés ») : elles sont ajoutées à une copie de la "
        "version actuelle."
    ),
    "upload.files": "Fichier(s)",
    # The short name of each issue code, shown in the report tables instead of the code.
    "code_name.format-error": "Format illisible",
    "code_name.encoding-error": "Encodage illisible",
    "code_name.size-limit": "Taille excessive",
    "code_name.forbidden-xml": "XML interdit",
    "code_name.macro-file": "Macros",
    "code_name.encrypted-file": "Fichier chiffré",
    "code_name.missing-sheet": "Feuille manquante",
    "code_name.duplicate-sheet": "Feuille en double",
    "code_name.extra-sheet": "Feuille en plus",
    "code_name.hidden-sheet": "Feuille masquée",
    "code_name.merged-cells": "Cellules fusionnées",
    "code_name.formula-no-value": "Formule sans valeur",
    "code_name.no-data": "Aucune donnée",
    "code_name.blank-label": "En-tête vide",
    "code_name.duplicate-label": "En-tête en double",
    "code_name.missing-label": "Colonne manquante",
    "code_name.extra-label": "Colonne en plus",
    "code_name.blank-row": "Ligne vide",
    "code_name.extra-cell": "Cellule hors colonnes",
    "code_name.missing-cell": "Cellule manquante",
    "code_name.type-error": "Type incorrect",
    "code_name.constraint-error": "Règle non respectée",
    "code_name.unique-error": "Identifiant en double",
    "code_name.foreign-key": "Référence inconnue",
    "code_name.too-many-issues": "Trop d'erreurs",
    "code_name.encoding-fallback": "Encodage deviné",
    "widgets.uploader.button": "Choisir",
    "widgets.uploader.limits": "Glissez-déposez ici • {limit} Mo par fichier • {types}",
    "upload.files_help": (
        "Un classeur .xlsx ou .ods, ou des fichiers .csv (un par feuille, nommés comme la "
        "feuille), ou un .zip de fichiers .csv."
    ),
    "upload.empty": (
        "Déposez un fichier : il sera vérifié, puis comparé à la version actuelle. Rien "
        "n'est enregistré avant votre confirmation."
    ),
    "upload.newest_only": (
        "Un classeur déposé remplace les fichiers déposés avant lui : seul le dernier est "
        "vérifié. Les autres restent dans la liste ci-dessus ; retirez-les (✕) quand vous "
        "voulez."
    ),
    "upload.ignored": "Non vérifié(s) : {names}",
    "upload.checking": "Vérification du fichier…",
    "upload.comparing": "Comparaison avec la version actuelle…",
    "upload.checked": "Fichier vérifié",
    "upload.see_history": "Voir l'historique des versions",
    "upload.report_suffix": "erreurs",
    "upload.annotated_suffix": "annote",
    "upload.report_csv": "Rapport (CSV)",
    "upload.report_xlsx": "Rapport (Excel)",
    "upload.annotated": "Votre fichier annoté (cellules surlignées)",
    "upload.report_ods": "Rapport (LibreOffice)",
    "upload.annotated_ods": "Votre fichier annoté, format LibreOffice (.ods)",
    "upload.identical": (
        "Ce fichier est identique à la version {number} : il n'y a rien à enregistrer."
    ),
    "upload.review": "Ce qui change par rapport à la version {number}",
    "upload.note": "Note : de quoi s'agit-il ?",
    "upload.note_placeholder": "Ex. : évaluations du comité de suivi de mars",
    "upload.author": "Votre nom",
    "upload.confirm": "Enregistrer cette version",
    "upload.note_required": "Écrivez une note (de quoi s'agit-il ?) avant d'enregistrer.",
    "upload.storing": "Enregistrement…",
    # The change review and the validation report (views/review.py).
    "review.statuses_up": "Statuts en progrès",
    "review.statuses_down": "Statuts en recul",
    "review.retention": "Prise en compte modifiée",
    "review.rejected": (
        "Fichier refusé : {count} {count:plural:erreur|erreurs} à corriger. Rien n'a été "
        "enregistré."
    ),
    "review.whole_file": "(le fichier entier)",
    "review.errors": "Erreurs",
    "review.messages": "Messages en entier ({count})",
    "review.sheet_errors": "{name} : {count} {count:plural:erreur|erreurs}",
    "review.others": "Avertissements et remarques ({count})",
    "review.others_help": "Ils n'empêchent pas l'enregistrement ; vérifiez qu'ils sont voulus.",
    # The report table and the annotated workbook (monitoring/services/annotate.py).
    "annotate.sheet": "Erreurs",
    "annotate.no_issue": "Aucun problème.",
    "annotate.col.sheet": "Feuille",
    "annotate.col.severity": "Gravité",
    "annotate.col.code": "Code",
    "annotate.col.row": "Ligne",
    "annotate.col.column": "Colonne",
    "annotate.col.header": "En-tête",
    "annotate.col.value": "Valeur",
    "annotate.col.message": "Message",
}
