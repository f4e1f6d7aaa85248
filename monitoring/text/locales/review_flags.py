"""Text of the flags that need their own confirmation: history rewritten, a replacement."""

MESSAGES: dict[str, str] = {
    "flags.part_of": "{part} sur {whole}",
    "flags.no_plan": "(sans plan)",
    "flags.figure.completion": "Taux de réalisation",
    "flags.figure.assessed": "Mesures évaluées",
    "flags.figure.letters_answered": "Lettres ayant reçu réponse",
    "flags.column.date": "À la date du",
    "flags.column.plan": "Plan",
    "flags.column.figure": "Chiffre",
    "flags.column.before": "Avant",
    "flags.column.after": "Après",
    "flags.column.sheet": "Feuille",
    "flags.column.row": "Ligne",
    "flags.column.title": "Titre",
    "flags.removed_line": "{sheet} : {removed} retirée(s) sur {before}",
    "flags.and_more": " et {count} {count:plural:autre|autres}",
    "flags.refused": "Rien n'a été enregistré : cette version demande une confirmation explicite.",
    "flags.refused.rewrite": (
        "Elle réécrit l'historique déjà enregistré ({count} {count:plural:ligne d'évaluation ou "
        "d'événement modifiée ou retirée|lignes d'évaluation ou d'événement modifiées ou retirées} "
        ": {rows}), ce qui change les chiffres de dates passées."
    ),
    "flags.refused.replace": "Elle remplace une grande part des données ({lines}).",
    # On the Update page.
    "flags.rewrite.title": (
        "Cette version réécrit l'historique ({count} {count:plural:ligne déjà enregistrée|lignes "
        "déjà enregistrées})"
    ),
    "flags.rewrite.help": (
        "Des évaluations (Suivi) ou des événements (Chronologie) déjà enregistrés sont "
        "modifiés ou retirés : les chiffres de dates passées changent, y compris ceux "
        "déjà publiés. Vérifiez chaque ligne avant de confirmer."
    ),
    "flags.rewrite.rows": "Lignes réécrites",
    "flags.rewrite.shifts": "Chiffres qui changent à des dates passées",
    "flags.rewrite.no_shift": (
        "Aucun des chiffres suivis (taux de réalisation, mesures évaluées, lettres ayant "
        "reçu réponse) ne change aux dates comparées : {dates}."
    ),
    "flags.rewrite.confirm": "Je confirme la réécriture de l'historique",
    "flags.replace.title": "Cette version remplace une grande part des données",
    "flags.replace.help": (
        "Une feuille perd au moins la moitié de ses lignes : ce n'est pas une mise à jour "
        "mais un remplacement. Voici tout ce qui est retiré."
    ),
    "flags.replace.rows": "Lignes retirées ({count})",
    "flags.replace.confirm": "Je confirme le remplacement des données",
    "flags.unconfirmed": (
        "Cochez d'abord la confirmation demandée ci-dessus : rien n'a été enregistré."
    ),
    "review.cell_counts": "Cellules et lignes modifiées, par feuille",
    # The format's documentation (monitoring/present/contract_docs.py).
    "docs.rule.rewrite": (
        "Une nouvelle version qui modifie ou retire une évaluation (Suivi) ou un événement "
        "(Chronologie) déjà enregistré réécrit l'historique : la page « Mettre à jour » "
        "la montre à part, avec les chiffres qu'elle change à des dates passées, et "
        "demande de cocher « Je confirme la réécriture de l'historique » ; la commande "
        "`import` la refuse sans `--rewrite-history`. Une nouvelle ligne n'est pas une "
        "réécriture, ni une colonne supplémentaire."
    ),
    "docs.rule.replace": (
        "Une nouvelle version qui retire au moins {share} des lignes d'une feuille parmi "
        "{minimums} est un remplacement : la page « Mettre à jour » liste tout ce qui "
        "est retiré et demande de cocher « Je confirme le remplacement des données » ; "
        "la commande `import` la refuse sans `--replace`."
    ),
    "docs.rule.replace_minimum": "« {sheet} » (si elle en comptait au moins {rows})",
    # The command line.
    "cli.refused.rewrite_hint": "Si c'est voulu, relancez avec --rewrite-history.",
    "cli.refused.replace_hint": "Si c'est voulu, relancez avec --replace.",
}
