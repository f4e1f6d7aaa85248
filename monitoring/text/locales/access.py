"""Text of roles and the audit trail: refusals, role names, kinds of event, role changes."""

MESSAGES: dict[str, tuple[str, str]] = {
    # `Forbidden`: the core refused a write; `{role}` is the role's name (below).
    "access.forbidden": (
        "Votre rôle ({role}) ne permet pas cette action ; rien n'a été modifié.",
        "Your role ({role}) does not allow this action; nothing was changed.",
    ),
    "access.role.viewer": ("Lecteur", "Viewer"),
    "access.role.editor": ("Éditeur", "Editor"),
    "access.role.admin": ("Administrateur", "Admin"),
    "access.no_role": ("aucun", "none"),
    # Role changes refused (`LastAdmin`, `InvalidUserId`).
    "access.last_admin": (
        "{user} est le dernier administrateur enregistré : il ne peut être ni retiré ni "
        "rétrogradé, sinon plus personne ne pourrait gérer les rôles. Nommez d'abord un "
        "autre administrateur. Rien n'a été modifié.",
        "{user} is the last recorded admin: they can be neither removed nor demoted, or "
        "nobody could manage roles any more. Make someone else an admin first. Nothing was "
        "changed.",
    ),
    "access.invalid_email": (
        "« {user} » n'est pas une adresse e-mail (nom@domaine.fr, 254 caractères au plus) : "
        "rien n'a été modifié. Indiquez l'adresse avec laquelle la personne se connecte.",
        '"{user}" is not an e-mail address (name@domain.org, 254 characters at most): '
        "nothing was changed. Give the address the person signs in with.",
    ),
    # Kinds of event in the audit trail.
    "audit.kind.upload": ("Mise à jour", "Update"),
    "audit.kind.restore": ("Restauration", "Restore"),
    "audit.kind.export": ("Téléchargement", "Download"),
    "audit.kind.role": ("Changement de rôle", "Role change"),
    "audit.kind.sign_in": ("Connexion", "Sign-in"),
    "audit.kind.refused": ("Accès refusé", "Access refused"),
    # Why a sign-in was refused (`access.REFUSALS`), at the start of its audit detail.
    "audit.refusal.no-account": (
        "le fournisseur n'a pas donné d'identifiant de compte (iss, sub)",
        "the provider gave no account identifier (iss, sub)",
    ),
    "audit.refusal.no-email": ("pas d'adresse e-mail", "no e-mail address"),
    "audit.refusal.email-unverified": (
        "adresse e-mail non vérifiée (email_verified faux)",
        "e-mail address not verified (email_verified false)",
    ),
    "audit.refusal.email-unconfirmed": (
        "vérification de l'adresse e-mail absente (pas de email_verified)",
        "no e-mail verification (email_verified missing)",
    ),
    "audit.refusal.email-taken": (
        "adresse déjà liée à un autre compte",
        "address already bound to another account",
    ),
    "audit.refusal.unknown-user": ("compte sans rôle", "account without a role"),
    # The columns of the audit trail as a table (`plan-monitoring audit --csv`).
    "audit.col.at": ("Date (UTC)", "Date (UTC)"),
    "audit.col.kind": ("Événement", "Event"),
    "audit.col.actor": ("Qui", "Who"),
    "audit.col.role": ("Rôle alors", "Role then"),
    "audit.col.dataset": ("Jeu de données", "Dataset"),
    "audit.col.version": ("Version", "Version"),
    "audit.col.detail": ("Détail", "Detail"),
    "audit.title": ("Journal d'audit", "Audit trail"),
    "audit.source": ("journal d'audit de l'application", "the app's audit trail"),
}
