"""Text of the Timeline page: events, letters and replies."""

MESSAGES: dict[str, str] = {
    "timeline.caption": (
        "Ce que nous avons écrit à qui, et si l'on nous a répondu · situation au {as_of} : "
        "les événements datés après ne sont pas encore connus."
    ),
    "timeline.no_events": (
        "Aucun événement daté au plus tard du {as_of} : ajoutez lettres, réunions, réponses "
        "et publications dans la feuille Chronologie, ou choisissez une date plus récente."
    ),
    "timeline.period": "Période",
    "timeline.period_help": (
        "Les événements affichés et les lettres comptées (par date d'envoi). Une réponse "
        "reçue après la période compte quand même, si elle est datée au plus tard de la "
        "date choisie."
    ),
    "timeline.kinds": "Types d'événements",
    "timeline.kinds_help": "Les types affichés sur la frise et dans le tableau des événements.",
    "timeline.no_match": (
        "Aucun événement de ce type dans la période : choisissez d'autres types ou élargissez "
        "la période."
    ),
    "timeline.chart.caption": (
        "Une ligne par type d'événement, chacun avec son symbole. Les flèches relient une "
        "lettre à sa réponse ; un triangle creux est une lettre sans réponse. Fonds : la "
        "période de chaque plan (tirets : son adoption) et, en orangé, le temps sans plan "
        "en vigueur. Un trait gris épais : un événement connu seulement au mois, à l'année ou "
        "entre deux dates, tracé de sa date la plus tôt à la plus tardive (son symbole est "
        "sur la plus tôt) ; aucun jour n'est inventé. Survolez un point pour voir la date, "
        "l'intitulé, l'expéditeur et le destinataire."
    ),
    "timeline.chart.title": "Chronologie du plaidoyer",
    "timeline.kind.letter": "Lettre",
    "timeline.kind.reply": "Réponse",
    "timeline.kind.meeting": "Réunion",
    "timeline.kind.report": "Rapport",
    "timeline.kind.publication": "Publication",
    "timeline.kind.official_text": "Texte officiel",
    "timeline.kind.other": "Autre",
    "timeline.legend.answered": "Lettre (réponse reçue)",
    "timeline.legend.unanswered": "Lettre sans réponse",
    "timeline.legend.link": "Lettre → réponse",
    "timeline.hover.from": "De :",
    "timeline.hover.to": "À :",
    "timeline.adopted": "{plan} adopté",
    "timeline.no_plan": "sans plan",
    "timeline.note.answered": "Réponse le {date}, après {days}",
    "timeline.note.waiting": "Sans réponse, en attente depuis {days}",
    "timeline.note.answers": "En réponse à : {title}",
    "timeline.table": "Les événements en tableau",
    "timeline.col.date": "Date",
    "timeline.col.kind": "Type",
    "timeline.col.title": "Intitulé",
    "timeline.col.sender": "De",
    "timeline.col.recipient": "À",
    "timeline.col.note": "Réponse",
    "timeline.col.plan": "Plan",
    "timeline.col.source": "Source",
    "timeline.col.link": "Lien",
    # Replies per addressee.
    "timeline.replies": "Réponses par destinataire",
    "timeline.replies.caption": (
        "Lettres envoyées dans la période, et celles qui ont reçu une réponse au plus tard "
        "le {as_of}. Une réponse est le premier événement dont « En réponse à » désigne la "
        "lettre ; délai de réponse = sa date − la date de la lettre."
    ),
    "timeline.no_letters": (
        "Aucune lettre envoyée dans la période : ajoutez vos courriers dans la feuille "
        "Chronologie avec le type « Lettre », et leurs réponses avec « En réponse à »."
    ),
    "timeline.rates.title": "Taux de réponse par destinataire",
    "timeline.rates.axis": "Taux de réponse",
    "timeline.rate_text": "{rate} · {answered} / {letters}",
    # French counts 0 and 1 in the singular (« 0 réponse », « 1 lettre »).
    "timeline.answered.one": "{n} réponse",
    "timeline.answered.other": "{n} réponses",
    "timeline.letters.one": "{n} lettre",
    "timeline.letters.other": "{n} lettres",
    "timeline.median_delay": "Délai médian de réponse : {days}",
    "timeline.unnamed_recipient": "(destinataire non renseigné)",
    "timeline.col.letters": "Lettres",
    "timeline.col.answered": "Avec réponse",
    "timeline.col.rate": "Taux de réponse",
    "timeline.col.median_delay": "Délai médian (jours)",
    "timeline.col.delays_known": "Délais connus au jour près (base de la médiane)",
    # Unanswered letters.
    "timeline.unanswered": "Lettres sans réponse enregistrée",
    "timeline.unanswered.caption": (
        "{count} {count:plural:lettre|lettres} de la période sans réponse enregistrée dans le "
        "classeur au {as_of}, de la plus ancienne à la plus récente. Une réponse reçue mais non "
        "saisie dans la feuille Chronologie n'apparaît pas : ajoutez-la avec « En réponse à »."
    ),
    "timeline.all_answered": "Toutes les lettres de la période ont reçu une réponse.",
    "timeline.col.waiting": "Jours d'attente",
}
