"""Text of the dossier: the Report page, the PDF report, the workbook's sheets, the CLI."""

MESSAGES: dict[str, str] = {
    # The page.
    "page.report": "Rapport",
    "report.caption": (
        "Un dossier prêt pour une note ou un rapport : chaque graphique en PNG et SVG, chaque "
        "tableau dans un classeur Excel, et un rapport PDF qui les commente. Situation au {as_of} "
        "(date de la barre latérale)."
    ),
    "report.plans": "Plans couverts",
    "report.plans_help": (
        "Sans choix, le dossier couvre tous les plans du jeu de données. Il couvre des plans "
        "entiers : les filtres Axe et Pilote de la barre latérale ne s'y appliquent pas."
    ),
    "report.language": "Langue du dossier",
    "report.voice_note": "Statuts lus : {voice} (barre latérale).",
    "report.build": "Préparer le dossier",
    "report.build_help": (
        "Produit les images, le classeur et le PDF ; compter une quinzaine de secondes."
    ),
    "report.building": "Préparation du dossier…",
    "report.built": (
        "Dossier prêt : {charts} graphiques, {tables} tableaux, rapport PDF de {pages} pages."
    ),
    "report.done": "Dossier préparé",
    "report.files": "Les {count} fichiers du ZIP",
    "report.download": "Télécharger le dossier (ZIP)",
    "report.failed": "Le dossier n'a pas pu être produit (référence {ref}).",
    "report.contents": "Contenu du dossier",
    "report.contents.text": (
        "charts/ : chaque graphique en PNG (impression) et SVG (vectoriel), numérotés dans "
        "l'ordre du rapport ; tables.xlsx : une feuille par tableau ; {pdf} : le rapport "
        "(couverture, chiffres clés, graphiques commentés, mesures en retard, "
        "recommandations non reprises, méthode, sources)."
    ),
    # Progress steps.
    "dossier.step.figures": "Calcul des chiffres et des graphiques",
    "dossier.step.chart": "Image {number}/{total} : {title}",
    "dossier.step.tables": "Classeur Excel",
    "dossier.step.pdf": "Rapport PDF",
    "dossier.step.zip": "Archive ZIP",
    "dossier.pdf_name": "rapport.pdf",
    # A missing font (fonts-liberation comes with Debian's chromium package).
    "dossier.no_font": (
        "Le rapport PDF demande la police Liberation Sans ({path}). Installez-la avec "
        "`apt-get install -y fonts-liberation` (elle vient aussi avec chromium)."
    ),
    # The PDF: cover.
    "dossier.kicker": "Suivi du plan d'action national — dossier",
    "dossier.cover.as_of": "Situation au {date}",
    "dossier.cover.plans": "Plans couverts",
    "dossier.cover.voice": "Statuts lus : {voice}",
    "dossier.cover.version": "Jeu de données : {dataset}, version {version}",
    "dossier.cover.no_version": "Jeu de données : {dataset}",
    "dossier.cover.generated": "Document produit le {date}",
    "dossier.cover.fictional": (
        "DONNÉES FICTIVES — jeu de démonstration : aucun chiffre de ce document ne décrit "
        "un plan réel."
    ),
    "dossier.contents": "Sommaire",
    "dossier.footer": "{dataset} · situation au {as_of}",
    "dossier.page": "Page {page} / {pages}",
    # Sections.
    "dossier.section.key_figures": "Chiffres clés",
    "dossier.section.charts": "Graphiques",
    "dossier.section.overdue": "Mesures en retard",
    "dossier.section.not_taken_up": "Recommandations non retenues ou retirées du projet",
    "dossier.section.method": "Méthode",
    "dossier.section.sources": "Sources",
    # Key figures.
    "dossier.key.median_delay": "Retard médian",
    "dossier.key.retained_share": "Recommandations reprises (retenues ou en partie) / renseignées",
    "dossier.key.adoption_delay": "Retard d'adoption (jours)",
    "dossier.key.gap_before": "Temps sans plan avant celui-ci (jours)",
    "dossier.key.no_measures": "Aucune mesure n'est saisie pour ce plan.",
    "dossier.key.caption": (
        "Chiffres calculés au {as_of} à partir des feuilles Plans, Mesures, Suivi et Prise "
        "en compte ; définitions dans la partie « Méthode »."
    ),
    "dossier.col.median_delay": "Retard médian (jours)",
    "dossier.col.adoption_delay": "Retard d'adoption (jours)",
    "dossier.col.adoption_delay_max": (
        "Retard d'adoption, au plus (jours ; date attendue imprécise)"
    ),
    "dossier.col.gap_before": "Temps sans plan avant (jours)",
    "dossier.col.retention": "Niveau",
    "dossier.col.author": "Auteur",
    "dossier.col.comment": "Commentaire",
    "dossier.col.field": "Indicateur",
    # Charts.
    "dossier.chart.shows": "Ce que montre le graphique : {text}",
    "dossier.chart.source": "D'où viennent les chiffres : {text}",
    "dossier.chart.files": "Fichiers : charts/{stem}.png et .svg",
    "dossier.no_charts": "Aucun graphique ne s'applique à cette sélection.",
    "dossier.shows.plan-periods": (
        "les plans successifs sur un même axe du temps : période de chaque plan, date "
        "d'adoption attendue (losange) et réelle (triangle), et en orangé le temps sans "
        "plan en vigueur ; le trait vertical marque la date de situation."
    ),
    "dossier.shows.status-by-plan": (
        "les mesures de chaque plan selon la catégorie de leur statut actuel ; chaque "
        "segment porte son nombre, et chaque catégorie sa couleur et son motif."
    ),
    "dossier.shows.retention-by-plan": (
        "les recommandations adressées à chaque plan, selon qu'il les a retenues, en partie "
        "retenues, retirées du projet ou non retenues."
    ),
    "dossier.shows.retention-by-author": (
        "pour chaque plan, les recommandations de chaque auteur selon leur prise en "
        "compte ; en bout de barre, la part reprise."
    ),
    "dossier.shows.retention-by-theme": (
        "pour chaque plan, les recommandations de chaque thème selon leur prise en compte ; "
        "en bout de barre, la part reprise."
    ),
    "dossier.shows.coverage": (
        "par thème, combien de recommandations les plans ont reprises, au niveau le plus "
        "élevé que l'un d'eux leur a donné ; en gris, celles dont la prise en compte n'est "
        "pas renseignée (une information manquante, pas un écart)."
    ),
    "dossier.shows.sankey-by-author": (
        "le chemin des recommandations, par auteur : reprises par des mesures (groupées par "
        "plan) puis le statut actuel de ces mesures, ou arrêtées à « Retirée du projet » "
        "ou « Non retenue ». Une recommandation reprise par deux mesures compte deux fois."
    ),
    "dossier.shows.timeline": (
        "les mesures du plan {plan}, une ligne chacune, groupées par axe : chaque barre va "
        "du début du plan à l'échéance initiale, couleur et motif selon le statut ; "
        "losanges : échéances révisées ; pointillés : retard jusqu'à la date de situation ; "
        "étoile : réalisation."
    ),
    "dossier.shows.by-lead": (
        "pour chaque pilote ayant au moins une mesure en retard, le nombre de mesures en "
        "retard et leur retard médian en jours."
    ),
    "dossier.shows.events": (
        "les événements du plaidoyer sur un axe du temps, une ligne par type ; les flèches "
        "relient une lettre à sa réponse, un triangle creux est une lettre sans réponse ; "
        "en fond, la période de chaque plan."
    ),
    "dossier.shows.reply-rates": (
        "pour chaque destinataire, la part des lettres qui ont reçu une réponse, avec le "
        "nombre de lettres derrière chaque barre."
    ),
    "dossier.from.plan-periods": (
        "feuille Plans (période, date attendue, date d'adoption, plan précédent)."
    ),
    "dossier.from.status-by-plan": (
        "feuilles Mesures et Suivi : statut de la dernière évaluation datée au plus tard du "
        "{as_of} ({voice}) ; une mesure sans évaluation est « Non évaluée »."
    ),
    "dossier.from.retention-by-plan": (
        "feuille Prise en compte ; une recommandation compte une fois par plan, à son "
        "niveau le plus élevé."
    ),
    "dossier.from.retention-by-author": "feuilles Recommandations (auteur) et Prise en compte.",
    "dossier.from.retention-by-theme": "feuilles Recommandations (thème) et Prise en compte.",
    "dossier.from.coverage": "feuilles Recommandations et Prise en compte, tous auteurs.",
    "dossier.from.sankey-by-author": (
        "feuilles Recommandations, Prise en compte, Mesures et Suivi ; statuts au {as_of} "
        "({voice})."
    ),
    "dossier.from.timeline": (
        "feuilles Plans, Mesures et Suivi (statuts, échéances révisées et dates de "
        "réalisation connus au {as_of}, {voice})."
    ),
    "dossier.from.by-lead": (
        "feuilles Mesures (pilote) et Suivi ; en retard : échéance effective passée au "
        "{as_of}, statut connu, ni réalisée ni abandonnée ({voice})."
    ),
    "dossier.from.events": "feuille Chronologie, événements datés au plus tard du {as_of}.",
    "dossier.from.reply-rates": (
        "feuille Chronologie : une réponse est le premier événement dont « En réponse à » "
        "désigne la lettre, daté au plus tard du {as_of}."
    ),
    # Lists.
    "dossier.overdue.caption": (
        "{count} {count:plural:mesure|mesures} en retard au {as_of}, la plus en retard d'abord. "
        "Une mesure échue dont le statut est inconnu n'est pas comptée en retard : {unassessed} "
        "{unassessed:plural:mesure est|mesures sont} dans ce cas (liste dans le classeur, feuille "
        "« {sheet} »)."
    ),
    "dossier.overdue.none": (
        "Aucune mesure en retard au {as_of}. {unassessed} mesure(s) échue(s) n'ont pas de "
        "statut connu et ne sont pas comptées en retard."
    ),
    "dossier.not_taken_up.caption": (
        "{count} {count:plural:recommandation qu'un plan couvert n'a pas retenue ou a "
        "retirée|recommandations qu'un plan couvert n'a pas retenues ou a retirées} de son projet "
        "(feuille Prise en compte), par plan puis par niveau."
    ),
    "dossier.not_taken_up.none": (
        "Aucune recommandation non retenue ou retirée du projet n'est enregistrée pour les "
        "plans couverts."
    ),
    "dossier.not_taken_up.undocumented": (
        "La prise en compte des recommandations par les plans couverts n'est pas encore "
        "renseignée (feuille Prise en compte vide pour eux) : rien ne peut être dit des "
        "recommandations écartées."
    ),
    "dossier.more_rows": (
        "… et {count} {count:plural:autre ligne|autres lignes} : la liste complète est dans le "
        "classeur, feuille « {sheet} »."
    ),
    # Method and sources.
    "dossier.method.intro": (
        "Les mêmes définitions que dans le tableau de bord et la ligne de commande ; « date "
        "choisie » désigne ici le {as_of}."
    ),
    "dossier.sources.count": (
        "{count} {count:plural:source distincte citée|sources distinctes citées} dans le jeu de "
        "données, la plus citée d'abord (nombre de lignes qui la citent)."
    ),
    "dossier.sources.rows": "{count} {count:plural:ligne|lignes}",
    # Workbook sheets (at most 31 characters).
    "dossier.sheet.key-figures": "Chiffres clés",
    "dossier.sheet.overdue": "En retard",
    "dossier.sheet.slips": "Échéances reportées",
    "dossier.sheet.unassessed": "Échues non évaluées",
    "dossier.sheet.not-yet-due": "Pas encore échues",
    "dossier.sheet.not-taken-up": "Recommandations écartées",
    "dossier.sheet.recommendation-counts": "Recommandations par thème",
    "dossier.sheet.recommendations": "Recommandations",
    "dossier.sheet.measures": "Mesures",
    "dossier.sheet.events": "Chronologie",
    "dossier.sheet.reply-rates": "Taux de réponse",
    "dossier.sheet.unanswered": "Lettres sans réponse",
    "dossier.sheet.status-scale": "Échelle des statuts",
    "dossier.sheet.source-coverage": "Couverture des sources",
    "dossier.sheet.sources": "Sources",
    "dossier.tables_title": "Tableaux du dossier",
    "dossier.tables_source": (
        "tableau de bord de suivi du plan ; définitions dans {pdf}, partie « Méthode »"
    ),
    # Command line.
    "dossier.cli.written": "Dossier écrit : {path}",
    "dossier.cli.pdf_written": "Rapport PDF : {path} ({pages} pages)",
    "dossier.cli.unknown_plan": "Plan inconnu : {plan}. Plans du jeu de données : {plans}",
    "report.publish": "Publier",
    "report.publish_help": (
        "Pour tout le monde : un site statique de la version {version} (français et anglais, "
        "graphiques interactifs, chaque chiffre citable avec sa version) et ses données ouvertes "
        "(Frictionless Data Package, un CSV par feuille). Décompressez le dossier et copiez-le sur "
        "l'espace web de la coalition ; ouvrez index.html pour le lire."
    ),
    "report.publish.whole": (
        "Toutes les voix et toutes les feuilles du modèle seront publiées ; les colonnes "
        "ajoutées au modèle et les adresses e-mail écrites dans les cellules ne le seraient "
        "pas. Ce qui est public est un réglage de l'instance (README, « Publishing »)."
    ),
    "report.publish.extract": (
        "Selon le réglage de l'instance, la publication sera un {extract}. Chaque page le dira."
    ),
    "report.publish.file": "publication",
    "report.publish.download": "Télécharger le site et les données (ZIP)",
}
