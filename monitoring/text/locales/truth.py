"""Text of figures that stay true when the evidence is partial (issue 10): coverage before
rates, published verdicts, deadline bases, the as-of date, charts with nothing to draw."""

MESSAGES: dict[str, str] = {
    # Completion: coverage before rates.
    "truth.completion.too_few.short": "trop peu évaluées",
    "truth.completion.unknown": "inconnu",
    "truth.completion.not_adopted": "plan pas encore adopté",
    "truth.completion.line": "Taux de réalisation : {text}",
    "truth.completion.threshold": (
        "Un taux n'est donné qu'à partir de {threshold} des mesures évaluées."
    ),
    # Published verdicts.
    "truth.verdict.title": "Verdict publié",
    # Past due, not assessed: what the dataset lacks.
    # Deadlines and delays.
    "truth.delay.not_counted": (
        "{count} {count:plural:mesure|mesures} en retard sans retard compté : "
        "{count:plural:son|leur} échéance est passée après {count:plural:sa|leur} dernière "
        "évaluation, ou pendant sa période quand sa date est imprécise."
    ),
    "truth.delay.median.short": "au moins {days}",
    "truth.delay.none": "non calculable",
    # Retention.
    "truth.retention.not_recorded": "non renseignée",
    "truth.retention.not_recorded.help": (
        "Aucune prise en compte des recommandations n'est renseignée pour ce plan : ce n'est "
        "pas zéro, c'est inconnu. Remplissez la feuille « {sheet} » pour la mesurer."
    ),
    "truth.retention.line": "Recommandations retenues : non renseignée",
    "truth.charts.selected": "Plans sélectionnés",
    "chart.gap_open": "au moins {days} sans plan",
    # Plans at the as-of date.
    "truth.plan.not_adopted": "Période {start} – {end} · pas encore adopté au {as_of}",
    "truth.plan.adoption_overdue": (
        "Adoption attendue : {expected} ; toujours pas adopté au {as_of}, {days} après "
        "la date à laquelle il était attendu au plus tard."
    ),
    "truth.plan.gap_open": (
        "Au moins {days} sans plan en vigueur au {as_of} : le plan précédent a pris fin "
        "et celui-ci n'est pas encore adopté."
    ),
    # Captions that name the voice chosen.
    "truth.status.help.all": (
        "Statut actuel de chaque mesure : celui de sa dernière évaluation datée au plus "
        "tard à la date choisie (toutes voix confondues : gouvernement, société civile, "
        "évaluation indépendante), regroupé par catégorie."
    ),
    "truth.status.help.voice": (
        "Statut actuel de chaque mesure : celui de sa dernière évaluation datée au plus "
        "tard à la date choisie, parmi les seules évaluations de la voix « {voice} » ; les "
        "autres voix ne comptent pas. Regroupé par catégorie."
    ),
    "truth.filters.plans": "Plans retenus : {plans}.",
    "truth.filters.axes": "Axes retenus : {axes}.",
    "truth.filters.leads": "Pilotes retenus : {leads}.",
    "truth.filters.voice": "Statuts lus dans les évaluations de : {voice}.",
    "truth.col.completion_text": "Taux de réalisation (base)",
    "truth.col.assessed": "Mesures évaluées",
    "truth.col.overdue_plan_end": "En retard sur la fin du plan (convention)",
    "truth.dossier.no_image": "Pas d'image : rien à dessiner (fichier charts/{stem}.txt).",
    "truth.method.no_verdicts": (
        "Aucun verdict publié n'est connu au {as_of} pour la sélection. Les totaux qu'un "
        "évaluateur publie se saisissent dans la feuille « {sheet} »."
    ),
    "truth.method.verdict_source": "Source : {source}",
    "truth.hover.late": "En retard d'au moins {days} ; dernière évaluation {when}",
    "truth.hover.late_unknown": (
        "Échéance dépassée après la dernière évaluation, {when} : retard non compté"
    ),
    "truth.hover.late_within": (
        "Échéance pendant la période de la dernière évaluation, {when}, qui ne dit pas si "
        "elle était déjà dépassée : retard non compté"
    ),
    "truth.hover.plan_end": "Échéance : fin du plan (convention, aucune échéance sourcée)",
    "delays.col.due_basis": "Échéance fixée par",
    "truth.basis.revised": "échéance révisée (sourcée)",
    "truth.basis.measure": "échéance de la mesure (sourcée)",
    "truth.basis.plan_end": "fin du plan (convention, non sourcée)",
    "truth.delays.basis": (
        "Échéances : {plan_end} des {overdue} mesures en retard et {unassessed_plan_end} des "
        "{unassessed} mesures échues non évaluées n'ont pas d'échéance sourcée ; la fin du "
        "plan leur sert d'échéance, par convention. Les retards ne sont comptés que "
        "jusqu'à la dernière évaluation (« au moins »)."
    ),
    # Charts with nothing to draw.
    "nochart.retention": (
        "Pas de graphique de prise en compte : aucune prise en compte des recommandations "
        "n'est renseignée pour les plans affichés. Remplissez la feuille « {sheet} » (une "
        "ligne par recommandation et par plan) pour la voir ici."
    ),
    "nochart.status": (
        "Pas de graphique des statuts : les plans affichés n'ont aucune mesure. Ajoutez-les "
        "dans la feuille « {sheet} »."
    ),
    "nochart.plans": (
        "Pas de frise des plans : aucun plan n'est connu à cette date. Ajoutez-en dans la "
        "feuille « {sheet} »."
    ),
    "nochart.plans_not_adopted": (
        "Rien à dessiner : aucun plan n'est encore adopté à la date choisie, et aucune date "
        "attendue n'est passée. Choisissez une date de situation plus tardive."
    ),
    "nochart.events": (
        "Pas de chronologie : aucun événement de la sélection (période, types) n'est connu à "
        "la date choisie. Ajoutez-en dans la feuille « {sheet} »."
    ),
    "nochart.coverage": (
        "Pas de graphique par thème : aucune recommandation n'est dans la sélection. "
        "Ajoutez-les dans la feuille « {sheet} », avec leur thème."
    ),
    "nochart.sankey": (
        "Pas de diagramme des flux : aucune recommandation de la sélection n'est reliée à un "
        "plan. Renseignez leur prise en compte, et les mesures qui les reprennent (feuille "
        "« {sheet} »)."
    ),
    "nochart.history": (
        "Pas d'historique à dessiner : aucune évaluation de cette mesure n'est datée au plus "
        "tard à la date choisie. Ajoutez-en dans la feuille « {sheet} »."
    ),
    "nochart.reply_rates": (
        "Pas de graphique des réponses : aucune lettre n'est datée dans la sélection. "
        "Ajoutez les lettres (type « lettre ») dans la feuille « {sheet} »."
    ),
    "nochart.leads": (
        "Pas de graphique par pilote : aucune mesure n'est en retard, échue ou réalisée avec "
        "un pilote renseigné. Renseignez le pilote dans la feuille « {sheet} »."
    ),
    "nochart.no_image": "Rien à dessiner : pas d'image à télécharger pour ce graphique.",
    # Dates known only within bounds, on the timeline chart.
    "truth.timeline.range": "Date imprécise : {when}",
    "truth.timeline.range_legend": "Date imprécise (intervalle)",
    "truth.delays.no_plan_adopted": (
        "Aucun plan de la sélection n'est encore adopté au {as_of} : aucune mesure ne peut "
        "être en retard ni échue à cette date. Choisissez une date de situation plus tardive."
    ),
    "nochart.nothing_known.one": (
        "Rien n'est encore connu du plan {plan} au {as_of} ({voice}) : sa mesure n'a pas de statut "
        "renseigné. Plutôt qu'un graphique où elle se lirait « Non évaluée », cette phrase ; la "
        "mesure figure dans le classeur (feuille « {sheet} »)."
    ),
    "nochart.nothing_known.many": (
        "Rien n'est encore connu du plan {plan} au {as_of} ({voice}) : aucune de ses {count} "
        "mesures n'a de statut renseigné. Plutôt qu'un graphique où chacune se lirait « Non "
        "évaluée », cette phrase ; chaque mesure figure dans le classeur (feuille « {sheet} »)."
    ),
}
