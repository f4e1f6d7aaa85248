"""Text of the dossier: the Report page, the PDF report, the workbook's sheets, the CLI."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The page.
    "page.report": ("Rapport", "Report"),
    "report.caption": (
        "Un dossier prêt pour une note ou un rapport : chaque graphique en PNG et SVG, "
        "chaque tableau dans un classeur Excel, et un rapport PDF qui les commente. "
        "Situation au {as_of} (date de la barre latérale).",
        "A report pack ready for a note or a publication: every chart as PNG and SVG, every "
        "table in an Excel workbook, and a PDF report that comments on them. As of {as_of} (the "
        "sidebar's date).",
    ),
    "report.plans": ("Plans couverts", "Plans covered"),
    "report.plans_help": (
        "Sans choix, le dossier couvre tous les plans du jeu de données. Il couvre des plans "
        "entiers : les filtres Axe et Pilote de la barre latérale ne s'y appliquent pas.",
        "With no choice, the report pack covers every plan of the dataset. It covers whole "
        "plans: the sidebar's Axis and Lead filters do not apply to it.",
    ),
    "report.language": ("Langue du dossier", "Language of the report pack"),
    "report.voice_note": (
        "Statuts lus : {voice} (barre latérale).",
        "Statuses read: {voice} (sidebar).",
    ),
    "report.build": ("Préparer le dossier", "Prepare the report pack"),
    "report.build_help": (
        "Produit les images, le classeur et le PDF ; compter une quinzaine de secondes.",
        "Builds the images, the workbook and the PDF; allow about fifteen seconds.",
    ),
    "report.building": ("Préparation du dossier…", "Preparing the report pack…"),
    "report.built": (
        "Dossier prêt : {charts} graphiques, {tables} tableaux, rapport PDF de {pages} pages.",
        "Report pack ready: {charts} charts, {tables} tables, a PDF report of {pages} pages.",
    ),
    "report.done": ("Dossier préparé", "Report pack prepared"),
    "report.files": ("Les {count} fichiers du ZIP", "The {count} files of the ZIP"),
    "report.download": ("Télécharger le dossier (ZIP)", "Download the report pack (ZIP)"),
    "report.failed": (
        "Le dossier n'a pas pu être produit (référence {ref}).",
        "The report pack could not be produced (reference {ref}).",
    ),
    "report.contents": ("Contenu du dossier", "What the report pack holds"),
    "report.contents.text": (
        "charts/ : chaque graphique en PNG (impression) et SVG (vectoriel), numérotés dans "
        "l'ordre du rapport ; tables.xlsx : une feuille par tableau ; {pdf} : le rapport "
        "(couverture, chiffres clés, graphiques commentés, mesures en retard, "
        "recommandations non reprises, méthode, sources).",
        "charts/: every chart as PNG (print) and SVG (vector), numbered in the report's "
        "order; tables.xlsx: one sheet per table; {pdf}: the report (cover, key figures, "
        "charts with captions, overdue measures, recommendations not taken up, method, "
        "sources).",
    ),
    # Progress steps.
    "dossier.step.figures": (
        "Calcul des chiffres et des graphiques",
        "Computing figures and charts",
    ),
    "dossier.step.chart": ("Image {number}/{total} : {title}", "Image {number}/{total}: {title}"),
    "dossier.step.tables": ("Classeur Excel", "Excel workbook"),
    "dossier.step.pdf": ("Rapport PDF", "PDF report"),
    "dossier.step.zip": ("Archive ZIP", "ZIP archive"),
    "dossier.pdf_name": ("rapport.pdf", "report.pdf"),
    # A missing font (fonts-liberation comes with Debian's chromium package).
    "dossier.no_font": (
        "Le rapport PDF demande la police Liberation Sans ({path}). Installez-la avec "
        "`apt-get install -y fonts-liberation` (elle vient aussi avec chromium).",
        "The PDF report needs the Liberation Sans font ({path}). Install it with "
        "`apt-get install -y fonts-liberation` (it also comes with chromium).",
    ),
    # The PDF: cover.
    "dossier.kicker": (
        "Suivi du plan d'action national — dossier",
        "National action plan monitoring — report pack",
    ),
    "dossier.cover.as_of": ("Situation au {date}", "As of {date}"),
    "dossier.cover.plans": ("Plans couverts", "Plans covered"),
    "dossier.cover.voice": ("Statuts lus : {voice}", "Statuses read: {voice}"),
    "dossier.cover.version": (
        "Jeu de données : {dataset}, version {version}",
        "Dataset: {dataset}, version {version}",
    ),
    "dossier.cover.no_version": ("Jeu de données : {dataset}", "Dataset: {dataset}"),
    "dossier.cover.generated": ("Document produit le {date}", "Produced on {date}"),
    "dossier.cover.fictional": (
        "DONNÉES FICTIVES — jeu de démonstration : aucun chiffre de ce document ne décrit "
        "un plan réel.",
        "FICTIONAL DATA — demonstration dataset: no figure in this document describes a real plan.",
    ),
    "dossier.contents": ("Sommaire", "Contents"),
    "dossier.footer": ("{dataset} · situation au {as_of}", "{dataset} · as of {as_of}"),
    "dossier.page": ("Page {page} / {pages}", "Page {page} of {pages}"),
    # Sections.
    "dossier.section.key_figures": ("Chiffres clés", "Key figures"),
    "dossier.section.charts": ("Graphiques", "Charts"),
    "dossier.section.overdue": ("Mesures en retard", "Overdue measures"),
    "dossier.section.not_taken_up": (
        "Recommandations non retenues ou retirées du projet",
        "Recommendations not retained or dropped from the draft",
    ),
    "dossier.section.method": ("Méthode", "Method"),
    "dossier.section.sources": ("Sources", "Sources"),
    # Key figures.
    "dossier.key.median_delay": ("Retard médian", "Median delay"),
    "dossier.key.retained_share": (
        "Recommandations reprises (retenues ou en partie) / renseignées",
        "Recommendations taken up (fully or partly) / recorded",
    ),
    "dossier.key.adoption_delay": ("Retard d'adoption (jours)", "Adoption delay (days)"),
    "dossier.key.gap_before": (
        "Temps sans plan avant celui-ci (jours)",
        "Time without a plan before this one (days)",
    ),
    "dossier.key.no_measures": (
        "Aucune mesure n'est saisie pour ce plan.",
        "No measure is recorded for this plan.",
    ),
    "dossier.key.caption": (
        "Chiffres calculés au {as_of} à partir des feuilles Plans, Mesures, Suivi et Prise "
        "en compte ; définitions dans la partie « Méthode ».",
        "Figures computed as of {as_of} from the Plans, Measures, Status updates and "
        "Retention sheets; definitions in the “Method” part.",
    ),
    "dossier.col.median_delay": ("Retard médian (jours)", "Median delay (days)"),
    "dossier.col.adoption_delay": ("Retard d'adoption (jours)", "Adoption delay (days)"),
    "dossier.col.adoption_delay_max": (
        "Retard d'adoption, au plus (jours ; date attendue imprécise)",
        "Adoption delay, at most (days; expected date imprecise)",
    ),
    "dossier.col.gap_before": ("Temps sans plan avant (jours)", "Gap before (days)"),
    "dossier.col.retention": ("Niveau", "Level"),
    "dossier.col.author": ("Auteur", "Author"),
    "dossier.col.comment": ("Commentaire", "Comment"),
    "dossier.col.field": ("Indicateur", "Figure"),
    # Charts.
    "dossier.chart.shows": ("Ce que montre le graphique : {text}", "What the chart shows: {text}"),
    "dossier.chart.source": (
        "D'où viennent les chiffres : {text}",
        "Where the figures come from: {text}",
    ),
    "dossier.chart.files": (
        "Fichiers : charts/{stem}.png et .svg",
        "Files: charts/{stem}.png and .svg",
    ),
    "dossier.no_charts": (
        "Aucun graphique ne s'applique à cette sélection.",
        "No chart applies to this selection.",
    ),
    "dossier.shows.plan-periods": (
        "les plans successifs sur un même axe du temps : période de chaque plan, date "
        "d'adoption attendue (losange) et réelle (triangle), et en orangé le temps sans "
        "plan en vigueur ; le trait vertical marque la date de situation.",
        "the successive plans on one time axis: each plan's period, its expected (diamond) "
        "and actual (triangle) adoption date, and in orange the time with no plan in "
        "force; the vertical line marks the as-of date.",
    ),
    "dossier.shows.status-by-plan": (
        "les mesures de chaque plan selon la catégorie de leur statut actuel ; chaque "
        "segment porte son nombre, et chaque catégorie sa couleur et son motif.",
        "each plan's measures by the category of their current status; each segment "
        "carries its count, and each category its colour and pattern.",
    ),
    "dossier.shows.retention-by-plan": (
        "les recommandations adressées à chaque plan, selon qu'il les a retenues, en partie "
        "retenues, retirées du projet ou non retenues.",
        "the recommendations addressed to each plan, by whether it retained them, partly "
        "retained them, dropped them from the draft or did not retain them.",
    ),
    "dossier.shows.retention-by-author": (
        "pour chaque plan, les recommandations de chaque auteur selon leur prise en "
        "compte ; en bout de barre, la part reprise.",
        "for each plan, each author's recommendations by how they were taken into account; "
        "at the end of each bar, the share taken up.",
    ),
    "dossier.shows.retention-by-theme": (
        "pour chaque plan, les recommandations de chaque thème selon leur prise en compte ; "
        "en bout de barre, la part reprise.",
        "for each plan, each theme's recommendations by how they were taken into account; "
        "at the end of each bar, the share taken up.",
    ),
    "dossier.shows.coverage": (
        "par thème, combien de recommandations les plans ont reprises, au niveau le plus "
        "élevé que l'un d'eux leur a donné ; en gris, celles dont la prise en compte n'est "
        "pas renseignée (une information manquante, pas un écart).",
        "per theme, how many recommendations the plans took up, at the highest level any "
        "of them gave; in grey, those whose handling is not recorded (missing "
        "information, not a gap).",
    ),
    "dossier.shows.sankey-by-author": (
        "le chemin des recommandations, par auteur : reprises par des mesures (groupées par "
        "plan) puis le statut actuel de ces mesures, ou arrêtées à « Retirée du projet » "
        "ou « Non retenue ». Une recommandation reprise par deux mesures compte deux fois.",
        "the path of recommendations, by author: taken up by measures (grouped by plan), "
        "then those measures' current status, or stopped at “Dropped from draft” or “Not "
        "retained”. A recommendation taken up by two measures counts twice.",
    ),
    "dossier.shows.timeline": (
        "les mesures du plan {plan}, une ligne chacune, groupées par axe : chaque barre va "
        "du début du plan à l'échéance initiale, couleur et motif selon le statut ; "
        "losanges : échéances révisées ; pointillés : retard jusqu'à la date de situation ; "
        "étoile : réalisation.",
        "the measures of plan {plan}, one row each, grouped by axis: each bar runs from the "
        "plan's start to the original due date, coloured and patterned by status; "
        "diamonds: revised due dates; dotted line: delay up to the as-of date; star: "
        "completion.",
    ),
    "dossier.shows.by-lead": (
        "pour chaque pilote ayant au moins une mesure en retard, le nombre de mesures en "
        "retard et leur retard médian en jours.",
        "for each lead with at least one overdue measure, the number of overdue measures "
        "and their median delay in days.",
    ),
    "dossier.shows.events": (
        "les événements du plaidoyer sur un axe du temps, une ligne par type ; les flèches "
        "relient une lettre à sa réponse, un triangle creux est une lettre sans réponse ; "
        "en fond, la période de chaque plan.",
        "the advocacy events on a time axis, one lane per kind; arrows join a letter to its "
        "reply, a hollow triangle is a letter without reply; in the background, each "
        "plan's period.",
    ),
    "dossier.shows.reply-rates": (
        "pour chaque destinataire, la part des lettres qui ont reçu une réponse, avec le "
        "nombre de lettres derrière chaque barre.",
        "for each addressee, the share of letters that were answered, with the number of "
        "letters behind each bar.",
    ),
    "dossier.from.plan-periods": (
        "feuille Plans (période, date attendue, date d'adoption, plan précédent).",
        "Plans sheet (period, expected date, adoption date, previous plan).",
    ),
    "dossier.from.status-by-plan": (
        "feuilles Mesures et Suivi : statut de la dernière évaluation datée au plus tard du "
        "{as_of} ({voice}) ; une mesure sans évaluation est « Non évaluée ».",
        "Measures and Status updates sheets: status of the latest assessment dated on or "
        "before {as_of} ({voice}); a measure with no assessment is “Not assessed”.",
    ),
    "dossier.from.retention-by-plan": (
        "feuille Prise en compte ; une recommandation compte une fois par plan, à son "
        "niveau le plus élevé.",
        "Retention sheet; a recommendation counts once per plan, at its highest level.",
    ),
    "dossier.from.retention-by-author": (
        "feuilles Recommandations (auteur) et Prise en compte.",
        "Recommendations (author) and Retention sheets.",
    ),
    "dossier.from.retention-by-theme": (
        "feuilles Recommandations (thème) et Prise en compte.",
        "Recommendations (theme) and Retention sheets.",
    ),
    "dossier.from.coverage": (
        "feuilles Recommandations et Prise en compte, tous auteurs.",
        "Recommendations and Retention sheets, every author.",
    ),
    "dossier.from.sankey-by-author": (
        "feuilles Recommandations, Prise en compte, Mesures et Suivi ; statuts au {as_of} "
        "({voice}).",
        "Recommendations, Retention, Measures and Status updates sheets; statuses as of "
        "{as_of} ({voice}).",
    ),
    "dossier.from.timeline": (
        "feuilles Plans, Mesures et Suivi (statuts, échéances révisées et dates de "
        "réalisation connus au {as_of}, {voice}).",
        "Plans, Measures and Status updates sheets (statuses, revised due dates and "
        "completion dates known as of {as_of}, {voice}).",
    ),
    "dossier.from.by-lead": (
        "feuilles Mesures (pilote) et Suivi ; en retard : échéance effective passée au "
        "{as_of}, statut connu, ni réalisée ni abandonnée ({voice}).",
        "Measures (lead) and Status updates sheets; overdue: effective due date passed as "
        "of {as_of}, status known, neither done nor dropped ({voice}).",
    ),
    "dossier.from.events": (
        "feuille Chronologie, événements datés au plus tard du {as_of}.",
        "Timeline sheet, events dated on or before {as_of}.",
    ),
    "dossier.from.reply-rates": (
        "feuille Chronologie : une réponse est le premier événement dont « En réponse à » "
        "désigne la lettre, daté au plus tard du {as_of}.",
        "Timeline sheet: a reply is the first event whose “In reply to” names the letter, "
        "dated on or before {as_of}.",
    ),
    # Lists.
    "dossier.overdue.caption": (
        "{count} mesure(s) en retard au {as_of}, la plus en retard d'abord. Une mesure "
        "échue dont le statut est inconnu n'est pas comptée en retard : {unassessed} "
        "mesure(s) sont dans ce cas (liste dans le classeur, feuille « {sheet} »).",
        "{count} overdue measure(s) as of {as_of}, most late first. A past-due measure "
        "whose status is unknown is not counted overdue: {unassessed} measure(s) are in "
        "that case (listed in the workbook, sheet “{sheet}”).",
    ),
    "dossier.overdue.none": (
        "Aucune mesure en retard au {as_of}. {unassessed} mesure(s) échue(s) n'ont pas de "
        "statut connu et ne sont pas comptées en retard.",
        "No overdue measure as of {as_of}. {unassessed} past-due measure(s) have no known "
        "status and are not counted overdue.",
    ),
    "dossier.not_taken_up.caption": (
        "{count} recommandation(s) qu'un plan couvert n'a pas retenue(s) ou a retirée(s) de "
        "son projet (feuille Prise en compte), par plan puis par niveau.",
        "{count} recommendation(s) a covered plan did not retain or dropped from its draft "
        "(Retention sheet), by plan then level.",
    ),
    "dossier.not_taken_up.none": (
        "Aucune recommandation non retenue ou retirée du projet n'est enregistrée pour les "
        "plans couverts.",
        "No recommendation not retained or dropped from the draft is recorded for the "
        "plans covered.",
    ),
    "dossier.not_taken_up.undocumented": (
        "La prise en compte des recommandations par les plans couverts n'est pas encore "
        "renseignée (feuille Prise en compte vide pour eux) : rien ne peut être dit des "
        "recommandations écartées.",
        "How the covered plans took recommendations into account is not recorded yet "
        "(Retention sheet empty for them): nothing can be said of recommendations left "
        "out.",
    ),
    "dossier.more_rows": (
        "… et {count} autre(s) ligne(s) : la liste complète est dans le classeur, feuille "
        "« {sheet} ».",
        "… and {count} more row(s): the whole list is in the workbook, sheet “{sheet}”.",
    ),
    # Method and sources.
    "dossier.method.intro": (
        "Les mêmes définitions que dans le tableau de bord et la ligne de commande ; « date "
        "choisie » désigne ici le {as_of}.",
        "The same definitions as in the dashboard and the command line; “chosen date” "
        "means {as_of} here.",
    ),
    "dossier.sources.count": (
        "{count} source(s) distincte(s) citée(s) dans le jeu de données, la plus citée "
        "d'abord (nombre de lignes qui la citent).",
        "{count} distinct source(s) cited in the dataset, most cited first (number of rows "
        "citing it).",
    ),
    "dossier.sources.rows": ("{count} ligne(s)", "{count} row(s)"),
    # Workbook sheets (at most 31 characters).
    "dossier.sheet.key-figures": ("Chiffres clés", "Key figures"),
    "dossier.sheet.overdue": ("En retard", "Overdue"),
    "dossier.sheet.slips": ("Échéances reportées", "Deadlines moved"),
    "dossier.sheet.unassessed": ("Échues non évaluées", "Past due not assessed"),
    "dossier.sheet.not-yet-due": ("Pas encore échues", "Not yet due"),
    "dossier.sheet.not-taken-up": ("Recommandations écartées", "Recommendations left out"),
    "dossier.sheet.recommendation-counts": (
        "Recommandations par thème",
        "Recommendations by theme",
    ),
    "dossier.sheet.recommendations": ("Recommandations", "Recommendations"),
    "dossier.sheet.measures": ("Mesures", "Measures"),
    "dossier.sheet.events": ("Chronologie", "Timeline"),
    "dossier.sheet.reply-rates": ("Taux de réponse", "Reply rates"),
    "dossier.sheet.unanswered": ("Lettres sans réponse", "Unanswered letters"),
    "dossier.sheet.status-scale": ("Échelle des statuts", "Status scale"),
    "dossier.sheet.source-coverage": ("Couverture des sources", "Source coverage"),
    "dossier.sheet.sources": ("Sources", "Sources"),
    "dossier.tables_title": ("Tableaux du dossier", "Tables of the report pack"),
    "dossier.tables_source": (
        "tableau de bord de suivi du plan ; définitions dans {pdf}, partie « Méthode »",
        "plan monitoring dashboard; definitions in {pdf}, “Method” part",
    ),
    # Command line.
    "dossier.cli.written": ("Dossier écrit : {path}", "Report pack written: {path}"),
    "dossier.cli.pdf_written": (
        "Rapport PDF : {path} ({pages} pages)",
        "PDF report: {path} ({pages} pages)",
    ),
    "dossier.cli.unknown_plan": (
        "Plan inconnu : {plan}. Plans du jeu de données : {plans}",
        "Unknown plan: {plan}. Plans of the dataset: {plans}",
    ),
}
