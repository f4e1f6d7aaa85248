"""Text of the command line."""

MESSAGES: dict[str, tuple[str, str]] = {}
