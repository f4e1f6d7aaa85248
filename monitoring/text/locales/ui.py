"""Text of the dashboard (sidebar, pages, charts)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The app and its sidebar.
    "app.dataset": ("Jeu de données", "Dataset"),
    "app.dataset.france": (
        "France — plans contre la traite des êtres humains",
        "France — plans against trafficking in human beings",
    ),
    "app.dataset.demo": (
        "Démonstration (données fictives)",
        "Demonstration (fictional data)",
    ),
    "app.as_of": ("Situation au", "As of"),
    "app.as_of_help": (
        "Les statuts, retards et échéances sont calculés à cette date : seules les "
        "évaluations datées de ce jour ou avant comptent.",
        "Statuses, delays and deadlines are computed at this date: only assessments dated "
        "on or before it count.",
    ),
    "app.demo_banner": (
        "Données fictives de démonstration : aucun chiffre de ce jeu ne décrit un plan réel.",
        "Fictional demonstration data: no figure in this dataset describes a real plan.",
    ),
    "app.france_banner": (
        "Données réelles et sourcées. Ce qui n'a pas été trouvé dans les sources reste "
        "affiché comme inconnu (« Non évaluée », « non renseignée »). Conventions : périodes "
        "des plans en années entières, fin du plan comme échéance faute d'échéance "
        "sourcée (voir Méthode).",
        "Real, sourced data. What was not found in the sources stays shown as unknown "
        "(“Not assessed”, “not recorded”). Conventions: plan periods in whole years, the "
        "plan's end as deadline when none is sourced (see Method).",
    ),
    "app.load_error": (
        "Le jeu de données n'a pas pu être chargé (référence {ref}).",
        "The dataset could not be loaded (reference {ref}).",
    ),
    # Filters.
    "filter.plan": ("Plan", "Plan"),
    "filter.axis": ("Axe", "Axis"),
    "filter.lead": ("Pilote", "Lead"),
    "filter.all": ("Tous", "All"),
    "filter.voice": ("Évalué par", "Assessed by"),
    "filter.voice_help": (
        "De qui lire les statuts : la dernière évaluation toutes voix confondues, ou "
        "seulement celles du gouvernement, de la société civile ou de l'évaluation "
        "indépendante.",
        "Whose statuses to read: the latest assessment whoever made it, or only those of "
        "the government, civil society or the independent evaluation.",
    ),
    "filter.active": (
        "Filtres actifs dans la barre latérale : les chiffres ne portent que sur la sélection.",
        "Filters are active in the sidebar: the figures cover the selection only.",
    ),
    "voice.all": ("Toutes les voix", "All voices"),
    "voice.government": ("Gouvernement", "Government"),
    "voice.civil_society": ("Société civile", "Civil society"),
    "voice.independent": ("Évaluation indépendante", "Independent evaluation"),
    # Pages.
    "page.overview": ("Vue d'ensemble", "Overview"),
    "page.gaps": ("Écarts d'adoption", "Adoption gaps"),
    "page.delays": ("Retards", "Delays"),
    "page.measures": ("Mesures", "Measures"),
    "page.timeline": ("Chronologie", "Timeline"),
    "page.method": ("Méthode", "Method"),
    "overview.caption": (
        "{name} · situation au {as_of}",
        "{name} · as of {as_of}",
    ),
    "overview.period": (
        "Période {start} – {end} · adopté le {adopted}",
        "Period {start} – {end} · adopted on {adopted}",
    ),
    "overview.no_measures": (
        "Ce plan n'a encore aucune mesure dans le classeur : ajoutez-les dans la feuille Mesures.",
        "This plan has no measures in the workbook yet: add them in the Measures sheet.",
    ),
    "overview.no_plans": (
        "Le classeur ne contient aucun plan : ajoutez-en un dans la feuille Plans.",
        "The workbook holds no plan: add one in the Plans sheet.",
    ),
    "overview.adoption_delay": (
        "Adopté {delay} après la date à laquelle il était attendu ({expected}).",
        "Adopted {delay} after the date it was expected by ({expected}).",
    ),
    "overview.gap_before_days": (
        "{days} sans plan en vigueur entre la fin du plan précédent et son adoption.",
        "{days} with no plan in force between the previous plan's end and its adoption.",
    ),
    "overview.periods_help": (
        "Délai d'adoption : date d'adoption − date attendue. Période sans plan : de la fin "
        "d'un plan à l'adoption du suivant.",
        "Adoption delay: adoption date − expected date. Period with no plan: from one "
        "plan's end to the next one's adoption.",
    ),
    "overview.charts": ("Tous les plans", "All plans"),
    # Figures and their definitions.
    "metric.measures": ("Mesures", "Measures"),
    "metric.measures.help": (
        "Nombre de mesures du plan dans le classeur.",
        "Number of the plan's measures in the workbook.",
    ),
    "metric.completion": ("Taux de réalisation", "Completion rate"),
    "metric.completion.help": (
        "Mesures réalisées ÷ toutes les mesures du plan. Une mesure sans évaluation compte "
        "comme « Non évaluée », jamais comme non réalisée.",
        "Done measures ÷ all of the plan's measures. A measure with no assessment counts as "
        "“Not assessed”, never as not done.",
    ),
    "metric.overdue": ("En retard", "Overdue"),
    "metric.overdue.help": (
        "Mesures dont l'échéance effective (la dernière échéance révisée connue, sinon "
        "l'échéance initiale, sinon la fin du plan) est passée à la date choisie, et qui ne "
        "sont ni réalisées ni abandonnées. Une mesure pas encore échue n'est jamais en "
        "retard.",
        "Measures whose effective due date (the latest revised due date known, else the "
        "original one, else the plan's end) has passed at the chosen date and that are "
        "neither done nor dropped. A measure not yet due is never late.",
    ),
    "metric.unassessed": ("Échues, non évaluées", "Past due, not assessed"),
    "metric.unassessed.help": (
        "Mesures échues pour lesquelles le jeu de données n'a aucune évaluation mesure par "
        "mesure : ce chiffre compte ce qui manque aux données, pas des mesures non "
        "réalisées ; elles ne sont pas comptées en retard. Un verdict publié qui les couvre "
        "est montré à côté.",
        "Past-due measures for which the dataset holds no measure-level assessment: this "
        "figure counts what the data lacks, not measures left undone; they are not counted "
        "as overdue. A published verdict covering them is shown alongside.",
    ),
    "metric.retained": ("Recommandations retenues", "Recommendations retained"),
    "metric.retained.help": (
        "Recommandations retenues ou partiellement retenues par ce plan, sur toutes celles "
        "dont la prise en compte par ce plan est renseignée (« non renseignée » : aucune ne "
        "l'est, ce qui n'est pas zéro). Chaque recommandation compte une fois, à son niveau "
        "le plus élevé.",
        "Recommendations retained or partly retained by this plan, out of all those whose "
        "handling by this plan is recorded (“not recorded”: none is, which is not zero). "
        "Each recommendation counts once, at its highest level.",
    ),
    # Charts.
    "chart.status_by_plan": ("Mesures par statut", "Measures by status"),
    "chart.retention_by_plan": (
        "Prise en compte des recommandations",
        "Recommendations taken into account",
    ),
    "chart.plan_periods": (
        "Plans successifs : période, date attendue, adoption, périodes sans plan",
        "Successive plans: period, expected date, adoption, periods with no plan",
    ),
    "chart.plan_period": ("Période du plan", "Plan period"),
    "chart.expected": ("Attendu le", "Expected by"),
    "chart.adopted": ("Adopté le", "Adopted on"),
    "chart.gap": ("{days} sans plan", "{days} with no plan"),
    "chart.measures_axis": ("Nombre de mesures", "Number of measures"),
    "chart.recommendations_axis": ("Nombre de recommandations", "Number of recommendations"),
    "category.done": ("Réalisée", "Done"),
    "category.partial": ("Partielle", "Partial"),
    "category.not_done": ("Non réalisée", "Not done"),
    "category.dropped": ("Abandonnée", "Dropped"),
    "category.unknown": ("Non évaluée", "Not assessed"),
    "retention.retained": ("Retenue", "Retained"),
    "retention.partly_retained": ("Partiellement retenue", "Partly retained"),
    "retention.dropped_from_draft": ("Retirée du projet", "Dropped from draft"),
    "retention.not_retained": ("Non retenue", "Not retained"),
}
