"""Sign-in, refusal and the admin page."""

MESSAGES: dict[str, str] = {
    "auth.title": "Connexion",
    "auth.why": (
        "Ce tableau de bord est partagé par les associations de la coalition : connectez-vous "
        "avec le compte de votre organisation pour le consulter."
    ),
    "auth.expired": "Votre session a expiré : reconnectez-vous pour continuer.",
    "auth.sign_in": "Se connecter",
    "auth.sign_in_with": "Se connecter avec {provider}",
    "auth.sign_out": "Se déconnecter",
    "auth.not_configured": (
        "La connexion n'est pas configurée sur ce serveur (section [auth] du fichier "
        ".streamlit/secrets.toml) : aucune donnée n'est affichée. Prévenez la personne qui "
        "administre l'application."
    ),
    "auth.local_behind_proxy": (
        "Ce serveur est en mode local (sans connexion) mais la requête passe par un "
        "serveur mandataire (reverse proxy) : il serait ouvert à tous. Aucune donnée n'est "
        "affichée. Pour un accès partagé, réglez PLAN_MONITORING_MODE=shared et configurez "
        "la connexion (voir le README)."
    ),
    "auth.refused_title": "Accès non autorisé",
    "auth.unknown_user": (
        "Vous êtes connecté·e en tant que {user}, mais ce compte n'a pas encore accès au "
        "tableau de bord. Demandez à un administrateur de la coalition de vous ajouter."
    ),
    "auth.no_email": (
        "Votre fournisseur d'identité n'a pas transmis d'adresse e-mail vérifiée ({user}) : "
        "l'accès ne peut pas être accordé. Prévenez la personne qui administre l'application."
    ),
    "auth.email_taken": (
        "L'adresse {user} est déjà liée à un autre compte : l'accès ne peut pas être "
        "accordé à celui-ci. Si c'est bien votre adresse, demandez à un administrateur de "
        "la libérer (plan-monitoring users unbind), puis reconnectez-vous."
    ),
    "auth.signed_in_as": "{name} ({user}) · {role}",
    "auth.local_mode": (
        "Mode local : pas de connexion, la personne devant l'écran administre l'application. "
        "Les rôles s'appliquent en mode partagé (PLAN_MONITORING_MODE=shared)."
    ),
    "auth.forbidden_page": "Votre rôle ({role}) ne donne pas accès à cette page.",
    "auth.forbidden_restore": (
        "Restaurer une version est réservé aux éditeurs et aux administrateurs (votre rôle : "
        "{role})."
    ),
    "page.admin": "Administration",
    "admin.users": "Utilisateurs et rôles",
    "admin.users_help": (
        "Lecteur : consulte et télécharge. Éditeur : met aussi à jour et restaure des "
        "versions. Administrateur : gère aussi les rôles et lit le journal."
    ),
    "admin.policy": (
        "Compte inconnu : {policy}. Administrateurs permanents (PLAN_MONITORING_ADMINS) : {admins}."
    ),
    "admin.policy.refuse": "refusé",
    "admin.policy.viewer": "lecteur",
    "admin.none": "aucun",
    "admin.col.user": "Utilisateur (e-mail)",
    "admin.col.role": "Rôle",
    "admin.col.updated_at": "Modifié le ({zone})",
    "admin.col.updated_by": "Par",
    "admin.no_users": "Aucun utilisateur enregistré.",
    "admin.set_title": "Ajouter ou changer un rôle",
    "admin.email": "Adresse e-mail",
    "admin.role": "Rôle",
    "admin.save": "Enregistrer le rôle",
    "admin.saved": "Rôle de {user} : {role}.",
    "admin.remove_title": "Retirer un accès",
    "admin.remove_which": "Utilisateur",
    "admin.remove": "Retirer",
    "admin.removed": "{user} n'a plus d'accès.",
    "admin.audit": "Journal d'audit",
    "admin.audit_help": (
        "Qui a mis à jour, restauré, exporté, changé un rôle, s'est connecté ou a été refusé, et "
        "quand (fuseau {zone}). Rien n'y est jamais effacé."
    ),
    "admin.audit_kinds": "Événements",
    "admin.audit_limit": "Lignes affichées",
    "admin.no_audit": "Aucun événement.",
    "admin.col.at": "Date ({zone})",
}
