"""Text of the version store and the import service: outcomes, failures, partial updates."""

MESSAGES: dict[str, str] = {
    # What an import did.
    "importing.stored": "Enregistré : version {number} du jeu « {dataset} ».",
    "importing.replayed": (
        "Déjà enregistré : version {number} du jeu « {dataset} » (rien n'a été ajouté)."
    ),
    "importing.identical": "Contenu identique à la version {number} : rien n'a été enregistré.",
    "importing.rejected": (
        "Fichier refusé ({count} {count:plural:erreur|erreurs}) : rien n'a été enregistré."
    ),
    "importing.restore_note": "Restauration de la version {number}.",
    # Why a save failed; nothing was changed in every case.
    "storage.failed": (
        "Enregistrement impossible : rien n'a été modifié. Réessayez ; si cela persiste, "
        "prévenez la personne qui administre l'application."
    ),
    "storage.busy": (
        "La base est occupée par un autre enregistrement : rien n'a été modifié. "
        "Réessayez dans un instant."
    ),
    "storage.unwritable": (
        "La base {path} ne peut pas être écrite (disque plein ou lecture seule) et ne "
        "peut pas non plus être lue sans écrire : libérez de la place ou rendez-la "
        "inscriptible."
    ),
    "storage.read_only_notice": (
        "Lecture seule : la base ne peut pas être écrite (disque plein ou fichier en "
        "lecture seule) ; la consultation fonctionne, rien ne peut être enregistré."
    ),
    "storage.schema_too_new": (
        "La base de données a été mise à jour par une version plus récente de "
        "l'application : celle-ci refuse de l'utiliser. Installez la dernière version."
    ),
    "storage.network_filesystem": (
        "La base SQLite serait sur un système de fichiers réseau ({fstype}) : SQLite n'y "
        "verrouille pas ses fichiers de façon fiable et la base pourrait être corrompue, "
        "l'application refuse donc de démarrer. Placez le dossier d'état "
        "(PLAN_MONITORING_STATE_DIR) sur un disque local, ou utilisez PostgreSQL "
        "(PLAN_MONITORING_DATABASE_URL). PLAN_MONITORING_ALLOW_NETWORK_FS=1 passe outre, "
        "sans aucune garantie."
    ),
    "storage.backup_use_pg_dump": (
        "Cette commande ne sauvegarde qu'une base SQLite. Cette installation utilise "
        "PostgreSQL : sauvegardez-la avec pg_dump (par exemple pg_dump --format=custom "
        "--file=plan-monitoring.dump NOM_DE_LA_BASE). Rien n'a été écrit."
    ),
    "storage.backup_failed": (
        "Sauvegarde impossible vers {path} : aucune sauvegarde n'a été écrite (un fichier "
        "déjà présent est conservé). Les détails sont dans le journal."
    ),
    "storage.version_not_found": "Le jeu « {dataset} » n'a pas de version {version}.",
    "storage.invalid_dataset_key": (
        "« {dataset} » n'est pas un nom de jeu valide : lettres minuscules, chiffres, - et _ "
        "(63 caractères au plus)."
    ),
    "importing.busy": (
        "Le serveur lit déjà plusieurs fichiers : rien n'a été enregistré. Réessayez "
        "dans un instant."
    ),
    # What `plan-monitoring check` finds wrong.
    "check.integrity": "le contrôle d'intégrité de SQLite échoue : {detail}",
    "check.foreign_keys": (
        "{count} {count:plural:ligne renvoie|lignes renvoient} à une version absente"
    ),
    "check.schema_unknown": "schéma de base inconnu de cette version de l'application ({revision})",
    "check.schema_old": (
        "schéma de base pas à jour ({revision}) : ouvrez la base avec l'application pour "
        "la migrer, puis recommencez"
    ),
    "check.unreadable": "version {version} du jeu « {dataset} » illisible",
    "check.content_hash": (
        "version {version} du jeu « {dataset} » : les données relues ne correspondent pas "
        "à leur empreinte enregistrée"
    ),
    "check.file_sha256": (
        "version {version} du jeu « {dataset} » : le fichier d'origine relu ne correspond "
        "pas à son sha256 ou à sa taille enregistrés"
    ),
    # Partial updates (issue messages: the report shows them with their place).
    "issue.partial_sheet_not_allowed": (
        "une mise à jour partielle ne contient que les feuilles Suivi, Chronologie et "
        "Verdicts publiés ; pour remplacer les autres feuilles, déposez le classeur complet."
    ),
    "issue.partial_without_rows": (
        "une mise à jour partielle doit contenir une feuille Suivi, Chronologie ou Verdicts "
        "publiés."
    ),
    "issue.partial_without_version": (
        "le jeu « {dataset} » n'a encore aucune version : déposez d'abord un classeur complet."
    ),
}
