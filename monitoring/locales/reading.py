"""Text of the readers and their pre-flight checks (issue messages)."""

MESSAGES: dict[str, tuple[str, str]] = {}
