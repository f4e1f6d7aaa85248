"""Text of dates known only as a period (a month, a year, or between two dates)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "date.between": ("entre le {first} et le {last}", "between {first} and {last}"),
    # What follows "dernière évaluation" / "last assessment": a day, or a month or a year.
    "date.on": ("le {date}", "on {date}"),
    "date.in": ("en {date}", "in {date}"),
}
