"""Text of the History page: the list of versions, comparing, restoring, downloading."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.history": ("Historique", "History"),
    "history.caption": (
        "Chaque dépôt accepté est une version, conservée telle quelle avec son fichier "
        "d'origine. Rien n'est jamais effacé : restaurer crée une nouvelle version, copie "
        "d'une plus ancienne.",
        "Every accepted upload is a version, kept as it was with its original file. Nothing "
        "is ever deleted: restoring makes a new version, a copy of an older one.",
    ),
    "history.col.version": ("Version", "Version"),
    "history.col.when": ("Date ({zone})", "When ({zone})"),
    "history.col.author": ("Par", "By"),
    "history.col.note": ("Note", "Note"),
    "history.col.kind": ("Type", "Kind"),
    "history.col.file": ("Fichier", "File"),
    "history.col.size": ("Taille", "Size"),
    "history.col.measures": ("Mesures", "Measures"),
    "history.col.assessments": ("Évaluations", "Assessments"),
    "history.col.events": ("Événements", "Events"),
    "history.kind.seed": ("Jeu livré avec l'application", "Shipped with the app"),
    "history.kind.upload": ("Classeur complet", "Whole workbook"),
    "history.kind.partial": ("Ajouts à la version {source}", "Additions to version {source}"),
    "history.kind.restore": ("Restauration de la version {source}", "Restore of version {source}"),
    "history.kb": ("{size} Ko", "{size} KB"),
    "history.version": ("Version {number}", "Version {number}"),
    "history.compare": ("Comparer deux versions", "Compare two versions"),
    "history.older": ("Avant", "Before"),
    "history.newer": ("Après", "After"),
    "history.same": (
        "Choisissez deux versions différentes.",
        "Choose two different versions.",
    ),
    "history.only_one": (
        "Ce jeu n'a encore qu'une version : déposez une mise à jour (page « Mettre à jour »).",
        'This dataset has only one version so far: upload an update ("Update" page).',
    ),
    "history.restore": ("Restaurer une version", "Restore a version"),
    "history.restore_which": ("Version à restaurer", "Version to restore"),
    "history.restore_start": ("Restaurer la version {number}…", "Restore version {number}…"),
    "history.restore_confirm": (
        "La version {number} va être copiée en une nouvelle version {next}, qui deviendra "
        "la version affichée. Les versions existantes restent toutes enregistrées.",
        "Version {number} will be copied as a new version {next}, which becomes the version "
        "shown. Every existing version stays stored.",
    ),
    "history.restore_note": ("Note (facultative) : pourquoi ?", "Note (optional): why?"),
    "history.note_placeholder": (
        "Ex. : le dernier dépôt contenait des erreurs",
        "E.g. the last upload had mistakes",
    ),
    "history.restore_go": ("Confirmer la restauration", "Confirm the restore"),
    "history.cancel": ("Annuler", "Cancel"),
    "history.restored": (
        "Restauré : la version {number} est une copie de la version {source}.",
        "Restored: version {number} is a copy of version {source}.",
    ),
    "history.download": ("Télécharger une version", "Download a version"),
    "history.download_which": ("Version", "Version"),
    "history.workbook": (
        "Classeur au format de dépôt",
        "Workbook in the upload format",
    ),
    "history.originals": ("Fichier(s) d'origine : {names}", "Original file(s): {names}"),
    "history.original": ("Fichier d'origine n° {number}", "Original file no. {number}"),
}
