"""Text of the dashboard (sidebar, pages, charts)."""

MESSAGES: dict[str, str] = {
    "tables.more_in_files": "Aussi dans les fichiers Excel, LibreOffice et CSV : {columns}.",
    # The app and its sidebar.
    "app.dataset": "Jeu de données",
    "app.dataset.france": "France — plans contre la traite des êtres humains",
    "app.dataset.demo": "Démonstration (données fictives)",
    "app.as_of": "Situation au",
    "app.as_of_help": (
        "Les statuts, retards et échéances sont calculés à cette date : seules les "
        "évaluations datées de ce jour ou avant comptent."
    ),
    "app.demo_banner": (
        "Données fictives de démonstration : aucun chiffre de ce jeu ne décrit un plan réel."
    ),
    "app.france_banner": (
        "Données réelles et sourcées. Ce qui n'a pas été trouvé dans les sources reste "
        "affiché comme inconnu (« Non évaluée », « non renseignée »). Conventions : périodes "
        "des plans en années entières, fin du plan comme échéance faute d'échéance "
        "sourcée (voir Méthode)."
    ),
    "app.load_error": "Le jeu de données n'a pas pu être chargé (référence {ref}).",
    # Filters.
    "filter.plan": "Plan",
    "filter.axis": "Axe",
    "filter.lead": "Pilote",
    "filter.all": "Tous",
    "filter.voice": "Évalué par",
    "filter.voice_help": (
        "De qui lire les statuts : la dernière évaluation toutes voix confondues, ou "
        "seulement celles du gouvernement, de la société civile ou de l'évaluation "
        "indépendante."
    ),
    "filter.active": (
        "Filtres actifs dans la barre latérale : les chiffres ne portent que sur la sélection."
    ),
    "voice.all": "Toutes les voix",
    "voice.government": "Gouvernement",
    "voice.civil_society": "Société civile",
    "voice.independent": "Évaluation indépendante",
    # Pages.
    "page.overview": "Vue d'ensemble",
    "page.gaps": "Écarts d'adoption",
    "page.delays": "Retards",
    "page.measures": "Mesures",
    "page.timeline": "Chronologie",
    "page.method": "Méthode",
    "overview.caption": "{name} · situation au {as_of}",
    "overview.period": "Période {start} – {end} · adopté le {adopted}",
    "overview.no_measures": (
        "Ce plan n'a encore aucune mesure dans le classeur : ajoutez-les dans la feuille Mesures."
    ),
    "overview.no_plans": (
        "Le classeur ne contient aucun plan : ajoutez-en un dans la feuille Plans."
    ),
    "overview.adoption_delay": (
        "Adopté {delay} après la date à laquelle il était attendu ({expected})."
    ),
    "overview.gap_before_days": (
        "{days} sans plan en vigueur entre la fin du plan précédent et son adoption."
    ),
    "overview.periods_help": (
        "Délai d'adoption : date d'adoption − date attendue. Période sans plan : de la fin "
        "d'un plan à l'adoption du suivant."
    ),
    "overview.charts": "Tous les plans",
    "overview.interactive": "Graphiques interactifs",
    "overview.interactive_help": (
        "Les graphiques de cette page s'affichent d'abord comme images, pour que la page "
        "s'ouvre vite ; ils sont identiques aux images téléchargées. Activez pour le survol "
        "(valeurs exactes) et le zoom."
    ),
    "chart.image_hint": "Image du graphique : « Graphiques interactifs » pour le survol et le zoom",
    # Figures and their definitions.
    "metric.measures": "Mesures",
    "metric.measures.help": "Nombre de mesures du plan dans le classeur.",
    "metric.completion": "Taux de réalisation",
    "metric.completion.help": (
        "Mesures réalisées ÷ toutes les mesures du plan. Une mesure sans évaluation compte "
        "comme « Non évaluée », jamais comme non réalisée."
    ),
    "metric.overdue": "En retard",
    "metric.overdue.help": (
        "Mesures dont l'échéance effective (la dernière échéance révisée connue, sinon "
        "l'échéance initiale, sinon la fin du plan) est passée à la date choisie, et qui ne "
        "sont ni réalisées ni abandonnées. Une mesure pas encore échue n'est jamais en "
        "retard."
    ),
    "metric.unassessed": "Échues, non évaluées",
    "metric.unassessed.help": (
        "Mesures échues pour lesquelles le jeu de données n'a aucune évaluation mesure par "
        "mesure : ce chiffre compte ce qui manque aux données, pas des mesures non "
        "réalisées ; elles ne sont pas comptées en retard. Un verdict publié qui les couvre "
        "est montré à côté."
    ),
    "metric.retained": "Recommandations retenues",
    "metric.retained.help": (
        "Recommandations retenues ou partiellement retenues par ce plan, sur toutes celles "
        "dont la prise en compte par ce plan est renseignée (« non renseignée » : aucune ne "
        "l'est, ce qui n'est pas zéro). Chaque recommandation compte une fois, à son niveau "
        "le plus élevé."
    ),
    # Charts.
    "chart.status_by_plan": "Mesures par statut",
    "chart.retention_by_plan": "Prise en compte des recommandations",
    "chart.plan_periods": "Plans successifs : période, date attendue, adoption, périodes sans plan",
    "chart.plan_period": "Période du plan",
    "chart.expected": "Attendu le",
    "chart.adopted": "Adopté le",
    "chart.gap": "{days} sans plan",
    "chart.measures_axis": "Nombre de mesures",
    "chart.recommendations_axis": "Nombre de recommandations",
    "category.done": "Réalisée",
    "category.partial": "Partielle",
    "category.not_done": "Non réalisée",
    "category.dropped": "Abandonnée",
    "category.unknown": "Non évaluée",
    "retention.retained": "Retenue",
    "retention.partly_retained": "Partiellement retenue",
    "retention.dropped_from_draft": "Retirée du projet",
    "retention.not_retained": "Non retenue",
}
