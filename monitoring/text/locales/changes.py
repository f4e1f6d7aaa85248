"""Text of the change review between two versions."""

MESSAGES: dict[str, str] = {
    "changes.none": "Aucun changement.",
    "changes.count": "{label} : {count}",
    # The kinds of change (sections of the review).
    "changes.section.plans_added": "Plans ajoutés",
    "changes.section.plans_removed": "Plans retirés",
    "changes.section.measures_added": "Mesures ajoutées",
    "changes.section.measures_removed": "Mesures retirées",
    "changes.section.statuses": "Statuts modifiés",
    "changes.section.deadlines": "Échéances déplacées",
    "changes.section.retention": "Prise en compte des recommandations modifiée",
    "changes.section.events_added": "Événements ajoutés",
    "changes.section.events_removed": "Événements retirés",
    "changes.section.events_changed": "Événements modifiés",
    "changes.section.verdicts_added": "Verdicts publiés ajoutés",
    "changes.section.verdicts_removed": "Verdicts publiés retirés",
    "changes.section.verdicts_changed": "Verdicts publiés modifiés",
    "changes.verdict_covered": "{count} mesures couvertes",
    # Which way a status moved.
    "changes.direction.up": "en progrès",
    "changes.direction.down": "en recul",
    "changes.direction.dropped": "abandonnée",
    "changes.direction.reinstated": "plus abandonnée",
    "changes.direction.assessed": "première évaluation",
    "changes.direction.unassessed": "plus d'évaluation",
    # Columns of the review table.
    "changes.column.change": "Changement",
    "changes.column.plan": "Plan",
    "changes.column.item": "Identifiant",
    "changes.column.voice": "Évalué par",
    "changes.column.title": "Intitulé",
    "changes.column.date": "Date",
    "changes.column.before": "Avant",
    "changes.column.after": "Après",
}
