"""Text of figures that stay true when the evidence is partial (issue 10): coverage before
rates, published verdicts, deadline bases, the as-of date, charts with nothing to draw."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Completion: coverage before rates.
    "truth.completion.too_few.short": ("trop peu évaluées", "too few assessed"),
    "truth.completion.unknown": ("inconnu", "unknown"),
    "truth.completion.not_adopted": ("plan pas encore adopté", "plan not adopted yet"),
    "truth.completion.line": ("Taux de réalisation : {text}", "Completion rate: {text}"),
    "truth.completion.threshold": (
        "Un taux n'est donné qu'à partir de {threshold} des mesures évaluées.",
        "A rate is given only once {threshold} of the measures are assessed.",
    ),
    # Published verdicts.
    "truth.verdict.title": ("Verdict publié", "Published verdict"),
    # Past due, not assessed: what the dataset lacks.
    # Deadlines and delays.
    "truth.delay.not_counted": (
        "{count} mesure(s) en retard sans retard compté : leur échéance est passée après "
        "leur dernière évaluation, ou pendant sa période quand sa date est imprécise.",
        "{count} overdue measure(s) with no delay counted: their due date passed after "
        "their last assessment, or within its period when its date is imprecise.",
    ),
    "truth.delay.median.short": ("au moins {days}", "at least {days}"),
    "truth.delay.none": ("non calculable", "cannot be computed"),
    # Retention.
    "truth.retention.not_recorded": ("non renseignée", "not recorded"),
    "truth.retention.not_recorded.help": (
        "Aucune prise en compte des recommandations n'est renseignée pour ce plan : ce n'est "
        "pas zéro, c'est inconnu. Remplissez la feuille « {sheet} » pour la mesurer.",
        "No handling of recommendations is recorded for this plan: that is not zero, it is "
        "unknown. Fill in the “{sheet}” sheet to measure it.",
    ),
    "truth.retention.line": (
        "Recommandations retenues : non renseignée",
        "Recommendations retained: not recorded",
    ),
    "truth.charts.selected": ("Plans sélectionnés", "Selected plans"),
    "chart.gap_open": ("au moins {days} sans plan", "at least {days} with no plan"),
    # Plans at the as-of date.
    "truth.plan.not_adopted": (
        "Période {start} – {end} · pas encore adopté au {as_of}",
        "Period {start} – {end} · not adopted yet as of {as_of}",
    ),
    "truth.plan.adoption_overdue": (
        "Adoption attendue : {expected} ; toujours pas adopté au {as_of}, {days} après "
        "la date à laquelle il était attendu au plus tard.",
        "Adoption expected: {expected}; still not adopted as of {as_of}, {days} after "
        "the latest date it was expected by.",
    ),
    "truth.plan.gap_open": (
        "Au moins {days} sans plan en vigueur au {as_of} : le plan précédent a pris fin "
        "et celui-ci n'est pas encore adopté.",
        "At least {days} with no plan in force as of {as_of}: the previous plan has "
        "ended and this one is not adopted yet.",
    ),
    # Captions that name the voice chosen.
    "truth.status.help.all": (
        "Statut actuel de chaque mesure : celui de sa dernière évaluation datée au plus "
        "tard à la date choisie (toutes voix confondues : gouvernement, société civile, "
        "évaluation indépendante), regroupé par catégorie.",
        "Current status of each measure: that of its latest assessment dated on or before "
        "the chosen date (all voices together: government, civil society, independent "
        "evaluation), grouped by category.",
    ),
    "truth.status.help.voice": (
        "Statut actuel de chaque mesure : celui de sa dernière évaluation datée au plus "
        "tard à la date choisie, parmi les seules évaluations de la voix « {voice} » ; les "
        "autres voix ne comptent pas. Regroupé par catégorie.",
        "Current status of each measure: that of its latest assessment dated on or before "
        "the chosen date, among the assessments of the “{voice}” voice only; other voices "
        "do not count. Grouped by category.",
    ),
    "truth.filters.plans": ("Plans retenus : {plans}.", "Plans selected: {plans}."),
    "truth.filters.axes": ("Axes retenus : {axes}.", "Axes selected: {axes}."),
    "truth.filters.leads": ("Pilotes retenus : {leads}.", "Leads selected: {leads}."),
    "truth.filters.voice": (
        "Statuts lus dans les évaluations de : {voice}.",
        "Statuses read from the assessments of: {voice}.",
    ),
    "truth.col.completion_text": ("Taux de réalisation (base)", "Completion rate (base)"),
    "truth.col.assessed": ("Mesures évaluées", "Measures assessed"),
    "truth.col.overdue_plan_end": (
        "En retard sur la fin du plan (convention)",
        "Overdue against the plan's end (convention)",
    ),
    "truth.dossier.no_image": (
        "Pas d'image : rien à dessiner (fichier charts/{stem}.txt).",
        "No image: nothing to draw (file charts/{stem}.txt).",
    ),
    "truth.method.no_verdicts": (
        "Aucun verdict publié n'est connu au {as_of} pour la sélection. Les totaux qu'un "
        "évaluateur publie se saisissent dans la feuille « {sheet} ».",
        "No published verdict is known as of {as_of} for the selection. Totals an evaluator "
        "publishes go in the “{sheet}” sheet.",
    ),
    "truth.method.verdict_source": ("Source : {source}", "Source: {source}"),
    "truth.hover.late": (
        "En retard d'au moins {days} ; dernière évaluation {when}",
        "At least {days} late; last assessment {when}",
    ),
    "truth.hover.late_unknown": (
        "Échéance dépassée après la dernière évaluation, {when} : retard non compté",
        "Due date passed after the last assessment, {when}: delay not counted",
    ),
    "truth.hover.late_within": (
        "Échéance pendant la période de la dernière évaluation, {when}, qui ne dit pas si "
        "elle était déjà dépassée : retard non compté",
        "Due date within the period of the last assessment, {when}, which does not tell "
        "whether it had already passed: delay not counted",
    ),
    "truth.hover.plan_end": (
        "Échéance : fin du plan (convention, aucune échéance sourcée)",
        "Due date: the plan's end (convention, no deadline sourced)",
    ),
    "delays.col.due_basis": ("Échéance fixée par", "Deadline from"),
    "truth.basis.revised": ("échéance révisée (sourcée)", "revised deadline (sourced)"),
    "truth.basis.measure": ("échéance de la mesure (sourcée)", "the measure's deadline (sourced)"),
    "truth.basis.plan_end": (
        "fin du plan (convention, non sourcée)",
        "plan's end (convention, not sourced)",
    ),
    "truth.delays.basis": (
        "Échéances : {plan_end} des {overdue} mesures en retard et {unassessed_plan_end} des "
        "{unassessed} mesures échues non évaluées n'ont pas d'échéance sourcée ; la fin du "
        "plan leur sert d'échéance, par convention. Les retards ne sont comptés que "
        "jusqu'à la dernière évaluation (« au moins »).",
        "Deadlines: {plan_end} of the {overdue} overdue measures and {unassessed_plan_end} "
        "of the {unassessed} past-due unassessed measures have no sourced deadline; the "
        "plan's end is their deadline, by convention. Delays are counted only up to the "
        "last assessment (“at least”).",
    ),
    # Charts with nothing to draw.
    "nochart.retention": (
        "Pas de graphique de prise en compte : aucune prise en compte des recommandations "
        "n'est renseignée pour les plans affichés. Remplissez la feuille « {sheet} » (une "
        "ligne par recommandation et par plan) pour la voir ici.",
        "No chart of recommendations taken into account: no handling of recommendations is "
        "recorded for the plans shown. Fill in the “{sheet}” sheet (one row per "
        "recommendation and plan) to see it here.",
    ),
    "nochart.status": (
        "Pas de graphique des statuts : les plans affichés n'ont aucune mesure. Ajoutez-les "
        "dans la feuille « {sheet} ».",
        "No chart of statuses: the plans shown have no measures. Add them in the “{sheet}” sheet.",
    ),
    "nochart.nothing_known.one": (
        "Rien n'est encore connu du plan {plan} au {as_of} ({voice}) : sa mesure n'a pas de "
        "statut renseigné. Plutôt qu'un graphique où elle se lirait « Non évaluée », cette "
        "phrase ; la mesure figure dans le classeur (feuille « {sheet} »).",
        "Nothing is known yet of plan {plan} as of {as_of} ({voice}): its measure has no "
        "status recorded. Rather than a chart where it would read “Not assessed”, this "
        "sentence; the measure is in the workbook (“{sheet}” sheet).",
    ),
    "nochart.nothing_known.many": (
        "Rien n'est encore connu du plan {plan} au {as_of} ({voice}) : aucune de ses "
        "{count} mesures n'a de statut renseigné. Plutôt qu'un graphique où chacune se "
        "lirait « Non évaluée », cette phrase ; chaque mesure figure dans le classeur "
        "(feuille « {sheet} »).",
        "Nothing is known yet of plan {plan} as of {as_of} ({voice}): none of its {count} "
        "measures has a status recorded. Rather than a chart where every one would read "
        "“Not assessed”, this sentence; every measure is in the workbook (“{sheet}” "
        "sheet).",
    ),
    "nochart.plans": (
        "Pas de frise des plans : aucun plan n'est connu à cette date. Ajoutez-en dans la "
        "feuille « {sheet} ».",
        "No plan chart: no plan is known at this date. Add one in the “{sheet}” sheet.",
    ),
    "nochart.plans_not_adopted": (
        "Rien à dessiner : aucun plan n'est encore adopté à la date choisie, et aucune date "
        "attendue n'est passée. Choisissez une date de situation plus tardive.",
        "Nothing to draw: no plan is adopted yet at the chosen date, and no expected date "
        "has passed. Choose a later as-of date.",
    ),
    "nochart.events": (
        "Pas de chronologie : aucun événement de la sélection (période, types) n'est connu à "
        "la date choisie. Ajoutez-en dans la feuille « {sheet} ».",
        "No timeline: no event of the selection (period, kinds) is known at the chosen date. "
        "Add some in the “{sheet}” sheet.",
    ),
    "nochart.coverage": (
        "Pas de graphique par thème : aucune recommandation n'est dans la sélection. "
        "Ajoutez-les dans la feuille « {sheet} », avec leur thème.",
        "No chart per theme: no recommendation is in the selection. Add them in the "
        "“{sheet}” sheet, with their theme.",
    ),
    "nochart.sankey": (
        "Pas de diagramme des flux : aucune recommandation de la sélection n'est reliée à un "
        "plan. Renseignez leur prise en compte, et les mesures qui les reprennent (feuille "
        "« {sheet} »).",
        "No flow diagram: no recommendation of the selection is linked to a plan. Record how "
        "they were handled, and the measures taking them up (“{sheet}” sheet).",
    ),
    "nochart.history": (
        "Pas d'historique à dessiner : aucune évaluation de cette mesure n'est datée au plus "
        "tard à la date choisie. Ajoutez-en dans la feuille « {sheet} ».",
        "No history to draw: no assessment of this measure is dated on or before the chosen "
        "date. Add some in the “{sheet}” sheet.",
    ),
    "nochart.reply_rates": (
        "Pas de graphique des réponses : aucune lettre n'est datée dans la sélection. "
        "Ajoutez les lettres (type « lettre ») dans la feuille « {sheet} ».",
        "No chart of replies: no letter is dated in the selection. Add the letters (kind "
        "“letter”) in the “{sheet}” sheet.",
    ),
    "nochart.leads": (
        "Pas de graphique par pilote : aucune mesure n'est en retard, échue ou réalisée avec "
        "un pilote renseigné. Renseignez le pilote dans la feuille « {sheet} ».",
        "No chart per lead: no measure with a lead is overdue, past due or done. Fill in "
        "the lead in the “{sheet}” sheet.",
    ),
    "nochart.no_image": (
        "Rien à dessiner : pas d'image à télécharger pour ce graphique.",
        "Nothing to draw: no image to download for this chart.",
    ),
    # Dates known only within bounds, on the timeline chart.
    "truth.timeline.range": (
        "Date imprécise : {when}",
        "Imprecise date: {when}",
    ),
    "truth.timeline.range_legend": ("Date imprécise (intervalle)", "Imprecise date (range)"),
    "truth.delays.no_plan_adopted": (
        "Aucun plan de la sélection n'est encore adopté au {as_of} : aucune mesure ne peut "
        "être en retard ni échue à cette date. Choisissez une date de situation plus tardive.",
        "No plan of the selection is adopted yet as of {as_of}: no measure can be late or "
        "past due at that date. Choose a later as-of date.",
    ),
}
