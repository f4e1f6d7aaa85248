"""Text of the change review between two versions."""

MESSAGES: dict[str, tuple[str, str]] = {
    "changes.none": ("Aucun changement.", "No changes."),
    "changes.count": ("{label} : {count}", "{label}: {count}"),
    # The kinds of change (sections of the review).
    "changes.section.plans_added": ("Plans ajoutés", "Plans added"),
    "changes.section.plans_removed": ("Plans retirés", "Plans removed"),
    "changes.section.measures_added": ("Mesures ajoutées", "Measures added"),
    "changes.section.measures_removed": ("Mesures retirées", "Measures removed"),
    "changes.section.statuses": ("Statuts modifiés", "Statuses changed"),
    "changes.section.deadlines": ("Échéances déplacées", "Deadlines moved"),
    "changes.section.retention": (
        "Prise en compte des recommandations modifiée",
        "Recommendation retention changed",
    ),
    "changes.section.events_added": ("Événements ajoutés", "Events added"),
    "changes.section.events_removed": ("Événements retirés", "Events removed"),
    "changes.section.events_changed": ("Événements modifiés", "Events changed"),
    "changes.section.verdicts_added": ("Verdicts publiés ajoutés", "Published verdicts added"),
    "changes.section.verdicts_removed": (
        "Verdicts publiés retirés",
        "Published verdicts removed",
    ),
    "changes.section.verdicts_changed": (
        "Verdicts publiés modifiés",
        "Published verdicts changed",
    ),
    "changes.verdict_covered": ("{count} mesures couvertes", "{count} measures covered"),
    # Which way a status moved.
    "changes.direction.up": ("en progrès", "up"),
    "changes.direction.down": ("en recul", "down"),
    "changes.direction.dropped": ("abandonnée", "dropped"),
    "changes.direction.reinstated": ("plus abandonnée", "no longer dropped"),
    "changes.direction.assessed": ("première évaluation", "first assessed"),
    "changes.direction.unassessed": ("plus d'évaluation", "no longer assessed"),
    # Columns of the review table.
    "changes.column.change": ("Changement", "Change"),
    "changes.column.plan": ("Plan", "Plan"),
    "changes.column.item": ("Identifiant", "ID"),
    "changes.column.voice": ("Évalué par", "Assessed by"),
    "changes.column.title": ("Intitulé", "Title"),
    "changes.column.date": ("Date", "Date"),
    "changes.column.before": ("Avant", "Before"),
    "changes.column.after": ("Après", "After"),
}
