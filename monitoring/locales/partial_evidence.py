"""Text for figures resting on partial evidence: imprecise dates, delays up to the last
evidence, coverage, published verdicts, the as-of date (timeline notes, measure facts, the
`summary` command)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Timeline notes (monitoring.timeline.reply_notes).
    "timeline.note.answered_range": (
        "Réponse : {when}, après {low} à {high} jours",
        "Answered: {when}, after {low} to {high} days",
    ),
    "timeline.note.answered_unknown_delay": (
        "Réponse : {when} ; délai inconnu (les dates imprécises se chevauchent)",
        "Answered: {when}; delay unknown (the imprecise dates overlap)",
    ),
    "timeline.note.waiting_at_least": (
        "Sans réponse, en attente depuis au moins {days} jours",
        "No reply, waiting for at least {days} days",
    ),
    # Measure facts (monitoring.measure_detail).
    "measures.fact.late_at_least": (
        "En retard d'au moins {days} jours (dernière évaluation le {date})",
        "At least {days} days overdue (last assessment on {date})",
    ),
    "measures.fact.late_after_evidence": (
        "En retard : échéance dépassée après la dernière évaluation, le {date}",
        "Overdue: the due date passed after the last assessment, on {date}",
    ),
    "measures.col.as_of_latest": ("Au plus tard le", "Latest date"),
}
