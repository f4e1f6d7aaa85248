"""Text of the command line."""

MESSAGES: dict[str, str] = {
    "cli.unexpected": (
        "Erreur inattendue (référence {ref}) : rien n'a été modifié. Les détails sont dans "
        "le journal."
    ),
    "cli.no_such_file": "Fichier introuvable : {path}",
    "cli.valid": "Le classeur est valide.",
    "cli.invalid": "Le classeur est refusé : {count} {count:plural:erreur|erreurs}.",
    "cli.summary_title": "{name} — situation au {as_of}",
    "cli.adopted": "Adopté le : {date}",
    "cli.measures": "Mesures : {count}",
    "cli.status_counts": (
        "Réalisées {done} · partielles {partial} · non réalisées {not_done} · abandonnées "
        "{dropped} · non évaluées {unknown}"
    ),
    "cli.completion": "Taux de réalisation : {rate}",
    "cli.adoption_delay": "Délai d'adoption (adopté − attendu) : {delay}",
    "cli.gap_before_days": "Sans plan avant celui-ci (adoption − fin du plan précédent) : {days}",
    "cli.retention": (
        "Recommandations retenues {retained} · partiellement {partly_retained} · retirées "
        "du projet {dropped_from_draft} · non retenues {not_retained}"
    ),
    "cli.publish.site_written": (
        "Site statique écrit dans {path} ({pages} fichiers) : ouvrez index.html."
    ),
    "cli.publish.package_written": (
        "Paquet de données ouvertes écrit dans {path} ({files} fichiers)."
    ),
    "cli.publish.no_version": (
        "Le jeu « {dataset} » n'a aucune version enregistrée : rien à publier."
    ),
    "cli.template_written": "Modèle vierge écrit : {path}",
    # Versions (import, history, diff, export, restore).
    "cli.history_title": "Jeu « {dataset} » : {count} {count:plural:version|versions}",
    "cli.history_line": (
        "v{number}  {when}  {author}  {kind}  {file} ({size} octets)  {measures} mesures, "
        "{assessments} évaluations, {events} événements"
    ),
    "cli.kind.upload": "classeur complet",
    "cli.kind.partial": "mise à jour partielle",
    "cli.kind.restore": "restauration",
    "cli.kind.seed": "jeu livré",
    "cli.diff_title": (
        "Jeu « {dataset} » : changements de la version {old} à la version {new} (situation "
        "au {as_of})"
    ),
    "cli.log.title.measure": "Jeu « {dataset} » : modifications de la mesure {item}",
    "cli.log.title.recommendation": "Jeu « {dataset} » : modifications de la recommandation {item}",
    "cli.log.version": "Version {number} (après la version {previous}) · {when} · {author}",
    "cli.log.value_line": "{field} : {value}",
    "cli.log.which": "Donnez une mesure, ou --recommendation et une recommandation, pas les deux.",
    "cli.log.unknown.measure": "La mesure {item} n'est dans aucune version du jeu « {dataset} ».",
    "cli.log.unknown.recommendation": (
        "La recommandation {item} n'est dans aucune version du jeu « {dataset} »."
    ),
    "cli.exported": "Version {number} du jeu « {dataset} » écrite : {path}",
    # A workbook asked for under a name whose extension is not a workbook format written.
    "cli.unwritable_extension": (
        "Rien n'a été écrit : {path} n'est pas un nom de classeur que cette commande sait "
        "écrire ; terminez-le par {formats}."
    ),
    "cli.formats_or": " ou ",
    "cli.annotated_written": (
        "Fichier annoté écrit (chaque problème marqué sur sa cellule) : {path}"
    ),
    # Backups and checks.
    "cli.backup_done": "Sauvegarde écrite : {path} ({size} octets, contrôle d'intégrité : ok).",
    "cli.check_ok": (
        "Base saine : {datasets} jeu(x) de données, {versions} version(s) relue(s), "
        "empreintes conformes."
    ),
    "cli.check_failed": "{count} {count:plural:problème trouvé|problèmes trouvés} :",
    # Users and the audit trail.
    "cli.users.title": "{count} {count:plural:utilisateur|utilisateurs} :",
    "cli.users.line": "{user}  {role}  (modifié le {when} par {by})",
    "cli.users.none": (
        "Aucun utilisateur enregistré. Ajoutez-en un avec : plan-monitoring users set ADRESSE ROLE"
    ),
    "cli.users.permanent": "Administrateurs permanents (PLAN_MONITORING_ADMINS) : {admins}",
    "cli.users.set": "Rôle de {user} : {role} (avant : {old}).",
    "cli.users.unchanged": "{user} a déjà le rôle {role} : rien n'a été modifié.",
    "cli.users.removed": "{user} n'a plus d'accès (rôle retiré : {old}).",
    "cli.users.not_found": (
        "{user} n'a aucun rôle enregistré : rien n'a été retiré. La liste : "
        "plan-monitoring users list"
    ),
    "cli.users.unbound": (
        "{user} n'est plus lié au compte {subject} ({issuer}) : le prochain compte qui se "
        "connecte avec cette adresse vérifiée lui sera lié."
    ),
    "cli.users.not_bound": "{user} n'est lié à aucun compte : rien n'a été modifié.",
    "cli.users.local_mode": (
        "Note : l'application est en mode local (sans connexion) ; les rôles ne "
        "s'appliquent qu'en mode partagé (PLAN_MONITORING_MODE=shared)."
    ),
    "cli.audit.title": (
        "Journal d'audit : {count} {count:plural:événement|événements}, du plus récent au plus "
        "ancien"
    ),
    "cli.audit.none": "Journal d'audit : aucun événement.",
    "cli.audit.written": (
        "Journal d'audit écrit : {path} ({count} {count:plural:événement|événements})."
    ),
}
