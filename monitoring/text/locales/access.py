"""Text of roles and the audit trail: refusals, role names, kinds of event, role changes."""

MESSAGES: dict[str, str] = {
    # `Forbidden`: the core refused a write; `{role}` is the role's name (below).
    "access.forbidden": "Votre rôle ({role}) ne permet pas cette action ; rien n'a été modifié.",
    "access.role.viewer": "Lecteur",
    "access.role.editor": "Éditeur",
    "access.role.admin": "Administrateur",
    "access.no_role": "aucun",
    # Role changes refused (`LastAdmin`, `InvalidUserId`).
    "access.last_admin": (
        "{user} est le dernier administrateur enregistré : il ne peut être ni retiré ni "
        "rétrogradé, sinon plus personne ne pourrait gérer les rôles. Nommez d'abord un "
        "autre administrateur. Rien n'a été modifié."
    ),
    "access.invalid_email": (
        "« {user} » n'est pas une adresse e-mail (nom@domaine.fr, 254 caractères au plus) : "
        "rien n'a été modifié. Indiquez l'adresse avec laquelle la personne se connecte."
    ),
    # Kinds of event in the audit trail.
    "audit.kind.upload": "Mise à jour",
    "audit.kind.restore": "Restauration",
    "audit.kind.export": "Téléchargement",
    "audit.kind.role": "Changement de rôle",
    "audit.kind.sign_in": "Connexion",
    "audit.kind.refused": "Accès refusé",
    # Why a sign-in was refused (`access.REFUSALS`), at the start of its audit detail.
    "audit.refusal.no-account": "le fournisseur n'a pas donné d'identifiant de compte (iss, sub)",
    "audit.refusal.no-email": "pas d'adresse e-mail",
    "audit.refusal.email-unverified": "adresse e-mail non vérifiée (email_verified faux)",
    "audit.refusal.email-unconfirmed": (
        "vérification de l'adresse e-mail absente (pas de email_verified)"
    ),
    "audit.refusal.email-taken": "adresse déjà liée à un autre compte",
    "audit.refusal.unknown-user": "compte sans rôle",
    # The columns of the audit trail as a table (`plan-monitoring audit --csv`).
    "audit.col.at": "Date (UTC)",
    "audit.col.kind": "Événement",
    "audit.col.actor": "Qui",
    "audit.col.role": "Rôle alors",
    "audit.col.dataset": "Jeu de données",
    "audit.col.version": "Version",
    "audit.col.detail": "Détail",
    "audit.title": "Journal d'audit",
    "audit.source": "journal d'audit de l'application",
}
