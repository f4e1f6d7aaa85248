"""Text of the questions workbook (`monitoring.present.questions_workbook`) and of reading
its answers back (`monitoring.services.answers`)."""

MESSAGES: dict[str, str | tuple[str, str]] = {
    # The meeting's title in the timeline when none is given; {date} is the meeting's day.
    "answers.meeting_title": "Comité de suivi du {date}",
    "answers.meeting_title_undated": "Comité de suivi",
    # The assessor the answers are recorded under (the government's voice), by default.
    "answers.assessor": "Comité de suivi",
    "answers.stored_as.assessment": "Évaluation du gouvernement (Suivi)",
    "answers.stored_as.not_stored": "Non enregistrée : la question ne porte pas sur une mesure",
    "answers.date_check_title": "Date attendue",
    "answers.date_check": "Saisissez une date (jj/mm/aaaa).",
    "answers.stamp.dataset": "Jeu de données",
    "answers.stamp.version": "Version",
    "answers.stamp.as_of": "Situation au",
    "answers.readme.how": "Comment remplir ce classeur",
    "answers.readme.rows": (
        "Feuille « {questions} » : une question par ligne. Ne modifiez pas les colonnes N°, "
        "Clé, Plan, Mesure et Question (elles sont protégées, sans mot de passe) : la clé "
        "relie chaque réponse à sa question."
    ),
    "answers.readme.answer": (
        "Pour chaque réponse obtenue : choisissez le statut dans la liste (l'échelle du jeu "
        "de données, ci-dessous), vérifiez la date (par défaut celle de la réunion), "
        "indiquez la source (compte rendu, courrier…) et, si besoin, un commentaire."
    ),
    "answers.readme.unanswered": (
        "Laissez vides les questions restées sans réponse : elles restent sans réponse, "
        "rien n'est enregistré pour elles."
    ),
    "answers.readme.not_measure": (
        "Une question qui ne porte pas sur une mesure (un courrier en attente de réponse) "
        "n'a pas de statut : sa réponse n'est pas enregistrée par ce classeur ; ajoutez-la "
        "à la Chronologie (une réponse au courrier)."
    ),
    "answers.readme.meeting": (
        "Feuille « {meeting} » : la date et l'intitulé de la réunion, et le nom sous lequel "
        "les réponses sont enregistrées (voix du gouvernement)."
    ),
    "answers.readme.upload": (
        "Puis déposez le classeur dans la page « Mettre à jour » (ou `plan-monitoring "
        "import`) : chaque réponse devient une évaluation du gouvernement, la réunion un "
        "événement de la Chronologie ; vous verrez les changements avant de confirmer."
    ),
    "answers.readme.scale": "Statuts possibles",
    "answers.readme.category": "Catégorie",
    # Reading the answers back: the messages of the report (after the place of the cell).
    "issue.answer_unknown_question": (
        "« {value} » ne désigne aucune question : la clé a-t-elle été modifiée ? Reprenez-la "
        "du classeur des questions téléchargé."
    ),
    "issue.answer_unknown_subject": (
        "la question « {value} » porte sur « {subject} », qui n'existe pas dans la version "
        "actuelle du jeu de données."
    ),
    "issue.answer_other_measure": (
        "la question « {value} » porte sur la mesure « {subject} », pas sur « {measure} » : "
        "les lignes ont-elles été triées colonne par colonne ?"
    ),
    "issue.answer_duplicate": "la question « {value} » a déjà une réponse, ligne {first}.",
    "issue.answer_not_about_measure": (
        "cette question ne porte pas sur une mesure : sa réponse ne peut pas être "
        "enregistrée comme évaluation. Videz cette cellule (et ajoutez la réponse à la "
        "Chronologie)."
    ),
    "issue.answers_none": (
        "aucune réponse n'est remplie : rien à enregistrer. Remplissez au moins le statut "
        "d'une question."
    ),
    "issue.answers_no_meeting": "la feuille « {sheet} » (date et intitulé de la réunion) manque.",
    "issue.answers_missing_column": (
        "la colonne « {header} » manque : reprenez le classeur des questions téléchargé."
    ),
    "issue.answers_without_version": (
        "ce classeur de réponses ne peut compléter que la version actuelle du jeu « "
        "{dataset} », qui n'en a aucune."
    ),
    # On the Update page, when the file is recognised as a questions workbook's answers.
    "upload.answers": (
        "Classeur des questions reconnu : {count} {count:plural:réponse ajoutée|réponses "
        "ajoutées} comme {count:plural:évaluation|évaluations} du gouvernement, et la "
        "réunion à la Chronologie."
    ),
}
