"""Text of the Delays page (« Retards ») and its charts."""

MESSAGES: dict[str, str] = {
    "delays.caption": "{name} · ce qui est en retard au {as_of}, et de combien.",
    "delays.no_measures": (
        "Aucune mesure ne correspond à la sélection : élargissez les filtres de la barre "
        "latérale, ou ajoutez des mesures dans la feuille Mesures."
    ),
    # Headline figures.
    "delays.metric.overdue": "En retard",
    "delays.metric.overdue.help": (
        "Mesures dont l'échéance effective (la dernière échéance révisée connue, sinon "
        "l'échéance initiale, sinon la fin du plan) est passée, et dont le dernier statut "
        "connu n'est ni « réalisée » ni « abandonnée »."
    ),
    "delays.metric.unassessed": "Échues, non évaluées",
    "delays.metric.unassessed.help": (
        "Échéance passée, mais aucune source ne donne le statut : rien ne montre qu'elles ne "
        "sont pas réalisées, elles ne sont donc pas comptées en retard."
    ),
    "delays.metric.not_yet_due": "Pas encore échues",
    "delays.metric.not_yet_due.help": (
        "Mesures ni réalisées ni abandonnées dont l'échéance effective n'est pas encore "
        "passée : une mesure pas encore échue n'est jamais en retard."
    ),
    "delays.metric.slipped": "Échéances repoussées",
    "delays.metric.slipped.help": (
        "Mesures dont l'échéance effective diffère de l'échéance initiale, d'après les "
        "échéances révisées connues à la date choisie."
    ),
    "delays.unassessed_note": (
        "{count} {count:plural:mesure a passé son échéance sans qu'aucune source ne donne son "
        "statut. Elle n'est pas comptée en retard : rien ne montre qu'elle n'est pas réalisée. "
        "Elle est listée|mesures ont passé leur échéance sans qu'aucune source ne donne leur "
        "statut. Elles ne sont pas comptées en retard : rien ne montre qu'elles ne sont pas "
        "réalisées. Elles sont listées} à part, plus bas."
    ),
    # The timeline.
    "delays.timeline": "Calendrier des mesures",
    "delays.plan_choice": "Plan affiché",
    "delays.plan_choice_help": (
        "Choisissez un plan ici, ou plusieurs dans le filtre « Plan » de la barre latérale. La "
        "page s'ouvre sur le plan dont le plus de mesures ont un statut connu."
    ),
    "delays.timeline_cut": (
        "{shown} premières mesures affichées sur {total} : restreignez l'affichage avec les "
        "filtres « Axe » ou « Pilote » de la barre latérale."
    ),
    "delays.timeline_help": (
        "Chaque barre va du début du plan à l'échéance initiale de la mesure ; sa couleur et "
        "son motif donnent le statut. Losanges : échéances révisées connues à cette date. "
        "Pointillés noirs : de l'échéance effective à la date de situation ; le retard "
        "compté s'arrête à la dernière évaluation (« au moins »). Étoile : date de "
        "réalisation."
    ),
    "delays.no_plan_measures": (
        "Ce plan n'a aucune mesure dans la sélection : choisissez un autre plan ou élargissez "
        "les filtres."
    ),
    # Overdue measures.
    "delays.overdue": "Mesures en retard",
    "delays.no_overdue": (
        "Aucune mesure en retard au {as_of}. Une mesure est en retard quand son échéance "
        "effective est passée et que son dernier statut connu n'est ni « réalisée » ni "
        "« abandonnée » ; une mesure sans statut connu n'est jamais comptée en retard."
    ),
    # Past due, not assessed.
    "delays.unassessed": "Échues, non évaluées",
    "delays.unassessed_list": "Voir {count:plural:la mesure|les {count} mesures}",
    "delays.no_unassessed": "Toutes les mesures échues ont un statut connu.",
    # Slips.
    "delays.slips": "Échéances repoussées",
    "delays.slips_help": (
        "Écart : échéance effective − échéance initiale, en jours. Reports : nombre de fois "
        "où une évaluation a annoncé une nouvelle échéance différente de celle en vigueur."
    ),
    "delays.no_slips": (
        "Aucune échéance révisée connue à cette date : renseignez la colonne « Nouvelle "
        "échéance » de la feuille Suivi quand le gouvernement repousse une échéance."
    ),
    # Per lead.
    "delays.by_lead": "Retard par pilote",
    "delays.no_lead": "Pilote non renseigné",
    "delays.by_lead_empty": "Aucun pilote n'a de mesure en retard à cette date.",
    # Not yet due.
    "delays.not_yet_due": "Pas encore échues",
    "delays.not_yet_due_count": (
        "{count} {count:plural:mesure n'est pas encore échue : elle n'est|mesures ne sont pas "
        "encore échues : elles ne sont} pas en retard."
    ),
    "delays.not_yet_due_list": "Voir les mesures à venir",
    # Table columns.
    "delays.col.plan_id": "Plan",
    "delays.col.number": "N°",
    "delays.col.title": "Intitulé",
    "delays.col.lead": "Pilote",
    "delays.col.effective_due": "Échéance effective",
    "delays.col.days_late": "Jours de retard (au moins)",
    "delays.col.days_left": "Jours restants",
    "delays.col.status": "Statut",
    "delays.col.assessed_by": "Évalué par",
    "delays.col.evidence": "Source",
    "delays.col.slip_days": "Écart (jours)",
    "delays.col.times_moved": "Reports",
    "delays.col.deadlines": "Échéances successives",
    # Charts.
    "delays.chart.timeline": "Mesures, échéances et retards",
    "delays.chart.as_of": "Situation au {date}",
    "delays.chart.revised": "Échéance révisée",
    "delays.chart.late": "Retard",
    "delays.chart.completed": "Réalisée le",
    "delays.chart.by_lead": "Mesures en retard par pilote",
    "delays.chart.overdue_count": "Mesures en retard",
    "delays.chart.median": "Retard médian, au moins (jours)",
    "delays.chart.measures_axis": "Nombre de mesures",
    "delays.chart.days_axis": "Jours",
    "delays.hover.status": "Statut : {status}",
    "delays.hover.original_due": "Échéance initiale : {date}",
    "delays.hover.effective_due": "Échéance effective : {date}",
    "delays.hover.completed_on": "Réalisée le {date}",
    "delays.hover.unassessed": "Échue, non évaluée : rien ne montre qu'elle n'est pas réalisée",
    "delays.hover.revised": "Échéance révisée : {date} (annoncée {announced})",
    "delays.hover.lead": (
        "{lead}<br>{overdue} mesure(s) en retard<br>retard médian : {median}<br>"
        "le plus long : {longest}"
    ),
}
