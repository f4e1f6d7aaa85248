"""Text of the adoption-gaps page (« Écarts d'adoption »)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "gaps.caption": (
        "Quelles recommandations les plans ont-ils reprises, lesquelles ont-ils écartées, "
        "et que sont devenues les mesures qui les reprennent ?",
        "Which recommendations did the plans take up, which did they drop, and what has "
        "become of the measures that carry them?",
    ),
    "gaps.author_filter": ("Auteur des recommandations", "Author of the recommendations"),
    "gaps.author_filter_help": (
        "S'applique à tout ce que montre cette page : graphiques, couverture et listes.",
        "Applies to everything this page shows: charts, coverage and lists.",
    ),
    "gaps.no_recommendations": (
        "Aucune recommandation dans ce jeu de données : ajoutez-en dans la feuille « {sheet} ».",
        "No recommendation in this dataset: add some to the “{sheet}” sheet.",
    ),
    "gaps.not_documented": (
        "La prise en compte de ces recommandations n'est pas encore renseignée : ajoutez "
        "des lignes dans la feuille « {sheet} ».",
        "How these recommendations were taken into account is not recorded yet: add rows "
        "to the “{sheet}” sheet.",
    ),
    "gaps.empty.counts": (
        "Recommandations par thème et par auteur",
        "Recommendations by theme and author",
    ),
    "gaps.empty.list": ("Les recommandations", "The recommendations"),
    # Retention per author and per theme.
    "gaps.by_group": ("Prise en compte, par auteur et par thème", "Retention by author and theme"),
    "gaps.by_group.help": (
        "Chaque recommandation compte une fois par plan, à son niveau le plus élevé "
        "(retenue > partiellement retenue > retirée du projet > non retenue). En bout de "
        "barre : la part reprise, c'est-à-dire retenue ou partiellement retenue (reprises / "
        "recommandations).",
        "Each recommendation counts once per plan, at its highest level (retained > partly "
        "retained > dropped from draft > not retained). At the end of each bar: the share "
        "taken up, that is retained or partly retained (taken up / recommendations).",
    ),
    "gaps.plans_missing": (
        "Ces plans n'apparaissent pas ci-dessus : la prise en compte des recommandations "
        "n'y est pas encore renseignée (ajoutez des lignes dans la feuille « {sheet} »).",
        "These plans are not shown above: how they took the recommendations into account is "
        "not recorded yet (add rows to the “{sheet}” sheet).",
    ),
    "gaps.chart.by_author": (
        "Recommandations par auteur et niveau de prise en compte",
        "Recommendations by author and retention level",
    ),
    "gaps.chart.by_theme": (
        "Recommandations par thème et niveau de prise en compte",
        "Recommendations by theme and retention level",
    ),
    "gaps.chart.taken_share": ("{share} reprises ({of})", "{share} taken up ({of})"),
    "gaps.chart.none_taken": ("{share} : aucune reprise ({of})", "{share}: none taken up ({of})"),
    "gaps.chart.undocumented_label": ("non renseignée", "not recorded"),
    "gaps.undocumented": ("Non renseignée", "Not recorded"),
    # Coverage of themes.
    "gaps.coverage": ("Couverture des thèmes", "Coverage of themes"),
    "gaps.chart.coverage": (
        "Recommandations par thème, au meilleur niveau obtenu dans les plans choisis",
        "Recommendations by theme, at the best level reached in the chosen plans",
    ),
    "gaps.coverage.help": (
        "Une recommandation compte une fois, au niveau le plus élevé que lui a donné l'un "
        "des plans choisis. La part reprise se calcule sur les recommandations dont la prise "
        "en compte est renseignée (entre parenthèses : reprises / renseignées) : une "
        "recommandation « non renseignée » n'est pas un écart, seulement une information "
        "manquante. Les thèmes les moins repris viennent en premier.",
        "A recommendation counts once, at the highest level any of the chosen plans gave "
        "it. The share taken up is computed over the recommendations whose retention is "
        "recorded (in brackets: taken up / recorded): a “not recorded” one is not a gap, "
        "only missing information. The least taken-up themes come first.",
    ),
    # Sankey.
    "gaps.sankey": (
        "Des recommandations aux mesures, et des mesures à leur statut",
        "From recommendations to measures, and from measures to their status",
    ),
    "gaps.sankey.group_by": ("Regrouper les recommandations par", "Group recommendations by"),
    "gaps.sankey.by.author": ("auteur", "author"),
    "gaps.sankey.by.theme": ("thème", "theme"),
    "gaps.sankey.title_author": (
        "Auteur → mesures qui reprennent ses recommandations → statut des mesures",
        "Author → measures taking up the recommendations → status of the measures",
    ),
    "gaps.sankey.title_theme": (
        "Thème → mesures qui reprennent les recommandations → statut des mesures",
        "Theme → measures taking up the recommendations → status of the measures",
    ),
    "gaps.sankey.plan_node": ("Mesures {plan}", "{plan} measures"),
    "gaps.sankey.help": (
        "Statut des mesures au {as_of}, selon : {voice}. Une recommandation reprise par "
        "deux mesures compte deux fois ; une recommandation qu'un plan n'a pas reprise "
        "compte une fois pour ce plan et s'arrête à « Retirée du projet » ou « Non "
        "retenue ». Survolez un flux pour son niveau de prise en compte.",
        "Status of the measures as of {as_of}, according to: {voice}. A recommendation "
        "taken up by two measures counts twice; one that a plan did not take up counts once "
        "for that plan and stops at “Dropped from draft” or “Not retained”. Hover over a "
        "flow for its retention level.",
    ),
    # Recommendations not taken up.
    "gaps.dropped": (
        "Recommandations non retenues ou retirées du projet",
        "Recommendations not retained or dropped from the draft",
    ),
    "gaps.dropped.help": (
        "Une ligne par recommandation et par plan qui ne l'a pas reprise ; commentaire et "
        "source sont ceux de la feuille « {sheet} ».",
        "One row per recommendation and plan that did not take it up; the comment and "
        "source are those of the “{sheet}” sheet.",
    ),
    "gaps.dropped.none": (
        "Aucune recommandation non retenue ni retirée du projet dans la sélection.",
        "No recommendation was left out or dropped from the draft in the selection.",
    ),
    "gaps.col.rec_source": ("Source de la recommandation", "Source of the recommendation"),
    "gaps.col.retention_source": ("Source de la prise en compte", "Source of the retention"),
    # One recommendation's change log, across the stored versions.
    "gaps.history.pick": (
        "Voir l'historique d'une recommandation",
        "See the change log of a recommendation",
    ),
    "gaps.history.placeholder": ("Choisir une recommandation", "Choose a recommendation"),
    "gaps.history.help": (
        "Chaque modification de cette recommandation d'une version enregistrée à la "
        "suivante : sa ligne de la feuille Recommandations et sa prise en compte par les "
        "plans (Prise en compte).",
        "Every change of this recommendation from one stored version to the next: its row "
        "of the Recommendations sheet and how the plans took it up (Retention).",
    ),
}
