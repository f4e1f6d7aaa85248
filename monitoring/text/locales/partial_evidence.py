"""Text for figures resting on partial evidence: imprecise dates, delays up to the last
evidence, coverage, published verdicts, the as-of date (timeline notes, measure facts, the
`summary` command)."""

MESSAGES: dict[str, str] = {
    # Timeline notes (monitoring.present.timeline_text.reply_notes).
    "timeline.note.answered_range": "Réponse : {when}, après {low} à {high}",
    "timeline.note.answered_unknown_delay": (
        "Réponse : {when} ; délai inconnu (les dates imprécises se chevauchent)"
    ),
    "timeline.note.waiting_at_least": "Sans réponse, en attente depuis au moins {days}",
    # Measure facts (monitoring.analysis.measure_detail).
    "measures.fact.late_at_least": "En retard d'au moins {days} (dernière évaluation {when})",
    "measures.fact.late_after_evidence": (
        "En retard : échéance dépassée après la dernière évaluation, {when}"
    ),
    "measures.fact.late_within_evidence": (
        "En retard : échéance pendant la période de la dernière évaluation, {when}, qui ne "
        "dit pas si elle était déjà dépassée ; retard non compté"
    ),
    # A plan's figures in words (monitoring.present.plan_text; the summary command).
    "figures.verdict": (
        "{assessor}, {date} : {counts} ({covered} mesures) — verdict par mesure connu pour {known}"
    ),
    "figures.verdict.done": "{count} réalisées",
    "figures.verdict.partial": "{count} partiellement",
    "figures.verdict.not_done": "{count} non réalisées",
    "figures.verdict.dropped": "{count} abandonnées",
    "figures.verdict.unknown": "{count} non évaluées",
    "figures.verdict.no_assessor": "Évaluateur non renseigné",
    "figures.verdict.no_counts": "aucun total par statut",
    "figures.coverage.one": "{assessed} mesure évaluée sur {measures}",
    "figures.coverage.many": "{assessed} mesures évaluées sur {measures}",
    "figures.assessed": "Couverture : {coverage}",
    "figures.completion.rate": "{rate} ({done} réalisées sur {measures} mesures)",
    "figures.completion.too_few_assessed": (
        "trop peu de mesures évaluées ({assessed} sur {measures})"
    ),
    "figures.completion.no_assessment": "inconnu (aucune des {measures} mesures n'est évaluée)",
    "figures.completion.no_measures": "aucune mesure",
    "figures.completion.not_adopted": "pas encore adopté",
    "figures.basis.revised": "échéance révisée {count}",
    "figures.basis.measure": "échéance de la mesure {count}",
    "figures.basis.plan_end": "fin du plan, par convention {count}",
    "figures.overdue": "Mesures en retard : {count}",
    "figures.unassessed": (
        "Échues sans évaluation dans ce jeu de données (non comptées en retard) : {count}"
    ),
    "figures.by_basis": " (selon l'échéance : {split})",
    "figures.unassessed.published": " ; le verdict publié par {assessor} couvre {covered} mesures",
    "figures.median_delay.at_least": (
        "Retard médian : au moins {days} ({base} ; dernière évaluation {when})"
    ),
    "figures.median_delay.exact": "Retard médian : {days} ({base})",
    "figures.median_delay.base.one": "sur {count} mesure",
    "figures.median_delay.base.many": "sur {count} mesures",
    "figures.median_delay.unknown": "Retard médian : inconnu",
    "figures.median_delay.after": (
        " ; {count} mesures en retard sans durée connue (échéance dépassée après leur "
        "dernière évaluation, ou pendant sa période quand sa date est imprécise)"
    ),
    "figures.retention.not_recorded": "Prise en compte des recommandations : non renseignée",
    "figures.not_adopted": "Pas encore adopté au {as_of}",
    "figures.adoption_overdue": "Adoption attendue : {expected} ; en retard d'au moins {days}",
    "figures.gap_open": (
        "Sans plan en vigueur depuis la fin du plan précédent : au moins {days} (au {as_of})"
    ),
    "figures.days.between": "entre {shortest} et {longest}",
}
