"""Text of the dashboard (sidebar, pages, charts)."""

MESSAGES: dict[str, tuple[str, str]] = {}
