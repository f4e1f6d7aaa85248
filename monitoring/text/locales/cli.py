"""Text of the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.unexpected": (
        "Erreur inattendue (référence {ref}) : rien n'a été modifié. Les détails sont dans "
        "le journal.",
        "Unexpected error (reference {ref}): nothing was changed. Details are in the log.",
    ),
    "cli.no_such_file": ("Fichier introuvable : {path}", "No such file: {path}"),
    "cli.valid": ("Le classeur est valide.", "The workbook is valid."),
    "cli.invalid": (
        "Le classeur est refusé : {count} erreur(s).",
        "The workbook is rejected: {count} error(s).",
    ),
    "cli.summary_title": ("{name} — situation au {as_of}", "{name} — as of {as_of}"),
    "cli.adopted": ("Adopté le : {date}", "Adopted on: {date}"),
    "cli.measures": ("Mesures : {count}", "Measures: {count}"),
    "cli.status_counts": (
        "Réalisées {done} · partielles {partial} · non réalisées {not_done} · abandonnées "
        "{dropped} · non évaluées {unknown}",
        "Done {done} · partial {partial} · not done {not_done} · dropped {dropped} · not "
        "assessed {unknown}",
    ),
    "cli.completion": ("Taux de réalisation : {rate}", "Completion rate: {rate}"),
    "cli.adoption_delay": (
        "Délai d'adoption (adopté − attendu) : {delay}",
        "Adoption delay (adopted − expected): {delay}",
    ),
    "cli.gap_before_days": (
        "Sans plan avant celui-ci (adoption − fin du plan précédent) : {days}",
        "No plan before this one (adoption − previous plan's end): {days}",
    ),
    "cli.retention": (
        "Recommandations retenues {retained} · partiellement {partly_retained} · retirées "
        "du projet {dropped_from_draft} · non retenues {not_retained}",
        "Recommendations retained {retained} · partly {partly_retained} · dropped from "
        "draft {dropped_from_draft} · not retained {not_retained}",
    ),
    "cli.template_written": ("Modèle vierge écrit : {path}", "Blank template written: {path}"),
    # Versions (import, history, diff, export, restore).
    "cli.history_title": (
        "Jeu « {dataset} » : {count} version(s)",
        'Dataset "{dataset}": {count} version(s)',
    ),
    "cli.history_line": (
        "v{number}  {when}  {author}  {kind}  {file} ({size} octets)  {measures} mesures, "
        "{assessments} évaluations, {events} événements",
        "v{number}  {when}  {author}  {kind}  {file} ({size} bytes)  {measures} measures, "
        "{assessments} assessments, {events} events",
    ),
    "cli.kind.upload": ("classeur complet", "whole workbook"),
    "cli.kind.partial": ("mise à jour partielle", "partial update"),
    "cli.kind.restore": ("restauration", "restore"),
    "cli.kind.seed": ("jeu livré", "shipped dataset"),
    "cli.diff_title": (
        "Jeu « {dataset} » : changements de la version {old} à la version {new} (situation "
        "au {as_of})",
        'Dataset "{dataset}": changes from version {old} to version {new} (as of {as_of})',
    ),
    "cli.log.title.measure": (
        "Jeu « {dataset} » : modifications de la mesure {item}",
        'Dataset "{dataset}": changes of measure {item}',
    ),
    "cli.log.title.recommendation": (
        "Jeu « {dataset} » : modifications de la recommandation {item}",
        'Dataset "{dataset}": changes of recommendation {item}',
    ),
    "cli.log.version": (
        "Version {number} (après la version {previous}) · {when} · {author}",
        "Version {number} (after version {previous}) · {when} · {author}",
    ),
    "cli.log.value_line": ("{field} : {value}", "{field}: {value}"),
    "cli.log.which": (
        "Donnez une mesure, ou --recommendation et une recommandation, pas les deux.",
        "Give a measure, or --recommendation and a recommendation, not both.",
    ),
    "cli.log.unknown.measure": (
        "La mesure {item} n'est dans aucune version du jeu « {dataset} ».",
        'Measure {item} is in no version of dataset "{dataset}".',
    ),
    "cli.log.unknown.recommendation": (
        "La recommandation {item} n'est dans aucune version du jeu « {dataset} ».",
        'Recommendation {item} is in no version of dataset "{dataset}".',
    ),
    "cli.exported": (
        "Version {number} du jeu « {dataset} » écrite : {path}",
        'Version {number} of dataset "{dataset}" written: {path}',
    ),
    # Backups and checks.
    "cli.backup_done": (
        "Sauvegarde écrite : {path} ({size} octets, contrôle d'intégrité : ok).",
        "Backup written: {path} ({size} bytes, integrity check: ok).",
    ),
    "cli.check_ok": (
        "Base saine : {datasets} jeu(x) de données, {versions} version(s) relue(s), "
        "empreintes conformes.",
        "Database sound: {datasets} dataset(s), {versions} version(s) read back, hashes match.",
    ),
    "cli.check_failed": (
        "{count} problème(s) trouvé(s) :",
        "{count} problem(s) found:",
    ),
    # Users and the audit trail.
    "cli.users.title": ("{count} utilisateur(s) :", "{count} user(s):"),
    "cli.users.line": (
        "{user}  {role}  (modifié le {when} par {by})",
        "{user}  {role}  (changed on {when} by {by})",
    ),
    "cli.users.none": (
        "Aucun utilisateur enregistré. Ajoutez-en un avec : plan-monitoring users set ADRESSE ROLE",
        "No user recorded. Add one with: plan-monitoring users set ADDRESS ROLE",
    ),
    "cli.users.permanent": (
        "Administrateurs permanents (PLAN_MONITORING_ADMINS) : {admins}",
        "Permanent admins (PLAN_MONITORING_ADMINS): {admins}",
    ),
    "cli.users.set": (
        "Rôle de {user} : {role} (avant : {old}).",
        "Role of {user}: {role} (before: {old}).",
    ),
    "cli.users.unchanged": (
        "{user} a déjà le rôle {role} : rien n'a été modifié.",
        "{user} already has the role {role}: nothing was changed.",
    ),
    "cli.users.removed": (
        "{user} n'a plus d'accès (rôle retiré : {old}).",
        "{user} has no access any more (role removed: {old}).",
    ),
    "cli.users.not_found": (
        "{user} n'a aucun rôle enregistré : rien n'a été retiré. La liste : "
        "plan-monitoring users list",
        "{user} has no recorded role: nothing was removed. The list: plan-monitoring users list",
    ),
    "cli.users.unbound": (
        "{user} n'est plus lié au compte {subject} ({issuer}) : le prochain compte qui se "
        "connecte avec cette adresse vérifiée lui sera lié.",
        "{user} is no longer bound to the account {subject} ({issuer}): the next account "
        "signing in with this verified address will be bound to it.",
    ),
    "cli.users.not_bound": (
        "{user} n'est lié à aucun compte : rien n'a été modifié.",
        "{user} is bound to no account: nothing was changed.",
    ),
    "cli.users.local_mode": (
        "Note : l'application est en mode local (sans connexion) ; les rôles ne "
        "s'appliquent qu'en mode partagé (PLAN_MONITORING_MODE=shared).",
        "Note: the app is in local mode (no sign-in); roles apply only in shared mode "
        "(PLAN_MONITORING_MODE=shared).",
    ),
    "cli.audit.title": (
        "Journal d'audit : {count} événement(s), du plus récent au plus ancien",
        "Audit trail: {count} event(s), newest first",
    ),
    "cli.audit.none": ("Journal d'audit : aucun événement.", "Audit trail: no event."),
    "cli.audit.written": (
        "Journal d'audit écrit : {path} ({count} événement(s)).",
        "Audit trail written: {path} ({count} event(s)).",
    ),
}
