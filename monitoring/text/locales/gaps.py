"""Text of the adoption-gaps page (« Écarts d'adoption »)."""

MESSAGES: dict[str, str] = {
    "gaps.caption": (
        "Quelles recommandations les plans ont-ils reprises, lesquelles ont-ils écartées, "
        "et que sont devenues les mesures qui les reprennent ?"
    ),
    "gaps.author_filter": "Auteur des recommandations",
    "gaps.author_filter_help": (
        "S'applique à tout ce que montre cette page : graphiques, couverture et listes."
    ),
    "gaps.no_recommendations": (
        "Aucune recommandation dans ce jeu de données : ajoutez-en dans la feuille « {sheet} »."
    ),
    "gaps.not_documented": (
        "La prise en compte de ces recommandations n'est pas encore renseignée : ajoutez "
        "des lignes dans la feuille « {sheet} »."
    ),
    "gaps.empty.counts": "Recommandations par thème et par auteur",
    "gaps.empty.list": "Les recommandations",
    # Retention per author and per theme.
    "gaps.by_group": "Prise en compte, par auteur et par thème",
    "gaps.by_group.help": (
        "Chaque recommandation compte une fois par plan, à son niveau le plus élevé "
        "(retenue > partiellement retenue > retirée du projet > non retenue). En bout de "
        "barre : la part reprise, c'est-à-dire retenue ou partiellement retenue (reprises / "
        "recommandations)."
    ),
    "gaps.plans_missing": (
        "Ces plans n'apparaissent pas ci-dessus : la prise en compte des recommandations "
        "n'y est pas encore renseignée (ajoutez des lignes dans la feuille « {sheet} »)."
    ),
    "gaps.chart.by_author": "Recommandations par auteur et niveau de prise en compte",
    "gaps.chart.by_theme": "Recommandations par thème et niveau de prise en compte",
    "gaps.chart.taken_share": "{share} reprises ({of})",
    "gaps.chart.none_taken": "{share} : aucune reprise ({of})",
    "gaps.chart.undocumented_label": "non renseignée",
    "gaps.undocumented": "Non renseignée",
    # Coverage of themes.
    "gaps.coverage": "Couverture des thèmes",
    "gaps.chart.coverage": (
        "Recommandations par thème, au meilleur niveau obtenu dans les plans choisis"
    ),
    "gaps.coverage.help": (
        "Une recommandation compte une fois, au niveau le plus élevé que lui a donné l'un "
        "des plans choisis. La part reprise se calcule sur les recommandations dont la prise "
        "en compte est renseignée (entre parenthèses : reprises / renseignées) : une "
        "recommandation « non renseignée » n'est pas un écart, seulement une information "
        "manquante. Les thèmes les moins repris viennent en premier."
    ),
    # Sankey.
    "gaps.sankey": "Des recommandations aux mesures, et des mesures à leur statut",
    "gaps.sankey.group_by": "Regrouper les recommandations par",
    "gaps.sankey.by.author": "auteur",
    "gaps.sankey.by.theme": "thème",
    "gaps.sankey.title_author": (
        "Auteur → mesures qui reprennent ses recommandations → statut des mesures"
    ),
    "gaps.sankey.title_theme": (
        "Thème → mesures qui reprennent les recommandations → statut des mesures"
    ),
    "gaps.sankey.plan_node": "Mesures {plan}",
    "gaps.sankey.help": (
        "Statut des mesures au {as_of}, selon : {voice}. Une recommandation reprise par "
        "deux mesures compte deux fois ; une recommandation qu'un plan n'a pas reprise "
        "compte une fois pour ce plan et s'arrête à « Retirée du projet » ou « Non "
        "retenue ». Survolez un flux pour son niveau de prise en compte."
    ),
    # Recommendations not taken up.
    "gaps.dropped": "Recommandations non retenues ou retirées du projet",
    "gaps.dropped.help": (
        "Une ligne par recommandation et par plan qui ne l'a pas reprise ; commentaire et "
        "source sont ceux de la feuille « {sheet} »."
    ),
    "gaps.dropped.none": (
        "Aucune recommandation non retenue ni retirée du projet dans la sélection."
    ),
    "gaps.col.rec_source": "Source de la recommandation",
    "gaps.col.retention_source": "Source de la prise en compte",
    # One recommendation's change log, across the stored versions.
    "gaps.history.pick": "Voir l'historique d'une recommandation",
    "gaps.history.placeholder": "Choisir une recommandation",
    "gaps.history.help": (
        "Chaque modification de cette recommandation d'une version enregistrée à la "
        "suivante : sa ligne de la feuille Recommandations et sa prise en compte par les "
        "plans (Prise en compte)."
    ),
}
