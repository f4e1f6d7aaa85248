"""Text of the start-up refusal for a setting the app cannot read."""

MESSAGES: dict[str, str] = {
    "settings.invalid": "Réglage invalide {name}={value!r} : attendu {expected}.",
    "settings.expect.megabytes": "un nombre entier de mégaoctets de {low} à {high}",
    "settings.expect.hours": "un nombre d'heures supérieur à 0 (par exemple 12 ou 0.5)",
    "settings.expect.one_of": "l'une de ces valeurs : {choices}",
    "settings.expect.flag": "1, true, yes, on (activé) ou 0, false, no, off (désactivé)",
    "settings.expect.directory": "un dossier existant, celui des classeurs livrés ({files})",
    "settings.expect.voices": (
        "des voix séparées par des virgules, parmi {choices} (ou leur nom en français)"
    ),
    "settings.expect.sheets": (
        "des feuilles séparées par des virgules, parmi {choices} (ou leur nom), ou none"
    ),
    "settings.expect.emails": "des adresses e-mail séparées par des virgules",
    "settings.expect.issuers": (
        "des émetteurs (le « iss » du jeton d'identité, une adresse https://) séparés par "
        "des virgules"
    ),
    "settings.expect.time_zone": (
        "un fuseau horaire de la base IANA, par exemple Europe/Paris ou America/Montreal"
    ),
}
