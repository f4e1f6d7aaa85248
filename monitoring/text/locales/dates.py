"""Text of dates known only as a period (a month, a year, or between two dates)."""

MESSAGES: dict[str, str] = {
    "date.between": "entre le {first} et le {last}",
    # What follows "dernière évaluation" / "last assessment": a day, or a month or a year.
    "date.on": "le {date}",
    "date.in": "en {date}",
}
