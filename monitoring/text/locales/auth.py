"""Sign-in, refusal and the admin page."""

MESSAGES: dict[str, tuple[str, str]] = {
    "auth.title": ("Connexion", "Sign in"),
    "auth.why": (
        "Ce tableau de bord est partagé par les associations de la coalition : connectez-vous "
        "avec le compte de votre organisation pour le consulter.",
        "This dashboard is shared by the coalition's associations: sign in with your "
        "organisation's account to see it.",
    ),
    "auth.expired": (
        "Votre session a expiré : reconnectez-vous pour continuer.",
        "Your session has expired: sign in again to go on.",
    ),
    "auth.sign_in": ("Se connecter", "Sign in"),
    "auth.sign_in_with": ("Se connecter avec {provider}", "Sign in with {provider}"),
    "auth.sign_out": ("Se déconnecter", "Sign out"),
    "auth.not_configured": (
        "La connexion n'est pas configurée sur ce serveur (section [auth] du fichier "
        ".streamlit/secrets.toml) : aucune donnée n'est affichée. Prévenez la personne qui "
        "administre l'application.",
        "Sign-in is not configured on this server (the [auth] section of "
        ".streamlit/secrets.toml): no data is shown. Tell whoever runs the app.",
    ),
    "auth.local_behind_proxy": (
        "Ce serveur est en mode local (sans connexion) mais la requête passe par un "
        "serveur mandataire (reverse proxy) : il serait ouvert à tous. Aucune donnée n'est "
        "affichée. Pour un accès partagé, réglez PLAN_MONITORING_MODE=shared et configurez "
        "la connexion (voir le README).",
        "This server is in local mode (no sign-in) but the request came through a reverse "
        "proxy: it would be open to anyone. No data is shown. For shared access, set "
        "PLAN_MONITORING_MODE=shared and configure sign-in (see the README).",
    ),
    "auth.refused_title": ("Accès non autorisé", "Access not granted"),
    "auth.unknown_user": (
        "Vous êtes connecté·e en tant que {user}, mais ce compte n'a pas encore accès au "
        "tableau de bord. Demandez à un administrateur de la coalition de vous ajouter.",
        "You are signed in as {user}, but this account has no access to the dashboard yet. "
        "Ask an admin of the coalition to add you.",
    ),
    "auth.no_email": (
        "Votre fournisseur d'identité n'a pas transmis d'adresse e-mail vérifiée ({user}) : "
        "l'accès ne peut pas être accordé. Prévenez la personne qui administre l'application.",
        "Your identity provider did not give a verified e-mail address ({user}): access "
        "cannot be granted. Tell whoever runs the app.",
    ),
    "auth.email_taken": (
        "L'adresse {user} est déjà liée à un autre compte : l'accès ne peut pas être "
        "accordé à celui-ci. Si c'est bien votre adresse, demandez à un administrateur de "
        "la libérer (plan-monitoring users unbind), puis reconnectez-vous.",
        "The address {user} is already bound to another account: access cannot be granted "
        "to this one. If it is your address, ask an admin to free it (plan-monitoring users "
        "unbind), then sign in again.",
    ),
    "auth.signed_in_as": ("{name} ({user}) · {role}", "{name} ({user}) · {role}"),
    "auth.local_mode": (
        "Mode local : pas de connexion, la personne devant l'écran administre l'application. "
        "Les rôles s'appliquent en mode partagé (PLAN_MONITORING_MODE=shared).",
        "Local mode: no sign-in, whoever is at the keyboard runs the app. Roles apply in "
        "shared mode (PLAN_MONITORING_MODE=shared).",
    ),
    "auth.forbidden_page": (
        "Votre rôle ({role}) ne donne pas accès à cette page.",
        "Your role ({role}) gives no access to this page.",
    ),
    "auth.forbidden_restore": (
        "Restaurer une version est réservé aux éditeurs et aux administrateurs (votre rôle : "
        "{role}).",
        "Restoring a version is for editors and admins (your role: {role}).",
    ),
    "page.admin": ("Administration", "Administration"),
    "admin.users": ("Utilisateurs et rôles", "Users and roles"),
    "admin.users_help": (
        "Lecteur : consulte et télécharge. Éditeur : met aussi à jour et restaure des "
        "versions. Administrateur : gère aussi les rôles et lit le journal.",
        "Viewer: reads and downloads. Editor: also updates and restores versions. Admin: also "
        "manages roles and reads the audit trail.",
    ),
    "admin.policy": (
        "Compte inconnu : {policy}. Administrateurs permanents (PLAN_MONITORING_ADMINS) : "
        "{admins}.",
        "Unknown accounts: {policy}. Permanent admins (PLAN_MONITORING_ADMINS): {admins}.",
    ),
    "admin.policy.refuse": ("refusé", "refused"),
    "admin.policy.viewer": ("lecteur", "viewer"),
    "admin.none": ("aucun", "none"),
    "admin.col.user": ("Utilisateur (e-mail)", "User (e-mail)"),
    "admin.col.role": ("Rôle", "Role"),
    "admin.col.updated_at": ("Modifié le ({zone})", "Changed on ({zone})"),
    "admin.col.updated_by": ("Par", "By"),
    "admin.no_users": ("Aucun utilisateur enregistré.", "No user recorded."),
    "admin.set_title": ("Ajouter ou changer un rôle", "Add or change a role"),
    "admin.email": ("Adresse e-mail", "E-mail address"),
    "admin.role": ("Rôle", "Role"),
    "admin.save": ("Enregistrer le rôle", "Save the role"),
    "admin.saved": ("Rôle de {user} : {role}.", "Role of {user}: {role}."),
    "admin.remove_title": ("Retirer un accès", "Remove an access"),
    "admin.remove_which": ("Utilisateur", "User"),
    "admin.remove": ("Retirer", "Remove"),
    "admin.removed": ("{user} n'a plus d'accès.", "{user} has no access any more."),
    "admin.audit": ("Journal d'audit", "Audit trail"),
    "admin.audit_help": (
        "Qui a mis à jour, restauré, exporté, changé un rôle, s'est connecté ou a été refusé, "
        "et quand (fuseau {zone}). Rien n'y est jamais effacé.",
        "Who updated, restored, exported, changed a role, signed in or was refused, and when "
        "(time zone {zone}). Nothing is ever deleted from it.",
    ),
    "admin.col.at": ("Date ({zone})", "Date ({zone})"),
    "admin.audit_kinds": ("Événements", "Events"),
    "admin.audit_limit": ("Lignes affichées", "Rows shown"),
    "admin.no_audit": ("Aucun événement.", "No event."),
}
