"""Text of the Timeline page: events, letters and replies."""

MESSAGES: dict[str, tuple[str, str]] = {
    "timeline.caption": (
        "Ce que nous avons écrit à qui, et si l'on nous a répondu · situation au {as_of} : "
        "les événements datés après ne sont pas encore connus.",
        "What we wrote to whom, and whether they answered · as of {as_of}: events dated "
        "later are not known yet.",
    ),
    "timeline.no_events": (
        "Aucun événement daté au plus tard du {as_of} : ajoutez lettres, réunions, réponses "
        "et publications dans la feuille Chronologie, ou choisissez une date plus récente.",
        "No event dated on or before {as_of}: add letters, meetings, replies and "
        "publications in the Events sheet, or choose a later date.",
    ),
    "timeline.period": ("Période", "Period"),
    "timeline.period_help": (
        "Les événements affichés et les lettres comptées (par date d'envoi). Une réponse "
        "reçue après la période compte quand même, si elle est datée au plus tard de la "
        "date choisie.",
        "The events shown and the letters counted (by the date they were sent). A reply "
        "received after the period still counts, if it is dated on or before the chosen "
        "date.",
    ),
    "timeline.kinds": ("Types d'événements", "Kinds of events"),
    "timeline.kinds_help": (
        "Les types affichés sur la frise et dans le tableau des événements.",
        "The kinds shown on the timeline and in the table of events.",
    ),
    "timeline.no_match": (
        "Aucun événement de ce type dans la période : choisissez d'autres types ou élargissez "
        "la période.",
        "No event of these kinds in the period: choose other kinds or widen the period.",
    ),
    "timeline.chart.caption": (
        "Une ligne par type d'événement, chacun avec son symbole. Les flèches relient une "
        "lettre à sa réponse ; un triangle creux est une lettre sans réponse. Fonds : la "
        "période de chaque plan (tirets : son adoption) et, en orangé, le temps sans plan "
        "en vigueur. Un trait gris épais : un événement connu seulement au mois, à l'année ou "
        "entre deux dates, tracé de sa date la plus tôt à la plus tardive (son symbole est "
        "sur la plus tôt) ; aucun jour n'est inventé. Survolez un point pour voir la date, "
        "l'intitulé, l'expéditeur et le destinataire.",
        "One lane per kind of event, each with its own symbol. Arrows join a letter to its "
        "reply; a hollow triangle is a letter without a reply. Background: each plan's "
        "period (dashes: its adoption) and, in orange, the time with no plan in force. A "
        "thick grey line: an event known only to the month, the year or between two dates, "
        "drawn from its earliest to its latest date (its symbol on the earliest); no day is "
        "invented. Hover over a point for its date, title, sender and addressee.",
    ),
    "timeline.chart.title": ("Chronologie du plaidoyer", "Advocacy timeline"),
    "timeline.kind.letter": ("Lettre", "Letter"),
    "timeline.kind.reply": ("Réponse", "Reply"),
    "timeline.kind.meeting": ("Réunion", "Meeting"),
    "timeline.kind.report": ("Rapport", "Report"),
    "timeline.kind.publication": ("Publication", "Publication"),
    "timeline.kind.official_text": ("Texte officiel", "Official text"),
    "timeline.kind.other": ("Autre", "Other"),
    "timeline.legend.answered": ("Lettre (réponse reçue)", "Letter (answered)"),
    "timeline.legend.unanswered": ("Lettre sans réponse", "Letter without a reply"),
    "timeline.legend.link": ("Lettre → réponse", "Letter → reply"),
    "timeline.hover.from": ("De :", "From:"),
    "timeline.hover.to": ("À :", "To:"),
    "timeline.adopted": ("{plan} adopté", "{plan} adopted"),
    "timeline.no_plan": ("sans plan", "no plan"),
    "timeline.note.answered": (
        "Réponse le {date}, après {days}",
        "Answered on {date}, after {days}",
    ),
    "timeline.note.waiting": (
        "Sans réponse, en attente depuis {days}",
        "No reply, waiting for {days}",
    ),
    "timeline.note.answers": ("En réponse à : {title}", "In reply to: {title}"),
    "timeline.table": ("Les événements en tableau", "The events as a table"),
    "timeline.col.date": ("Date", "Date"),
    "timeline.col.kind": ("Type", "Kind"),
    "timeline.col.title": ("Intitulé", "Title"),
    "timeline.col.sender": ("De", "From"),
    "timeline.col.recipient": ("À", "To"),
    "timeline.col.note": ("Réponse", "Reply"),
    "timeline.col.plan": ("Plan", "Plan"),
    "timeline.col.source": ("Source", "Source"),
    "timeline.col.link": ("Lien", "Link"),
    # Replies per addressee.
    "timeline.replies": ("Réponses par destinataire", "Replies per addressee"),
    "timeline.replies.caption": (
        "Lettres envoyées dans la période, et celles qui ont reçu une réponse au plus tard "
        "le {as_of}. Une réponse est le premier événement dont « En réponse à » désigne la "
        "lettre ; délai de réponse = sa date − la date de la lettre.",
        "Letters sent in the period, and those answered on or before {as_of}. A reply is "
        "the first event whose “In reply to” names the letter; reply delay = its date − "
        "the letter's date.",
    ),
    "timeline.no_letters": (
        "Aucune lettre envoyée dans la période : ajoutez vos courriers dans la feuille "
        "Chronologie avec le type « Lettre », et leurs réponses avec « En réponse à ».",
        "No letter sent in the period: add your letters in the Events sheet with the kind "
        "“Letter”, and their replies with “In reply to”.",
    ),
    "timeline.rates.title": ("Taux de réponse par destinataire", "Reply rate per addressee"),
    "timeline.rates.axis": ("Taux de réponse", "Reply rate"),
    "timeline.rate_text": ("{rate} · {answered} / {letters}", "{rate} · {answered} / {letters}"),
    # French counts 0 and 1 in the singular (« 0 réponse », « 1 lettre »).
    "timeline.answered.one": ("{n} réponse", "{n} answered"),
    "timeline.answered.other": ("{n} réponses", "{n} answered"),
    "timeline.letters.one": ("{n} lettre", "{n} letter"),
    "timeline.letters.other": ("{n} lettres", "{n} letters"),
    "timeline.median_delay": (
        "Délai médian de réponse : {days}",
        "Median reply delay: {days}",
    ),
    "timeline.unnamed_recipient": ("(destinataire non renseigné)", "(addressee not given)"),
    "timeline.col.letters": ("Lettres", "Letters"),
    "timeline.col.answered": ("Avec réponse", "Answered"),
    "timeline.col.rate": ("Taux de réponse", "Reply rate"),
    "timeline.col.median_delay": ("Délai médian (jours)", "Median delay (days)"),
    "timeline.col.delays_known": (
        "Délais connus au jour près (base de la médiane)",
        "Delays known to the day (the median's base)",
    ),
    # Unanswered letters.
    "timeline.unanswered": ("Lettres sans réponse enregistrée", "Letters with no recorded reply"),
    "timeline.unanswered.caption": (
        "{count} lettre(s) de la période sans réponse enregistrée dans le classeur au "
        "{as_of}, de la plus ancienne à la plus récente. Une réponse reçue mais non saisie "
        "dans la feuille Chronologie n'apparaît pas : ajoutez-la avec « En réponse à ».",
        "{count} letter(s) of the period with no reply recorded in the workbook as of "
        "{as_of}, oldest first. A reply received but not entered in the Events sheet does "
        "not show: add it with “In reply to”.",
    ),
    "timeline.all_answered": (
        "Toutes les lettres de la période ont reçu une réponse.",
        "Every letter of the period has been answered.",
    ),
    "timeline.col.waiting": ("Jours d'attente", "Days waiting"),
}
