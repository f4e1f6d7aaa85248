"""From a file's bytes to a validated dataset and the problems found on the way."""
