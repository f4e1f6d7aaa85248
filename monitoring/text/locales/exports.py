"""Text of the exports: the stamp every image and table carries, and the download buttons."""

MESSAGES: dict[str, str] = {
    # The stamp: a footer under each image, the first lines of each spreadsheet.
    "exports.as_of": "Situation au {date}",
    "exports.version": "{dataset}, version {version}",
    "exports.source": "Source\u00a0: {source}",
    "exports.source_app": (
        "tableau de bord de suivi du plan, page « {page} » ; sources détaillées dans la "
        "page « Méthode »"
    ),
    "exports.all_plans": "Tous les plans",
    "exports.sheet": "Tableau",
    "exports.yes": "oui",
    "exports.no": "non",
    # Without Chromium on the server, images cannot be rendered: say what to install.
    "exports.no_chromium": (
        "Les téléchargements d'images (PNG, SVG, PDF) demandent Chromium sur le serveur. "
        "Installez-le avec `apt-get install -y chromium`, puis relancez l'application ; "
        "les tableaux restent téléchargeables."
    ),
    # The download buttons.
    "exports.png": "PNG",
    "exports.help.png": "Image haute résolution, à coller dans un document ou une présentation.",
    "exports.svg": "SVG",
    "exports.help.svg": "Image vectorielle, nette à toute taille (Word, PowerPoint, Inkscape).",
    "exports.pdf": "PDF",
    "exports.help.pdf": "Le graphique seul, en PDF.",
    "exports.xlsx": "Excel",
    "exports.help.xlsx": (
        "Le tableau en classeur Excel : dates et nombres restent des dates et des nombres."
    ),
    "exports.ods": "LibreOffice",
    "exports.help.ods": (
        "Le tableau en classeur OpenDocument (.ods), le format de LibreOffice Calc : dates "
        "et nombres restent des dates et des nombres."
    ),
    "exports.csv": "CSV",
    "exports.help.csv": (
        "Le tableau en CSV (UTF-8) ; en français, séparateur « ; » et virgule décimale, "
        "comme l'attend Excel en français."
    ),
    # A workbook's second button, next to the Excel one: {label} is the first one's label.
    "exports.in_ods": "{label} — LibreOffice (.ods)",
}
