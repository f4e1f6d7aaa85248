"""Text for figures resting on partial evidence: imprecise dates, delays up to the last
evidence, coverage, published verdicts, the as-of date (timeline notes, measure facts, the
`summary` command)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Timeline notes (monitoring.present.timeline_text.reply_notes).
    "timeline.note.answered_range": (
        "Réponse : {when}, après {low} à {high}",
        "Answered: {when}, after {low} to {high}",
    ),
    "timeline.note.answered_unknown_delay": (
        "Réponse : {when} ; délai inconnu (les dates imprécises se chevauchent)",
        "Answered: {when}; delay unknown (the imprecise dates overlap)",
    ),
    "timeline.note.waiting_at_least": (
        "Sans réponse, en attente depuis au moins {days}",
        "No reply, waiting for at least {days}",
    ),
    # Measure facts (monitoring.analysis.measure_detail).
    "measures.fact.late_at_least": (
        "En retard d'au moins {days} (dernière évaluation {when})",
        "At least {days} overdue (last assessment {when})",
    ),
    "measures.fact.late_after_evidence": (
        "En retard : échéance dépassée après la dernière évaluation, {when}",
        "Overdue: the due date passed after the last assessment, {when}",
    ),
    "measures.fact.late_within_evidence": (
        "En retard : échéance pendant la période de la dernière évaluation, {when}, qui ne "
        "dit pas si elle était déjà dépassée ; retard non compté",
        "Overdue: the due date falls within the period of the last assessment, {when}, "
        "which does not tell whether it had already passed; delay not counted",
    ),
    # A plan's figures in words (monitoring.present.plan_text; the summary command).
    "figures.verdict": (
        "{assessor}, {date} : {counts} ({covered} mesures) — verdict par mesure connu pour {known}",
        "{assessor}, {date}: {counts} ({covered} measures) — measure-by-measure verdict "
        "known for {known}",
    ),
    "figures.verdict.done": ("{count} réalisées", "{count} done"),
    "figures.verdict.partial": ("{count} partiellement", "{count} partly"),
    "figures.verdict.not_done": ("{count} non réalisées", "{count} not done"),
    "figures.verdict.dropped": ("{count} abandonnées", "{count} dropped"),
    "figures.verdict.unknown": ("{count} non évaluées", "{count} not assessed"),
    "figures.verdict.no_assessor": ("Évaluateur non renseigné", "Assessor not given"),
    "figures.verdict.no_counts": ("aucun total par statut", "no total per status"),
    "figures.coverage.one": (
        "{assessed} mesure évaluée sur {measures}",
        "{assessed} measure assessed out of {measures}",
    ),
    "figures.coverage.many": (
        "{assessed} mesures évaluées sur {measures}",
        "{assessed} measures assessed out of {measures}",
    ),
    "figures.assessed": ("Couverture : {coverage}", "Coverage: {coverage}"),
    "figures.completion.rate": (
        "{rate} ({done} réalisées sur {measures} mesures)",
        "{rate} ({done} done out of {measures} measures)",
    ),
    "figures.completion.too_few_assessed": (
        "trop peu de mesures évaluées ({assessed} sur {measures})",
        "too few measures assessed ({assessed} out of {measures})",
    ),
    "figures.completion.no_assessment": (
        "inconnu (aucune des {measures} mesures n'est évaluée)",
        "unknown (none of the {measures} measures is assessed)",
    ),
    "figures.completion.no_measures": ("aucune mesure", "no measures"),
    "figures.completion.not_adopted": ("pas encore adopté", "not adopted yet"),
    "figures.basis.revised": ("échéance révisée {count}", "revised deadline {count}"),
    "figures.basis.measure": ("échéance de la mesure {count}", "measure's own deadline {count}"),
    "figures.basis.plan_end": (
        "fin du plan, par convention {count}",
        "plan's end, by convention {count}",
    ),
    "figures.overdue": ("Mesures en retard : {count}", "Overdue measures: {count}"),
    "figures.unassessed": (
        "Échues sans évaluation dans ce jeu de données (non comptées en retard) : {count}",
        "Past due with no assessment in this dataset (not counted overdue): {count}",
    ),
    "figures.by_basis": (" (selon l'échéance : {split})", " (by deadline: {split})"),
    "figures.unassessed.published": (
        " ; le verdict publié par {assessor} couvre {covered} mesures",
        "; the verdict published by {assessor} covers {covered} measures",
    ),
    "figures.median_delay.at_least": (
        "Retard médian : au moins {days} ({base} ; dernière évaluation {when})",
        "Median delay: at least {days} ({base}; last assessment {when})",
    ),
    "figures.median_delay.exact": (
        "Retard médian : {days} ({base})",
        "Median delay: {days} ({base})",
    ),
    "figures.median_delay.base.one": ("sur {count} mesure", "over {count} measure"),
    "figures.median_delay.base.many": ("sur {count} mesures", "over {count} measures"),
    "figures.median_delay.unknown": ("Retard médian : inconnu", "Median delay: unknown"),
    "figures.median_delay.after": (
        " ; {count} mesures en retard sans durée connue (échéance dépassée après leur "
        "dernière évaluation, ou pendant sa période quand sa date est imprécise)",
        "; {count} overdue measures without a known delay (due date passed after their last "
        "assessment, or within its period when its date is imprecise)",
    ),
    "figures.retention.not_recorded": (
        "Prise en compte des recommandations : non renseignée",
        "Recommendations taken up: not recorded",
    ),
    "figures.not_adopted": ("Pas encore adopté au {as_of}", "Not adopted yet as of {as_of}"),
    "figures.adoption_overdue": (
        "Adoption attendue : {expected} ; en retard d'au moins {days}",
        "Adoption expected: {expected}; at least {days} overdue",
    ),
    "figures.gap_open": (
        "Sans plan en vigueur depuis la fin du plan précédent : au moins {days} (au {as_of})",
        "No plan in force since the previous plan ended: at least {days} (as of {as_of})",
    ),
    "figures.days.one": ("{days} jour", "{days} day"),
    "figures.days.many": ("{days} jours", "{days} days"),
    "figures.days.between": (
        "entre {shortest} et {longest}",
        "between {shortest} and {longest}",
    ),
}
