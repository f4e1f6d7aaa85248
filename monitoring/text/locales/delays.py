"""Text of the Delays page (« Retards ») and its charts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "delays.caption": (
        "{name} · ce qui est en retard au {as_of}, et de combien.",
        "{name} · what is late on {as_of}, and by how much.",
    ),
    "delays.no_measures": (
        "Aucune mesure ne correspond à la sélection : élargissez les filtres de la barre "
        "latérale, ou ajoutez des mesures dans la feuille Mesures.",
        "No measure matches the selection: widen the sidebar's filters, or add measures in "
        "the Measures sheet.",
    ),
    # Headline figures.
    "delays.metric.overdue": ("En retard", "Overdue"),
    "delays.metric.overdue.help": (
        "Mesures dont l'échéance effective (la dernière échéance révisée connue, sinon "
        "l'échéance initiale, sinon la fin du plan) est passée, et dont le dernier statut "
        "connu n'est ni « réalisée » ni « abandonnée ».",
        "Measures whose effective due date (the latest revised due date known, else the "
        "original one, else the plan's end) has passed and whose latest known status is "
        "neither done nor dropped.",
    ),
    "delays.metric.unassessed": ("Échues, non évaluées", "Past due, not assessed"),
    "delays.metric.unassessed.help": (
        "Échéance passée, mais aucune source ne donne le statut : rien ne montre qu'elles ne "
        "sont pas réalisées, elles ne sont donc pas comptées en retard.",
        "Due date passed, but no source gives the status: nothing shows they are not done, "
        "so they are not counted as overdue.",
    ),
    "delays.metric.not_yet_due": ("Pas encore échues", "Not yet due"),
    "delays.metric.not_yet_due.help": (
        "Mesures ni réalisées ni abandonnées dont l'échéance effective n'est pas encore "
        "passée : une mesure pas encore échue n'est jamais en retard.",
        "Measures neither done nor dropped whose effective due date has not passed yet: a "
        "measure not yet due is never late.",
    ),
    "delays.metric.slipped": ("Échéances repoussées", "Deadlines moved"),
    "delays.metric.slipped.help": (
        "Mesures dont l'échéance effective diffère de l'échéance initiale, d'après les "
        "échéances révisées connues à la date choisie.",
        "Measures whose effective due date differs from the original one, according to the "
        "revised due dates known at the chosen date.",
    ),
    "delays.unassessed_note": (
        "{count} mesure(s) ont passé leur échéance sans qu'aucune source ne donne leur "
        "statut. Elles ne sont pas comptées en retard : rien ne montre qu'elles ne sont pas "
        "réalisées. Elles sont listées à part, plus bas.",
        "{count} measure(s) are past their due date but no source gives their status. They "
        "are not counted as overdue: nothing shows they are not done. They are listed "
        "apart, further down.",
    ),
    # The timeline.
    "delays.timeline": ("Calendrier des mesures", "Measures over time"),
    "delays.plan_choice": ("Plan affiché", "Plan shown"),
    "delays.plan_choice_help": (
        "Choisissez un plan ici, ou plusieurs dans le filtre « Plan » de la barre latérale. "
        "La page s'ouvre sur le plan dont le plus de mesures ont un statut connu.",
        "Pick a plan here, or several with the sidebar's “Plan” filter. The page opens on "
        "the plan with the most measures of known status.",
    ),
    "delays.timeline_cut": (
        "{shown} premières mesures affichées sur {total} : restreignez l'affichage avec les "
        "filtres « Axe » ou « Pilote » de la barre latérale.",
        "First {shown} of {total} measures shown: narrow the view with the sidebar's “Axis” "
        "or “Lead” filters.",
    ),
    "delays.timeline_help": (
        "Chaque barre va du début du plan à l'échéance initiale de la mesure ; sa couleur et "
        "son motif donnent le statut. Losanges : échéances révisées connues à cette date. "
        "Pointillés noirs : de l'échéance effective à la date de situation ; le retard "
        "compté s'arrête à la dernière évaluation (« au moins »). Étoile : date de "
        "réalisation.",
        "Each bar runs from the plan's start to the measure's original due date; its colour "
        "and pattern give the status. Diamonds: revised due dates known at this date. "
        "Black dots: from the effective due date to the as-of date; the delay counted stops "
        "at the last assessment (“at least”). Star: completion date.",
    ),
    "delays.no_plan_measures": (
        "Ce plan n'a aucune mesure dans la sélection : choisissez un autre plan ou élargissez "
        "les filtres.",
        "This plan has no measure in the selection: pick another plan or widen the filters.",
    ),
    # Overdue measures.
    "delays.overdue": ("Mesures en retard", "Overdue measures"),
    "delays.no_overdue": (
        "Aucune mesure en retard au {as_of}. Une mesure est en retard quand son échéance "
        "effective est passée et que son dernier statut connu n'est ni « réalisée » ni "
        "« abandonnée » ; une mesure sans statut connu n'est jamais comptée en retard.",
        "No overdue measure on {as_of}. A measure is overdue when its effective due date has "
        "passed and its latest known status is neither done nor dropped; a measure with no "
        "known status is never counted as overdue.",
    ),
    # Past due, not assessed.
    "delays.unassessed": ("Échues, non évaluées", "Past due, not assessed"),
    "delays.unassessed_list": ("Voir les {count} mesure(s)", "See the {count} measure(s)"),
    "delays.no_unassessed": (
        "Toutes les mesures échues ont un statut connu.",
        "Every past-due measure has a known status.",
    ),
    # Slips.
    "delays.slips": ("Échéances repoussées", "Deadlines moved"),
    "delays.slips_help": (
        "Écart : échéance effective − échéance initiale, en jours. Reports : nombre de fois "
        "où une évaluation a annoncé une nouvelle échéance différente de celle en vigueur.",
        "Slip: effective due date − original due date, in days. Moves: how many times an "
        "assessment announced a new due date different from the one in force.",
    ),
    "delays.no_slips": (
        "Aucune échéance révisée connue à cette date : renseignez la colonne « Nouvelle "
        "échéance » de la feuille Suivi quand le gouvernement repousse une échéance.",
        "No revised due date known at this date: fill the “Revised due date” column of the "
        "Status updates sheet when the government moves a deadline.",
    ),
    # Per lead.
    "delays.by_lead": ("Retard par pilote", "Delay by lead"),
    "delays.no_lead": ("Pilote non renseigné", "Lead not given"),
    "delays.by_lead_empty": (
        "Aucun pilote n'a de mesure en retard à cette date.",
        "No lead has an overdue measure at this date.",
    ),
    # Not yet due.
    "delays.not_yet_due": ("Pas encore échues", "Not yet due"),
    "delays.not_yet_due_count": (
        "{count} mesure(s) ne sont pas encore échues : elles ne sont pas en retard.",
        "{count} measure(s) are not yet due: they are not late.",
    ),
    "delays.not_yet_due_list": ("Voir les mesures à venir", "See the upcoming measures"),
    # Table columns.
    "delays.col.plan_id": ("Plan", "Plan"),
    "delays.col.number": ("N°", "No."),
    "delays.col.title": ("Intitulé", "Title"),
    "delays.col.lead": ("Pilote", "Lead"),
    "delays.col.effective_due": ("Échéance effective", "Effective due date"),
    "delays.col.days_late": ("Jours de retard (au moins)", "Days late (at least)"),
    "delays.col.days_left": ("Jours restants", "Days left"),
    "delays.col.status": ("Statut", "Status"),
    "delays.col.assessed_by": ("Évalué par", "Assessed by"),
    "delays.col.evidence": ("Source", "Evidence"),
    "delays.col.slip_days": ("Écart (jours)", "Slip (days)"),
    "delays.col.times_moved": ("Reports", "Moves"),
    "delays.col.deadlines": ("Échéances successives", "Successive due dates"),
    # Charts.
    "delays.chart.timeline": ("Mesures, échéances et retards", "Measures, due dates and delays"),
    "delays.chart.as_of": ("Situation au {date}", "As of {date}"),
    "delays.chart.revised": ("Échéance révisée", "Revised due date"),
    "delays.chart.late": ("Retard", "Delay"),
    "delays.chart.completed": ("Réalisée le", "Completed on"),
    "delays.chart.by_lead": ("Mesures en retard par pilote", "Overdue measures by lead"),
    "delays.chart.overdue_count": ("Mesures en retard", "Overdue measures"),
    "delays.chart.median": (
        "Retard médian, au moins (jours)",
        "Median delay, at least (days)",
    ),
    "delays.chart.measures_axis": ("Nombre de mesures", "Number of measures"),
    "delays.chart.days_axis": ("Jours", "Days"),
    "delays.hover.status": ("Statut : {status}", "Status: {status}"),
    "delays.hover.original_due": ("Échéance initiale : {date}", "Original due date: {date}"),
    "delays.hover.effective_due": ("Échéance effective : {date}", "Effective due date: {date}"),
    "delays.hover.completed_on": ("Réalisée le {date}", "Completed on {date}"),
    "delays.hover.unassessed": (
        "Échue, non évaluée : rien ne montre qu'elle n'est pas réalisée",
        "Past due, not assessed: nothing shows it is not done",
    ),
    "delays.hover.revised": (
        "Échéance révisée : {date} (annoncée {announced})",
        "Revised due date: {date} (announced {announced})",
    ),
    "delays.hover.lead": (
        "{lead}<br>{overdue} mesure(s) en retard<br>retard médian : {median}<br>"
        "le plus long : {longest}",
        "{lead}<br>{overdue} overdue measure(s)<br>median delay: {median}<br>longest: {longest}",
    ),
}
