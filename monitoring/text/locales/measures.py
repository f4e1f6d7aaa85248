"""Text of the Measures page: the table of measures and the detail of one."""

MESSAGES: dict[str, tuple[str, str]] = {
    "measures.caption": (
        "Ce que chaque mesure est devenue, et qui le dit : le gouvernement, la société "
        "civile ou l'évaluation indépendante. {name} · situation au {as_of} · statuts "
        "lus : {voice}.",
        "What became of each measure, and who says so: the government, civil society or "
        "the independent evaluation. {name} · as of {as_of} · statuses read from: {voice}.",
    ),
    "measures.no_measures": (
        "Aucune mesure dans la sélection : ajoutez des mesures dans la feuille Mesures, ou "
        "videz les filtres de la barre latérale.",
        "No measure in the selection: add measures in the Measures sheet, or clear the "
        "sidebar's filters.",
    ),
    # The table and its filters.
    "measures.search": ("Rechercher", "Search"),
    "measures.search_help": (
        "Cherche dans l'identifiant, l'intitulé, l'axe et le pilote, sans tenir compte des "
        "majuscules ni des accents ; chaque mot doit apparaître.",
        "Searches the identifier, title, axis and lead, ignoring case and accents; every "
        "word must appear.",
    ),
    "measures.search_placeholder": (
        "ex. hébergement, mineurs, ministère…",
        "e.g. shelter, minors, ministry…",
    ),
    "measures.categories": ("Catégorie de statut", "Status category"),
    "measures.count": (
        "{shown} mesure(s) affichée(s) sur {total}.",
        "{shown} of {total} measures shown.",
    ),
    "measures.no_match": (
        "Aucune mesure ne correspond : modifiez le texte recherché ou les catégories de "
        "statut, ou videz les filtres de la barre latérale.",
        "No measure matches: change the search text or the status categories, or clear "
        "the sidebar's filters.",
    ),
    "measures.table_help": (
        "Cochez une ligne pour ouvrir le détail de la mesure plus bas. L'adresse de la page "
        "désigne alors cette mesure : copiez-la pour partager ce détail.",
        "Tick a row to open the measure's detail below. The page's address then names this "
        "measure: copy it to share the detail.",
    ),
    "measures.deadline.overdue": ("En retard", "Overdue"),
    "measures.deadline.unassessed": ("Échue, non évaluée", "Past due, not assessed"),
    "measures.deadline.ahead": ("Pas encore échue", "Not yet due"),
    "measures.col.measure_id": ("Mesure", "Measure"),
    "measures.col.number": ("N°", "No."),
    "measures.col.plan_id": ("Plan", "Plan"),
    "measures.col.axis": ("Axe", "Axis"),
    "measures.col.title": ("Intitulé", "Title"),
    "measures.col.lead": ("Pilote", "Lead"),
    "measures.col.status": ("Statut", "Status"),
    "measures.col.assessed_on": ("Évaluée le", "Assessed on"),
    "measures.col.assessed_by": ("Évaluée par", "Assessed by"),
    "measures.col.effective_due": ("Échéance effective", "Effective due date"),
    "measures.col.deadline": ("Situation", "Standing"),
    "measures.col.days_late": ("Jours de retard", "Days late"),
    "measures.col.carried_from": ("Reprise de", "Carried over from"),
    "measures.col.diverges": ("Divergence", "Divergence"),
    "measures.col.as_of": ("Date", "Date"),
    "measures.col.voice": ("Voix", "Voice"),
    "measures.col.assessor": ("Évaluateur", "Assessor"),
    "measures.col.progress_pct": ("Avancement", "Progress"),
    "measures.col.evidence": ("Source", "Evidence"),
    "measures.col.evidence_link": ("Lien", "Link"),
    "measures.col.comment": ("Commentaire", "Comment"),
    "measures.col.rec_id": ("Recommandation", "Recommendation"),
    "measures.col.author": ("Auteur", "Author"),
    "measures.col.level": ("Prise en compte", "Retention"),
    "measures.col.relation": ("Lien avec cette mesure", "Relation to this measure"),
    "measures.col.field": ("Rubrique", "Field"),
    "measures.col.value": ("Valeur", "Value"),
    # The change log (`changelog.ROW_COLUMNS`; author and field are above).
    "measures.col.version": ("Version", "Version"),
    "measures.col.when": ("Enregistrée le ({zone})", "Stored on ({zone})"),
    "measures.col.note": ("Note de la version", "Version note"),
    "measures.col.sheet": ("Feuille", "Sheet"),
    "measures.col.row": ("Ligne", "Row"),
    "measures.col.change": ("Changement", "Change"),
    "measures.col.before": ("Avant", "Before"),
    "measures.col.after": ("Après", "After"),
    "measures.col_help.deadline": (
        "En retard : échéance effective passée, ni réalisée ni abandonnée. Échue, non "
        "évaluée : échéance passée mais aucun statut connu, donc pas comptée en retard.",
        "Overdue: effective due date passed, neither done nor dropped. Past due, not "
        "assessed: due date passed but no status known, so not counted as overdue.",
    ),
    "measures.col_help.diverges": (
        "Cochée quand les statuts actuels du gouvernement et de la société civile ne sont "
        "pas de la même catégorie.",
        "Ticked when the government's and civil society's current statuses are not of the "
        "same category.",
    ),
    "measures.open_link": ("ouvrir", "open"),
    # Choosing the measure to detail.
    "measures.pick": ("Mesure détaillée", "Measure shown in detail"),
    "measures.pick_placeholder": ("Choisissez une mesure…", "Choose a measure…"),
    "measures.pick_help": (
        "Cochez une ligne du tableau, ou choisissez une mesure dans cette liste, pour voir "
        "son historique, ses sources, ses recommandations et ses reprises.",
        "Tick a row of the table, or choose a measure in this list, to see its history, "
        "evidence, recommendations and carry-overs.",
    ),
    "measures.not_in_view": (
        "La mesure désignée par l'adresse de la page n'est pas dans la sélection : elle "
        "n'existe pas dans ce jeu de données, ou les filtres de la barre latérale "
        "l'excluent. Videz les filtres ou choisissez une autre mesure.",
        "The measure named in the page's address is not in the selection: it does not "
        "exist in this dataset, or the sidebar's filters exclude it. Clear the filters or "
        "choose another measure.",
    ),
    # The detail of one measure.
    "measures.detail": ("Détail de la mesure", "Measure detail"),
    "measures.divergence": (
        "Divergence : au {as_of}, le gouvernement classe cette mesure dans la catégorie "
        "« {government} », la société civile dans la catégorie « {civil_society} ». Les "
        "sources de chacun sont dans le tableau des évaluations ci-dessous.",
        "Divergence: as of {as_of}, the government puts this measure in the “{government}” "
        "category, civil society in the “{civil_society}” category. Each one's evidence is "
        "in the table of assessments below.",
    ),
    "measures.fact.plan": ("Plan", "Plan"),
    "measures.fact.axis": ("Axe", "Axis"),
    "measures.fact.lead": ("Pilote", "Lead"),
    "measures.fact.original_due": ("Échéance initiale", "Original due date"),
    "measures.fact.effective_due": ("Échéance effective", "Effective due date"),
    "measures.fact.completed_on": ("Réalisée le", "Completed on"),
    "measures.fact.deadline": ("Situation", "Standing"),
    "measures.fact.voice_government": (
        "Statut actuel : gouvernement",
        "Current status: government",
    ),
    "measures.fact.voice_civil_society": (
        "Statut actuel : société civile",
        "Current status: civil society",
    ),
    "measures.fact.voice_independent": (
        "Statut actuel : évaluation indépendante",
        "Current status: independent evaluation",
    ),
    "measures.fact.budget": ("Budget", "Budget"),
    "measures.fact.carried_from": ("Reprise de", "Carried over from"),
    "measures.fact.source": ("Source", "Source"),
    "measures.fact.no_assessment": (
        "Non évaluée (aucune évaluation à cette date)",
        "Not assessed (no assessment at this date)",
    ),
    "measures.fact.plan_end": ("{date} (fin du plan)", "{date} (end of the plan)"),
    "measures.fact.slip": (
        "{date} (déplacée de {days})",
        "{date} (moved by {days})",
    ),
    "measures.fact.done_after": (
        "Réalisée {days} après l'échéance initiale",
        "Done {days} after the original due date",
    ),
    "measures.history": ("Historique des évaluations", "Assessment history"),
    "measures.history_help": (
        "Une ligne par voix, reconnaissable à son nom dans la légende, à son trait et à la "
        "forme de ses points ; seules les évaluations datées au plus tard du {as_of} "
        "comptent.",
        "One line per voice, told apart by its name in the legend, its dash and the shape "
        "of its points; only assessments dated on or before {as_of} count.",
    ),
    "measures.no_assessment": (
        "Aucune évaluation pour cette mesure : son statut est « Non évaluée ».",
        "No assessment for this measure: its status is “Not assessed”.",
    ),
    "measures.none_yet": (
        "Aucune évaluation datée au plus tard du {as_of} : à cette date, son statut est "
        "« Non évaluée ». Choisissez une date « Situation au » plus récente pour voir les "
        "suivantes.",
        "No assessment dated on or before {as_of}: at that date its status is “Not "
        "assessed”. Choose a later “As of” date to see the later ones.",
    ),
    "measures.evidence": ("Évaluations et sources", "Assessments and evidence"),
    "measures.recommendations": (
        "Recommandations portées par cette mesure",
        "Recommendations this measure carries",
    ),
    "measures.no_recommendations": (
        "Aucune recommandation n'est rattachée à cette mesure : renseignez-les dans la "
        "feuille Prise en compte (colonne Mesure).",
        "No recommendation is linked to this measure: record them in the Retention sheet "
        "(Measure ID column).",
    ),
    "measures.changes": ("Historique des modifications", "Change log"),
    "measures.changes_help": (
        "Chaque modification de cette mesure d'une version enregistrée à la suivante : sa "
        "ligne de la feuille Mesures, ses évaluations et nouvelles échéances (Suivi), ses "
        "liens aux recommandations (Prise en compte) et les événements qui la citent "
        "(Chronologie).",
        "Every change of this measure from one stored version to the next: its row of the "
        "Measures sheet, its assessments and revised due dates (Status updates), its links "
        "to recommendations (Retention) and the events naming it (Events).",
    ),
    "measures.lineage": ("Reprises d'un plan à l'autre", "Carry-overs from plan to plan"),
    "measures.lineage_count": (
        "Cette mesure reprend {before} mesure(s) de plans antérieurs ; {after} mesure(s) de "
        "plans ultérieurs la reprennent.",
        "This measure carries over {before} measure(s) of earlier plans; {after} measure(s) "
        "of later plans carry it over.",
    ),
    "measures.no_lineage": (
        "Cette mesure ne reprend aucune mesure d'un plan antérieur, et aucune mesure d'un "
        "plan ultérieur ne la reprend (colonne « Reprise de » de la feuille Mesures).",
        "This measure carries over no measure of an earlier plan, and no measure of a later "
        "plan carries it over (“Carried over from” column of the Measures sheet).",
    ),
    "measures.lineage.before": ("Reprise par cette mesure", "Carried over by this measure"),
    "measures.lineage.self": ("Cette mesure", "This measure"),
    "measures.lineage.after": ("La reprend", "Carries it over"),
    "measures.lineage.missing": (
        "Mesure absente du classeur",
        "Measure missing from the workbook",
    ),
    # The chart.
    "measures.chart.title": ("Statut selon chaque voix", "Status according to each voice"),
    "measures.chart.x": ("Date de l'évaluation", "Date of the assessment"),
    "measures.chart.as_of": ("Situation au {as_of}", "As of {as_of}"),
}
