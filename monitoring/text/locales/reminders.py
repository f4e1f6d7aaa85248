"""Text of the reminders calendar (.ics): its events, its download and its command."""

MESSAGES: dict[str, str] = {
    # The calendar itself: its name is "title — dataset, version N — Situation au …".
    "calendar.title": "Rappels du suivi",
    "calendar.description": (
        "Échéances des mesures, relances des lettres restées sans réponse {days} après leur "
        "envoi et prochain comité de suivi, d'après les données connues au {as_of}. "
        "Importé de nouveau, ce calendrier met à jour ses rappels au lieu de les dupliquer."
    ),
    # Part of the downloaded file's name (plain letters, no accents needed).
    "calendar.file": "calendrier",
    # Each event's category (clients colour or filter by it).
    "calendar.category.deadline": "Échéance",
    "calendar.category.reply": "Relance",
    "calendar.category.meeting": "Comité",
    # A measure's deadline.
    "calendar.measure": "mesure {number} ({plan})",
    "calendar.deadline.summary": "Échéance — {measure} : {title}",
    "calendar.deadline.due": "Échéance : {date}, {basis}.",
    "calendar.deadline.original": "Échéance initiale : {date}, {basis}.",
    "calendar.deadline.revision": "Révisée au {date}, annoncée {when}.",
    "calendar.deadline.revision_by": "Révisée au {date}, annoncée {when} ({who}).",
    "calendar.deadline.lead": "Pilote : {lead}",
    "calendar.deadline.status": "Dernier statut connu : {status}, {when}.",
    "calendar.deadline.status_by": "Dernier statut connu : {status}, {when} ({who}).",
    "calendar.deadline.no_status": "Aucune évaluation connue.",
    # What the measure is at the as-of date.
    "calendar.state.overdue": "Au {as_of} : en retard.",
    "calendar.state.past_due_unassessed": (
        "Au {as_of} : échue, mais aucune évaluation n'en donne le statut (non comptée en retard)."
    ),
    "calendar.state.not_yet_due": "Au {as_of} : pas encore échue.",
    "calendar.state.closed": "Au {as_of} : close ({status}), plus de retard possible.",
    # A letter awaiting its reply.
    "calendar.reply.summary": "Relance — lettre sans réponse : {title}",
    "calendar.reply.letter": "Lettre « {title} », {when}.",
    "calendar.reply.from": "De : {sender}",
    "calendar.reply.to": "À : {recipient}",
    "calendar.reply.waiting": "Aucune réponse connue au {as_of}, {days} après son envoi.",
    "calendar.reply.waiting_between": (
        "Aucune réponse connue au {as_of}, entre {low} et {high} après son envoi."
    ),
    "calendar.reply.delay": "Rappel {days} après l'envoi (le délai choisi).",
    "calendar.reply.period": (
        "La lettre n'est datée qu'à la période près : ce rappel couvre tous les jours où le "
        "délai peut finir, du {first} au {last}, sans en choisir un."
    ),
    # A letter answered, where its follow-up was (a calendar imported again updates it).
    "calendar.answered.summary": "Réponse reçue — lettre : {title}",
    "calendar.answered.reply": (
        "Réponse reçue {when} (connue au {as_of}) : plus de relance à faire."
    ),
    # The next follow-up committee.
    "calendar.meeting.summary": "Comité de suivi du plan",
    "calendar.meeting.description": (
        "Prochain comité de suivi, à la date donnée. Au {as_of} : {overdue} "
        "{overdue:plural:mesure en retard|mesures en retard}, {due} "
        "{due:plural:échéance|échéances} d'ici le comité, {letters} "
        "{letters:plural:lettre sans réponse|lettres sans réponse}."
    ),
    # The Delays page's download.
    "calendar.header": "Rappels dans votre agenda",
    "calendar.caption": (
        "{deadlines} {deadlines:plural:échéance|échéances} des mesures sélectionnées et "
        "{letters} {letters:plural:relance|relances} de lettre sans réponse, plus le comité "
        "de suivi si vous en donnez la date."
    ),
    "calendar.caption.meeting": (
        "{deadlines} {deadlines:plural:échéance|échéances} des mesures sélectionnées, "
        "{letters} {letters:plural:relance|relances} de lettre sans réponse et le comité de "
        "suivi du {date}."
    ),
    "calendar.import_note": (
        "Le fichier s'importe dans Outlook, Thunderbird ou Google Agenda ; importé de "
        "nouveau, il met à jour les rappels au lieu de les dupliquer (la relance d'une "
        "lettre répondue entre-temps devient « Réponse reçue »)."
    ),
    "calendar.next_meeting": "Prochain comité de suivi",
    "calendar.next_meeting.help": (
        "Facultatif : sa date s'ajoute au calendrier, avec un rappel une semaine avant."
    ),
    "calendar.reply_after": "Relancer une lettre sans réponse après (jours)",
    "calendar.download": "Calendrier (.ics)",
    "calendar.download.help": (
        "Un fichier iCalendar : chaque échéance, chaque relance et le comité sont des "
        "journées entières, avec une alerte pour ceux à venir."
    ),
    # The command line.
    "cli.calendar.written": (
        "Calendrier écrit : {path} ({count} {count:plural:événement|événements})."
    ),
    "cli.calendar.meeting_before": (
        "La date du prochain comité ({date}) précède la date de situation ({as_of}) : "
        "donnez une date à venir."
    ),
    # The published site's Delays page.
    "calendar.site_link": (
        "Calendrier des rappels (.ics) : les échéances des mesures et les relances des "
        "lettres sans réponse, à importer dans votre agenda."
    ),
}
