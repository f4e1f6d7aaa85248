"""Text of the start-up refusal for a setting the app cannot read."""

MESSAGES: dict[str, tuple[str, str]] = {
    "settings.invalid": (
        "Réglage invalide {name}={value!r} : attendu {expected}.",
        "Invalid setting {name}={value!r}: expected {expected}.",
    ),
    "settings.expect.megabytes": (
        "un nombre entier de mégaoctets de {low} à {high}",
        "a whole number of megabytes from {low} to {high}",
    ),
    "settings.expect.hours": (
        "un nombre d'heures supérieur à 0 (par exemple 12 ou 0.5)",
        "a number of hours above 0 (for example 12 or 0.5)",
    ),
    "settings.expect.one_of": ("l'une de ces valeurs : {choices}", "one of: {choices}"),
    "settings.expect.flag": (
        "1, true, yes, on (activé) ou 0, false, no, off (désactivé)",
        "1, true, yes, on (on) or 0, false, no, off (off)",
    ),
    "settings.expect.directory": (
        "un dossier existant, celui des classeurs livrés ({files})",
        "an existing folder, the one holding the shipped workbooks ({files})",
    ),
    "settings.expect.emails": (
        "des adresses e-mail séparées par des virgules",
        "e-mail addresses separated by commas",
    ),
    "settings.expect.time_zone": (
        "un fuseau horaire de la base IANA, par exemple Europe/Paris ou America/Montreal",
        "an IANA time zone, for example Europe/Paris or America/Montreal",
    ),
    "settings.expect.issuers": (
        "des émetteurs (le « iss » du jeton d'identité, une adresse https://) séparés par "
        "des virgules",
        "issuers (the ID token's `iss`, an https:// address) separated by commas",
    ),
}
