"""Text of the committee brief: its page, its documents (Word, PDF) and its questions."""

MESSAGES: dict[str, str] = {
    "page.brief": "Préparer le comité",
    "brief.caption": (
        "Avant le comité de suivi : ce qui a changé depuis la dernière réunion, ce qui est en "
        "retard ou arrive à échéance avant la prochaine, où gouvernement et société civile "
        "divergent, les lettres sans réponse, et les questions que ces faits posent. "
        "Situation au {as_of} : rien de daté après n'est connu."
    ),
    "brief.since": "Dernière réunion (depuis le)",
    "brief.since_help": (
        "Le brief compare la version du jeu de données en vigueur ce jour-là, lue à cette "
        "date, avec la version actuelle lue à la date de situation."
    ),
    "brief.until": "Prochaine réunion",
    "brief.until_help": (
        "Les mesures dont l'échéance tombe d'ici là sont listées, avec une question chacune."
    ),
    "brief.bad_dates": (
        "La dernière réunion doit précéder la date de situation ({as_of}) et la prochaine la "
        "suivre."
    ),
    "brief.no_version": (
        "Aucune version enregistrée de ce jeu de données : importez un classeur d'abord."
    ),
    "brief.download.docx": "Télécharger (Word)",
    "brief.download.pdf": "Télécharger (PDF)",
    "brief.download.xlsx": "Questions à remplir (Excel)",
    "brief.download.ods": "Questions à remplir (LibreOffice)",
    "brief.questions_file": "questions-comite",
    "brief.questions_help": (
        "Les questions, avec une colonne pour chaque réponse (statut, date, source, "
        "commentaire). Remplies pendant ou après le comité puis déposées sur la page "
        "« Mettre à jour », elles deviennent des évaluations du Gouvernement datées du comité, "
        "et le comité un événement de la chronologie, après la revue habituelle."
    ),
    "brief.download_help": (
        "Le même brief, à retravailler dans Word ou LibreOffice (DOCX) ou à diffuser (PDF)."
    ),
    "brief.file": "brief-comite",
    # The documents' title, then what they compare.
    "brief.title": "Note pour le comité de suivi",
    "brief.period": "Depuis le {since} (version {old}) jusqu'au {as_of} (version {new}).",
    "brief.period.file": "Depuis le {since} jusqu'au {as_of}.",
    "brief.next": "Prochaine réunion : {until}.",
    "brief.no_next": (
        "Aucune date de prochaine réunion indiquée : rien n'est listé comme arrivant à échéance."
    ),
    "brief.scope": "Plans : {plans}. Voix : {voice}.",
    "brief.generated": "Produit le {date}.",
    "brief.nothing": (
        "Rien à signaler entre le {since} et le {as_of} : aucun changement, aucune mesure en "
        "retard ni à échéance, aucun désaccord entre les voix, aucune lettre en attente de "
        "réponse."
    ),
    "brief.unassessed": (
        "{count} {count:plural:mesure a|mesures ont} passé l'échéance sans aucune évaluation : "
        "ni réalisées ni en retard, on ne sait pas."
    ),
    "brief.summary": (
        "{changes} {changes:plural:changement de statut|changements de statut}, "
        "{newly} {newly:plural:mesure devenue|mesures devenues} en retard "
        "(sur {overdue} en retard), {disagreements} "
        "{disagreements:plural:désaccord|désaccords}, {letters} "
        "{letters:plural:lettre|lettres} sans réponse, {questions} "
        "{questions:plural:question|questions}."
    ),
    # Section titles.
    "brief.section.changes": "Ce qui a changé",
    "brief.section.statuses_up": "Statuts en progrès",
    "brief.section.statuses_down": "Statuts en recul",
    "brief.section.statuses_other": "Autres changements de statut",
    "brief.section.assessments": "Nouvelles évaluations (nouvelles preuves)",
    "brief.section.events": "Nouveaux événements",
    "brief.section.deadlines": "Échéances déplacées",
    "brief.section.retention": "Recommandations nouvellement retenues ou abandonnées",
    "brief.section.late": "Retards et échéances",
    "brief.section.newly_overdue": "Devenues en retard depuis la dernière réunion",
    "brief.section.still_overdue": "Toujours en retard",
    "brief.section.due": "Échéances avant la prochaine réunion",
    "brief.section.disagreements": "Désaccords entre gouvernement et société civile",
    "brief.section.letters": "Lettres sans réponse",
    "brief.section.questions": "Questions à poser",
    "brief.none": "Rien.",
    "brief.no_questions": "Aucune question : aucun fait du jeu de données n'en appelle.",
    "brief.more": "… et {count} de plus (la version Word les liste toutes).",
    # Column headers.
    "brief.col.measure": "Mesure",
    "brief.col.voice": "Voix",
    "brief.col.before": "Avant",
    "brief.col.after": "Après",
    "brief.col.date": "Date",
    "brief.col.kind": "Type",
    "brief.col.from": "De",
    "brief.col.to": "À",
    "brief.col.shift": "Décalage",
    "brief.col.recommendation": "Recommandation",
    "brief.col.due": "Échéance",
    "brief.col.last": "Dernière évaluation",
    "brief.col.waiting": "En attente depuis",
    # Question wording: {measure} is `brief.q.measure`; dates are written out.
    "brief.q.measure": "Mesure {number} ({id}, « {title} »)",
    "brief.q.measure_unnumbered": "Mesure {id} (« {title} »)",
    "brief.q.plan_end": "{date} (fin du plan, faute d'échéance propre)",
    "brief.q.by": "« {status} » selon {voice}",
    "brief.q.on": "du {date}",
    # {days}: the delay at the last assessment, the last date it is known at.
    "brief.q.overdue": (
        "{measure} : échéance du {due}, dépassée de {days} à la dernière évaluation "
        "{assessed} ({status}) : où en est-elle ?"
    ),
    "brief.q.overdue_unmeasured": (
        "{measure} : échéance du {due} dépassée, dernière évaluation {assessed} ({status}), "
        "antérieure à l'échéance : où en est-elle ?"
    ),
    "brief.q.due_soon": (
        "{measure} : échéance le {due}, dans {days}, statut actuel « {status} » : sera-t-elle "
        "tenue ?"
    ),
    "brief.q.disagreement": (
        "{measure} : le gouvernement la dit « {government} » ({government_on}), la société "
        "civile « {civil_society} » ({civil_society_on}) : sur quels éléments ?"
    ),
    "brief.q.status_down": (
        "{measure} : statut passé de « {old} » à « {new} » ({voice}) : pourquoi ?"
    ),
    "brief.q.deadline_moved": (
        "{measure} : échéance déplacée du {old} au {new} ({days}) : pourquoi, et la nouvelle "
        "date est-elle ferme ?"
    ),
    "brief.q.deadline_set": (
        "{measure} : échéance désormais fixée au {new} : la date est-elle ferme ?"
    ),
    "brief.q.unanswered_letter": (
        "Lettre {sent} à {recipient} (« {title} ») : sans réponse depuis {days} ; quand "
        "viendra la réponse ?"
    ),
    "brief.q.no_recipient": "son destinataire",
    "brief.q.unknown_date": "(date inconnue)",
    # The command line.
    "brief.cli.written": "Brief écrit : {path}",
    "brief.cli.format": (
        "Le fichier doit finir par .docx, .pdf, ou .xlsx ou .ods (les questions) : {path}"
    ),
    "brief.cli.bad": "Brief impossible : {reason}",
}
