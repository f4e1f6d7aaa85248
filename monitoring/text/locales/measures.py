"""Text of the Measures page: the table of measures and the detail of one."""

MESSAGES: dict[str, str] = {
    "measures.caption": (
        "Ce que chaque mesure est devenue, et qui le dit : le gouvernement, la société "
        "civile ou l'évaluation indépendante. {name} · situation au {as_of} · statuts "
        "lus : {voice}."
    ),
    "measures.no_measures": (
        "Aucune mesure dans la sélection : ajoutez des mesures dans la feuille Mesures, ou "
        "videz les filtres de la barre latérale."
    ),
    # The table and its filters.
    "measures.search": "Rechercher",
    "measures.search_help": (
        "Cherche dans l'identifiant, l'intitulé, l'axe et le pilote, sans tenir compte des "
        "majuscules ni des accents ; chaque mot doit apparaître."
    ),
    "measures.search_placeholder": "ex. hébergement, mineurs, ministère…",
    "measures.categories": "Catégorie de statut",
    "measures.count": "{shown} {shown:plural:mesure affichée|mesures affichées} sur {total}.",
    "measures.no_match": (
        "Aucune mesure ne correspond : modifiez le texte recherché ou les catégories de "
        "statut, ou videz les filtres de la barre latérale."
    ),
    "measures.table_help": (
        "Cochez une ligne pour ouvrir le détail de la mesure plus bas. L'adresse de la page "
        "désigne alors cette mesure : copiez-la pour partager ce détail."
    ),
    "measures.deadline.overdue": "En retard",
    "measures.deadline.unassessed": "Échue, non évaluée",
    "measures.deadline.ahead": "Pas encore échue",
    "measures.col.measure_id": "Mesure",
    "measures.col.number": "N°",
    "measures.col.plan_id": "Plan",
    "measures.col.axis": "Axe",
    "measures.col.title": "Intitulé",
    "measures.col.lead": "Pilote",
    "measures.col.status": "Statut",
    "measures.col.assessed_on": "Évaluée le",
    "measures.col.assessed_by": "Évaluée par",
    "measures.col.effective_due": "Échéance effective",
    "measures.col.deadline": "Situation",
    "measures.col.days_late": "Jours de retard",
    "measures.col.carried_from": "Reprise de",
    "measures.col.diverges": "Divergence",
    "measures.col.as_of": "Date",
    "measures.col.voice": "Voix",
    "measures.col.assessor": "Évaluateur",
    "measures.col.progress_pct": "Avancement",
    "measures.col.evidence": "Source",
    "measures.col.evidence_link": "Lien",
    "measures.col.comment": "Commentaire",
    "measures.col.rec_id": "Recommandation",
    "measures.col.author": "Auteur",
    "measures.col.level": "Prise en compte",
    "measures.col.relation": "Lien avec cette mesure",
    "measures.col.field": "Rubrique",
    "measures.col.value": "Valeur",
    # The change log (`changelog.ROW_COLUMNS`; author and field are above).
    "measures.col.version": "Version",
    "measures.col.when": "Enregistrée le ({zone})",
    "measures.col.note": "Note de la version",
    "measures.col.sheet": "Feuille",
    "measures.col.row": "Ligne",
    "measures.col.change": "Changement",
    "measures.col.before": "Avant",
    "measures.col.after": "Après",
    "measures.col_help.deadline": (
        "En retard : échéance effective passée, ni réalisée ni abandonnée. Échue, non "
        "évaluée : échéance passée mais aucun statut connu, donc pas comptée en retard."
    ),
    "measures.col_help.diverges": (
        "Cochée quand les statuts actuels du gouvernement et de la société civile ne sont "
        "pas de la même catégorie."
    ),
    "measures.open_link": "ouvrir",
    # Choosing the measure to detail.
    "measures.pick": "Mesure détaillée",
    "measures.pick_placeholder": "Choisissez une mesure…",
    "measures.pick_help": (
        "Cochez une ligne du tableau, ou choisissez une mesure dans cette liste, pour voir "
        "son historique, ses sources, ses recommandations et ses reprises."
    ),
    "measures.not_in_view": (
        "La mesure désignée par l'adresse de la page n'est pas dans la sélection : elle "
        "n'existe pas dans ce jeu de données, ou les filtres de la barre latérale "
        "l'excluent. Videz les filtres ou choisissez une autre mesure."
    ),
    # The detail of one measure.
    "measures.detail": "Détail de la mesure",
    "measures.divergence": (
        "Divergence : au {as_of}, le gouvernement classe cette mesure dans la catégorie "
        "« {government} », la société civile dans la catégorie « {civil_society} ». Les "
        "sources de chacun sont dans le tableau des évaluations ci-dessous."
    ),
    "measures.fact.plan": "Plan",
    "measures.fact.axis": "Axe",
    "measures.fact.lead": "Pilote",
    "measures.fact.original_due": "Échéance initiale",
    "measures.fact.effective_due": "Échéance effective",
    "measures.fact.completed_on": "Réalisée le",
    "measures.fact.deadline": "Situation",
    "measures.fact.voice_government": "Statut actuel : gouvernement",
    "measures.fact.voice_civil_society": "Statut actuel : société civile",
    "measures.fact.voice_independent": "Statut actuel : évaluation indépendante",
    "measures.fact.budget": "Budget",
    "measures.fact.carried_from": "Reprise de",
    "measures.fact.source": "Source",
    "measures.fact.no_assessment": "Non évaluée (aucune évaluation à cette date)",
    "measures.fact.plan_end": "{date} (fin du plan)",
    "measures.fact.slip": "{date} (déplacée de {days})",
    "measures.fact.done_after": "Réalisée {days} après l'échéance initiale",
    "measures.history": "Historique des évaluations",
    "measures.history_help": (
        "Une ligne par voix, reconnaissable à son nom dans la légende, à son trait et à la "
        "forme de ses points ; seules les évaluations datées au plus tard du {as_of} "
        "comptent."
    ),
    "measures.no_assessment": (
        "Aucune évaluation pour cette mesure : son statut est « Non évaluée »."
    ),
    "measures.none_yet": (
        "Aucune évaluation datée au plus tard du {as_of} : à cette date, son statut est "
        "« Non évaluée ». Choisissez une date « Situation au » plus récente pour voir les "
        "suivantes."
    ),
    "measures.evidence": "Évaluations et sources",
    "measures.recommendations": "Recommandations portées par cette mesure",
    "measures.no_recommendations": (
        "Aucune recommandation n'est rattachée à cette mesure : renseignez-les dans la "
        "feuille Prise en compte (colonne Mesure)."
    ),
    "measures.changes": "Historique des modifications",
    "measures.changes_help": (
        "Chaque modification de cette mesure d'une version enregistrée à la suivante : sa "
        "ligne de la feuille Mesures, ses évaluations et nouvelles échéances (Suivi), ses "
        "liens aux recommandations (Prise en compte) et les événements qui la citent "
        "(Chronologie)."
    ),
    "measures.lineage": "Reprises d'un plan à l'autre",
    "measures.lineage_count": (
        "Cette mesure reprend {before} mesure(s) de plans antérieurs ; {after} mesure(s) de "
        "plans ultérieurs la reprennent."
    ),
    "measures.no_lineage": (
        "Cette mesure ne reprend aucune mesure d'un plan antérieur, et aucune mesure d'un "
        "plan ultérieur ne la reprend (colonne « Reprise de » de la feuille Mesures)."
    ),
    "measures.lineage.before": "Reprise par cette mesure",
    "measures.lineage.self": "Cette mesure",
    "measures.lineage.after": "La reprend",
    "measures.lineage.missing": "Mesure absente du classeur",
    # The chart.
    "measures.chart.title": "Statut selon chaque voix",
    "measures.chart.x": "Date de l'évaluation",
    "measures.chart.as_of": "Situation au {as_of}",
}
