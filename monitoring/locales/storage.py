"""Text of the version store and the import service: outcomes, failures, partial updates."""

MESSAGES: dict[str, tuple[str, str]] = {
    # What an import did.
    "importing.stored": (
        "Enregistré : version {number} du jeu « {dataset} ».",
        'Stored: version {number} of dataset "{dataset}".',
    ),
    "importing.replayed": (
        "Déjà enregistré : version {number} du jeu « {dataset} » (rien n'a été ajouté).",
        'Already stored: version {number} of dataset "{dataset}" (nothing was added).',
    ),
    "importing.identical": (
        "Contenu identique à la version {number} : rien n'a été enregistré.",
        "Identical to version {number}: nothing was stored.",
    ),
    "importing.rejected": (
        "Fichier refusé ({count} erreur(s)) : rien n'a été enregistré.",
        "File rejected ({count} error(s)): nothing was stored.",
    ),
    "importing.restore_note": (
        "Restauration de la version {number}.",
        "Restore of version {number}.",
    ),
    # Why a save failed; nothing was changed in every case.
    "storage.failed": (
        "Enregistrement impossible : rien n'a été modifié. Réessayez ; si cela persiste, "
        "prévenez la personne qui administre l'application.",
        "Could not save: nothing was changed. Try again; if it persists, tell whoever "
        "runs the app.",
    ),
    "storage.busy": (
        "La base est occupée par un autre enregistrement : rien n'a été modifié. "
        "Réessayez dans un instant.",
        "The database is busy with another save: nothing was changed. Try again in a moment.",
    ),
    "storage.schema_too_new": (
        "La base de données a été mise à jour par une version plus récente de "
        "l'application : celle-ci refuse de l'utiliser. Installez la dernière version.",
        "The database was upgraded by a newer release of the app: this one refuses to use "
        "it. Install the latest release.",
    ),
    "storage.version_not_found": (
        "Le jeu « {dataset} » n'a pas de version {version}.",
        'Dataset "{dataset}" has no version {version}.',
    ),
    "storage.invalid_dataset_key": (
        "« {dataset} » n'est pas un nom de jeu valide : lettres minuscules, chiffres, - et _ "
        "(63 caractères au plus).",
        '"{dataset}" is not a valid dataset name: lowercase letters, digits, - and _ (63 '
        "characters at most).",
    ),
    # Partial updates (issue messages: the report shows them with their place).
    "issue.partial_sheet_not_allowed": (
        "une mise à jour partielle ne contient que les feuilles Suivi et Chronologie ; "
        "pour remplacer les autres feuilles, déposez le classeur complet.",
        "a partial update holds only the Suivi (status updates) and Chronologie (events) "
        "sheets; to replace the other sheets, upload the whole workbook.",
    ),
    "issue.partial_without_rows": (
        "une mise à jour partielle doit contenir une feuille Suivi ou Chronologie.",
        "a partial update must hold a Suivi (status updates) or Chronologie (events) sheet.",
    ),
    "issue.partial_without_version": (
        "le jeu « {dataset} » n'a encore aucune version : déposez d'abord un classeur complet.",
        'dataset "{dataset}" has no version yet: upload a whole workbook first.',
    ),
}
