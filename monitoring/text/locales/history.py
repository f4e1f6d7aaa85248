"""Text of the History page: the list of versions, comparing, restoring, downloading."""

MESSAGES: dict[str, str] = {
    "page.history": "Historique",
    "history.caption": (
        "Chaque dépôt accepté est une version, conservée telle quelle avec son fichier "
        "d'origine. Rien n'est jamais effacé : restaurer crée une nouvelle version, copie "
        "d'une plus ancienne."
    ),
    "history.col.version": "Version",
    "history.col.when": "Date ({zone})",
    "history.col.author": "Par",
    "history.col.note": "Note",
    "history.col.kind": "Type",
    "history.col.file": "Fichier",
    "history.col.size": "Taille",
    "history.col.measures": "Mesures",
    "history.col.assessments": "Évaluations",
    "history.col.events": "Événements",
    "history.kind.seed": "Jeu livré avec l'application",
    "history.kind.upload": "Classeur complet",
    "history.kind.partial": "Ajouts à la version {source}",
    "history.kind.restore": "Restauration de la version {source}",
    "history.version": "Version {number}",
    "history.compare": "Comparer deux versions",
    "history.older": "Avant",
    "history.newer": "Après",
    "history.same": "Choisissez deux versions différentes.",
    "history.only_one": (
        "Ce jeu n'a encore qu'une version : déposez une mise à jour (page « Mettre à jour »)."
    ),
    "history.restore": "Restaurer une version",
    "history.restore_which": "Version à restaurer",
    "history.restore_start": "Restaurer la version {number}…",
    "history.restore_confirm": (
        "La version {number} va être copiée en une nouvelle version {next}, qui deviendra "
        "la version affichée. Les versions existantes restent toutes enregistrées."
    ),
    "history.restore_note": "Note (facultative) : pourquoi ?",
    "history.note_placeholder": "Ex. : le dernier dépôt contenait des erreurs",
    "history.restore_go": "Confirmer la restauration",
    "history.cancel": "Annuler",
    "history.restored": "Restauré : la version {number} est une copie de la version {source}.",
    "history.download": "Télécharger une version",
    "history.download_which": "Version",
    "history.workbook": "Classeur au format de dépôt",
    "history.originals": "Fichier(s) d'origine : {names}",
    "history.original": "Fichier d'origine n° {number}",
}
