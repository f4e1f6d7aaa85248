"""Text of the public static site (`monitoring.present.site`)."""

MESSAGES: dict[str, str] = {
    # Stated at the top and bottom of every page: the version a citation points to.
    "site.pin": "{dataset} · version {version} · empreinte {hash} · situation au {as_of}",
    "site.cite.label": "Citer ce graphique",
    # {url}: the page's address in the site and the chart's anchor (fr/index.html#status-by-plan).
    "site.cite": (
        "{dataset}, version {version} (empreinte {hash}), situation au {as_of}, "
        "graphique « {title} », {url}"
    ),
    "site.choose_language": "Choisir la langue",
    "site.nav": "Pages du site",
    "site.skip": "Aller au contenu",
    "site.embed.label": "Intégrer ce graphique",
    "site.embed.help": (
        "Collez ce code dans une page de votre site. L'adresse est relative à cette page : "
        "remplacez-la par l'adresse complète où ce site est en ligne. Le graphique intégré "
        "dit sa version et renvoie ici."
    ),
    "site.embed.back": "Voir ce graphique dans son contexte",
    "site.changes.none": (
        "Aucune version antérieure n'a été publiée avec celle-ci : rien à comparer."
    ),
    "site.changes.since": "Ce qui a changé depuis la version {version}, la précédente :",
    "page.changes": "Ce qui a changé",
}
