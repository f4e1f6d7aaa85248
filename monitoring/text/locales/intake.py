"""Text of the contract 1.1 intake: imprecise dates and published verdicts (validation,
format docs)."""

MESSAGES: dict[str, str] = {
    # A bounded date column (a date that may be known to the month or the year only).
    "issue.date_format_bounded": (
        "« {value} » n'est pas une date. Utilisez une cellule de type date, ou écrivez "
        "2014-05-14 ou 14/05/2014 ; un mois (« mars 2014 », 03/2014) ou une année (« 2014 ») "
        "si le jour n'est pas connu."
    ),
    "issue.latest_before_date": (
        "la date au plus tard ({latest}) précède la date ({date}) de la colonne "
        "{date_column} (« {date_header} »)."
    ),
    "issue.latest_without_date": (
        "une date au plus tard est donnée sans date en colonne {date_column} "
        "(« {date_header} ») : écrivez la date la plus tôt possible dans cette colonne."
    ),
    # Keys of several columns.
    "issue.duplicate_key": (
        "les colonnes {columns} reprennent celles de la ligne {first} : une seule ligne par "
        "combinaison."
    ),
}
MESSAGES |= {
    # Published verdicts.
    "issue.verdict_without_counts": (
        "aucun compte n'est donné : remplissez au moins une des colonnes {columns}."
    ),
    "issue.verdict_counts_over_covered": (
        "les comptes donnés totalisent {total}, plus que les mesures couvertes ({covered})."
    ),
    "issue.verdict_covered_over_plan": (
        "{value} mesures couvertes : plus que les mesures du plan {plan} dans la feuille "
        "{measures_sheet} ({measures})."
    ),
}
