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
    "storage.unwritable": (
        "La base {path} ne peut pas être écrite (disque plein ou lecture seule) et ne "
        "peut pas non plus être lue sans écrire : libérez de la place ou rendez-la "
        "inscriptible.",
        "The store {path} cannot be written (disk full or read-only), nor read without "
        "writing: free some space or make it writable.",
    ),
    "storage.read_only_notice": (
        "Lecture seule : la base ne peut pas être écrite (disque plein ou fichier en "
        "lecture seule) ; la consultation fonctionne, rien ne peut être enregistré.",
        "Read-only: the store cannot be written (disk full or read-only file); reading "
        "works, nothing can be saved.",
    ),
    "storage.schema_too_new": (
        "La base de données a été mise à jour par une version plus récente de "
        "l'application : celle-ci refuse de l'utiliser. Installez la dernière version.",
        "The database was upgraded by a newer release of the app: this one refuses to use "
        "it. Install the latest release.",
    ),
    "storage.network_filesystem": (
        "La base SQLite serait sur un système de fichiers réseau ({fstype}) : SQLite n'y "
        "verrouille pas ses fichiers de façon fiable et la base pourrait être corrompue, "
        "l'application refuse donc de démarrer. Placez le dossier d'état "
        "(PLAN_MONITORING_STATE_DIR) sur un disque local, ou utilisez PostgreSQL "
        "(PLAN_MONITORING_DATABASE_URL). PLAN_MONITORING_ALLOW_NETWORK_FS=1 passe outre, "
        "sans aucune garantie.",
        "The SQLite database would be on a network filesystem ({fstype}): SQLite cannot "
        "lock its files reliably there and the database could be corrupted, so the app "
        "refuses to start. Put the state folder (PLAN_MONITORING_STATE_DIR) on a local "
        "disk, or use PostgreSQL (PLAN_MONITORING_DATABASE_URL). "
        "PLAN_MONITORING_ALLOW_NETWORK_FS=1 overrides this, unsupported.",
    ),
    "storage.backup_use_pg_dump": (
        "Cette commande ne sauvegarde qu'une base SQLite. Cette installation utilise "
        "PostgreSQL : sauvegardez-la avec pg_dump (par exemple pg_dump --format=custom "
        "--file=plan-monitoring.dump NOM_DE_LA_BASE). Rien n'a été écrit.",
        "This command only backs up a SQLite database. This installation uses PostgreSQL: "
        "back it up with pg_dump (e.g. pg_dump --format=custom "
        "--file=plan-monitoring.dump DATABASE_NAME). Nothing was written.",
    ),
    "storage.backup_failed": (
        "Sauvegarde impossible vers {path} : aucune sauvegarde n'a été écrite (un fichier "
        "déjà présent est conservé). Les détails sont dans le journal.",
        "Could not back up to {path}: no backup was written (a file already there is "
        "kept). Details are in the log.",
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
    "importing.busy": (
        "Le serveur lit déjà plusieurs fichiers : rien n'a été enregistré. Réessayez "
        "dans un instant.",
        "The server is already reading several files: nothing was stored. Try again in a moment.",
    ),
    # What `plan-monitoring check` finds wrong.
    "check.integrity": (
        "le contrôle d'intégrité de SQLite échoue : {detail}",
        "SQLite's integrity check fails: {detail}",
    ),
    "check.foreign_keys": (
        "{count} ligne(s) renvoient à une version absente",
        "{count} row(s) refer to a missing version",
    ),
    "check.schema_unknown": (
        "schéma de base inconnu de cette version de l'application ({revision})",
        "database schema unknown to this release of the app ({revision})",
    ),
    "check.schema_old": (
        "schéma de base pas à jour ({revision}) : ouvrez la base avec l'application pour "
        "la migrer, puis recommencez",
        "database schema not up to date ({revision}): open the database with the app to "
        "migrate it, then check again",
    ),
    "check.unreadable": (
        "version {version} du jeu « {dataset} » illisible",
        'version {version} of dataset "{dataset}" cannot be read',
    ),
    "check.content_hash": (
        "version {version} du jeu « {dataset} » : les données relues ne correspondent pas "
        "à leur empreinte enregistrée",
        'version {version} of dataset "{dataset}": the data read back do not match their '
        "stored hash",
    ),
    "check.file_sha256": (
        "version {version} du jeu « {dataset} » : le fichier d'origine relu ne correspond "
        "pas à son sha256 ou à sa taille enregistrés",
        'version {version} of dataset "{dataset}": the original file read back does not '
        "match its stored sha256 or size",
    ),
    # Partial updates (issue messages: the report shows them with their place).
    "issue.partial_sheet_not_allowed": (
        "une mise à jour partielle ne contient que les feuilles Suivi, Chronologie et "
        "Verdicts publiés ; pour remplacer les autres feuilles, déposez le classeur complet.",
        "a partial update holds only the Suivi (status updates), Chronologie (events) and "
        "Verdicts publiés (published verdicts) sheets; to replace the other sheets, upload "
        "the whole workbook.",
    ),
    "issue.partial_without_rows": (
        "une mise à jour partielle doit contenir une feuille Suivi, Chronologie ou Verdicts "
        "publiés.",
        "a partial update must hold a Suivi (status updates), Chronologie (events) or "
        "Verdicts publiés (published verdicts) sheet.",
    ),
    "issue.partial_without_version": (
        "le jeu « {dataset} » n'a encore aucune version : déposez d'abord un classeur complet.",
        'dataset "{dataset}" has no version yet: upload a whole workbook first.',
    ),
}
