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
    # The Method page's definitions in the site: its as-of date is the publication's.
    "site.definitions.caption": (
        "Les mêmes définitions que dans l'application et ses exports. Toutes les durées sont "
        "en jours entiers ; « date choisie » désigne la date de situation de cette "
        "publication, le {as_of}, et les évaluations ou événements datés après elle sont "
        "ignorés."
    ),
    # A publication that leaves something out (`analysis.public_scope`): said on every page.
    "site.extract": "extrait public : {items}",
    "site.extract.voices": "sans les évaluations {voices}",
    "site.extract.sheets": "sans {sheets}",
    "site.extract.columns": (
        "sans {count} {count:plural:colonne ajoutée|colonnes ajoutées} au modèle"
    ),
    "site.extract.emails": "{count} {count:plural:adresse e-mail masquée|adresses e-mail masquées}",
    "site.extract.title": "Ce que cette publication laisse de côté",
    "site.extract.intro": (
        "La coalition publie un extrait de cette version. Ce qui n'est pas publié n'est pas "
        "vide pour autant : les chiffres de ce site portent sur la seule partie publiée."
    ),
    "site.extract.none": (
        "Cette publication contient toute la version : toutes les voix et toutes les "
        "feuilles du modèle."
    ),
    "site.extract.columns.list": "Colonnes ajoutées au modèle, non publiées : {columns}.",
    "package.withheld": (
        "Extrait public : la coalition n'a pas publié tout ce que contient cette version "
        "(voir « withheld »). Une feuille non publiée est vide ici, non parce que rien n'a "
        "été consigné."
    ),
    "package.withheld.sheet": (
        "Non publiée dans cet extrait : vide ici, non parce que rien n'a été consigné. {text}"
    ),
}
