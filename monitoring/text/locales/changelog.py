"""Text of the change log of a measure or a recommendation (every change, version by version)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "changelog.no_version": (
        "Aucune version enregistrée de ce jeu de données.",
        "No stored version of this dataset.",
    ),
    "changelog.only_one": (
        "Aucune modification depuis la version {version} : c'est la seule version enregistrée.",
        "No change since version {version}: it is the only stored version.",
    ),
    "changelog.none": (
        "Aucune modification depuis la version {version} (versions {version} à {last} comparées).",
        "No change since version {version} (versions {version} to {last} compared).",
    ),
    "changelog.count": (
        "{count} modification(s) entre la version {first} et la version {last}, la plus "
        "récente en premier.",
        "{count} change(s) between version {first} and version {last}, newest first.",
    ),
}
