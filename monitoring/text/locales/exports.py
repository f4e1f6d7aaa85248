"""Text of the exports: the stamp every image and table carries, and the download buttons."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The stamp: a footer under each image, the first lines of each spreadsheet.
    "exports.as_of": ("Situation au {date}", "As of {date}"),
    "exports.version": ("{dataset}, version {version}", "{dataset}, version {version}"),
    "exports.source": ("Source\u00a0: {source}", "Source: {source}"),
    "exports.source_app": (
        "tableau de bord de suivi du plan, page « {page} » ; sources détaillées dans la "
        "page « Méthode »",
        "plan monitoring dashboard, “{page}” page; sources detailed on the “Method” page",
    ),
    "exports.all_plans": ("Tous les plans", "All plans"),
    "exports.sheet": ("Tableau", "Table"),
    "exports.yes": ("oui", "yes"),
    "exports.no": ("non", "no"),
    # Without Chromium on the server, images cannot be rendered: say what to install.
    "exports.no_chromium": (
        "Les téléchargements d'images (PNG, SVG, PDF) demandent Chromium sur le serveur. "
        "Installez-le avec `apt-get install -y chromium`, puis relancez l'application ; "
        "les tableaux restent téléchargeables.",
        "Image downloads (PNG, SVG, PDF) need Chromium on the server. Install it with "
        "`apt-get install -y chromium`, then restart the app; tables can still be "
        "downloaded.",
    ),
    # The download buttons.
    "exports.png": ("PNG", "PNG"),
    "exports.help.png": (
        "Image haute résolution, à coller dans un document ou une présentation.",
        "High-resolution image, to paste into a document or a slide.",
    ),
    "exports.svg": ("SVG", "SVG"),
    "exports.help.svg": (
        "Image vectorielle, nette à toute taille (Word, PowerPoint, Inkscape).",
        "Vector image, sharp at any size (Word, PowerPoint, Inkscape).",
    ),
    "exports.pdf": ("PDF", "PDF"),
    "exports.help.pdf": ("Le graphique seul, en PDF.", "The chart alone, as a PDF."),
    "exports.xlsx": ("Excel", "Excel"),
    "exports.help.xlsx": (
        "Le tableau en classeur Excel : dates et nombres restent des dates et des nombres.",
        "The table as an Excel workbook: dates and numbers stay dates and numbers.",
    ),
    "exports.csv": ("CSV", "CSV"),
    "exports.help.csv": (
        "Le tableau en CSV (UTF-8) ; en français, séparateur « ; » et virgule décimale, "
        "comme l'attend Excel en français.",
        "The table as CSV (UTF-8, comma-separated, ISO dates).",
    ),
}
