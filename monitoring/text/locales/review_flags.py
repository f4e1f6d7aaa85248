"""Text of the flags that need their own confirmation: history rewritten, a replacement."""

MESSAGES: dict[str, tuple[str, str]] = {
    "flags.part_of": ("{part} sur {whole}", "{part} of {whole}"),
    "flags.no_plan": ("(sans plan)", "(no plan)"),
    "flags.figure.completion": ("Taux de réalisation", "Completion rate"),
    "flags.figure.assessed": ("Mesures évaluées", "Measures assessed"),
    "flags.figure.letters_answered": ("Lettres ayant reçu réponse", "Letters answered"),
    "flags.column.date": ("À la date du", "As of"),
    "flags.column.plan": ("Plan", "Plan"),
    "flags.column.figure": ("Chiffre", "Figure"),
    "flags.column.before": ("Avant", "Before"),
    "flags.column.after": ("Après", "After"),
    "flags.column.sheet": ("Feuille", "Sheet"),
    "flags.column.row": ("Ligne", "Row"),
    "flags.column.title": ("Titre", "Title"),
    "flags.removed_line": (
        "{sheet} : {removed} retirée(s) sur {before}",
        "{sheet}: {removed} removed out of {before}",
    ),
    "flags.and_more": (" et {count} autre(s)", " and {count} more"),
    "flags.refused": (
        "Rien n'a été enregistré : cette version demande une confirmation explicite.",
        "Nothing was stored: this version needs an explicit confirmation.",
    ),
    "flags.refused.rewrite": (
        "Elle réécrit l'historique déjà enregistré ({count} ligne(s) d'évaluation ou "
        "d'événement modifiée(s) ou retirée(s) : {rows}), ce qui change les chiffres de "
        "dates passées.",
        "It rewrites history already stored ({count} assessment or event row(s) changed "
        "or removed: {rows}), which changes the figures of past dates.",
    ),
    "flags.refused.replace": (
        "Elle remplace une grande part des données ({lines}).",
        "It replaces a large share of the data ({lines}).",
    ),
    # On the Update page.
    "flags.rewrite.title": (
        "Cette version réécrit l'historique ({count} ligne(s) déjà enregistrée(s))",
        "This version rewrites history ({count} row(s) already stored)",
    ),
    "flags.rewrite.help": (
        "Des évaluations (Suivi) ou des événements (Chronologie) déjà enregistrés sont "
        "modifiés ou retirés : les chiffres de dates passées changent, y compris ceux "
        "déjà publiés. Vérifiez chaque ligne avant de confirmer.",
        "Assessments (Status updates) or events (Events) already stored are changed or "
        "removed: figures of past dates change, those already published included. Check "
        "each row before confirming.",
    ),
    "flags.rewrite.rows": ("Lignes réécrites", "Rows rewritten"),
    "flags.rewrite.shifts": (
        "Chiffres qui changent à des dates passées",
        "Figures that change at past dates",
    ),
    "flags.rewrite.no_shift": (
        "Aucun des chiffres suivis (taux de réalisation, mesures évaluées, lettres ayant "
        "reçu réponse) ne change aux dates comparées : {dates}.",
        "None of the figures followed (completion rate, measures assessed, letters "
        "answered) changes at the dates compared: {dates}.",
    ),
    "flags.rewrite.confirm": (
        "Je confirme la réécriture de l'historique",
        "I confirm rewriting the history",
    ),
    "flags.replace.title": (
        "Cette version remplace une grande part des données",
        "This version replaces a large share of the data",
    ),
    "flags.replace.help": (
        "Une feuille perd au moins la moitié de ses lignes : ce n'est pas une mise à jour "
        "mais un remplacement. Voici tout ce qui est retiré.",
        "A sheet loses at least half of its rows: this is not an update but a "
        "replacement. Here is everything removed.",
    ),
    "flags.replace.rows": ("Lignes retirées ({count})", "Rows removed ({count})"),
    "flags.replace.confirm": (
        "Je confirme le remplacement des données",
        "I confirm replacing the data",
    ),
    "flags.unconfirmed": (
        "Cochez d'abord la confirmation demandée ci-dessus : rien n'a été enregistré.",
        "First tick the confirmation asked above: nothing was stored.",
    ),
    "review.cell_counts": (
        "Cellules et lignes modifiées, par feuille",
        "Cells and rows changed, by sheet",
    ),
    # The format's documentation (monitoring/present/contract_docs.py).
    "docs.rule.rewrite": (
        "Une nouvelle version qui modifie ou retire une évaluation (Suivi) ou un événement "
        "(Chronologie) déjà enregistré réécrit l'historique : la page « Mettre à jour » "
        "la montre à part, avec les chiffres qu'elle change à des dates passées, et "
        "demande de cocher « Je confirme la réécriture de l'historique » ; la commande "
        "`import` la refuse sans `--rewrite-history`. Une nouvelle ligne n'est pas une "
        "réécriture, ni une colonne supplémentaire.",
        "A new version that changes or removes an assessment (Status updates) or an "
        "event (Events) already stored rewrites history: the Update page shows it apart, "
        "with the figures it changes at past dates, and asks to tick “I confirm "
        "rewriting the history”; the `import` command refuses it without "
        "`--rewrite-history`. A new row is not a rewrite, nor is an extra column.",
    ),
    "docs.rule.replace": (
        "Une nouvelle version qui retire au moins {share} des lignes d'une feuille parmi "
        "{minimums} est un remplacement : la page « Mettre à jour » liste tout ce qui "
        "est retiré et demande de cocher « Je confirme le remplacement des données » ; "
        "la commande `import` la refuse sans `--replace`.",
        "A new version that removes at least {share} of the rows of one of {minimums} is "
        "a replacement: the Update page lists everything removed and asks to tick “I "
        "confirm replacing the data”; the `import` command refuses it without "
        "`--replace`.",
    ),
    "docs.rule.replace_minimum": (
        "« {sheet} » (si elle en comptait au moins {rows})",
        "“{sheet}” (when it held at least {rows})",
    ),
    # The command line.
    "cli.refused.rewrite_hint": (
        "Si c'est voulu, relancez avec --rewrite-history.",
        "If this is intended, run it again with --rewrite-history.",
    ),
    "cli.refused.replace_hint": (
        "Si c'est voulu, relancez avec --replace.",
        "If this is intended, run it again with --replace.",
    ),
}
