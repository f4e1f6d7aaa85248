"""Text of the change log of a measure or a recommendation (every change, version by version)."""

MESSAGES: dict[str, str] = {
    "changelog.no_version": "Aucune version enregistrée de ce jeu de données.",
    "changelog.only_one": (
        "Aucune modification depuis la version {version} : c'est la seule version enregistrée."
    ),
    "changelog.none": (
        "Aucune modification depuis la version {version} (versions {version} à {last} comparées)."
    ),
    "changelog.count": (
        "{count} {count:plural:modification|modifications} entre la version {first} et la version "
        "{last}, la plus récente en premier."
    ),
}
