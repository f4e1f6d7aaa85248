"""`python -m monitoring.cli`: the same as the `plan-monitoring` command."""

from monitoring.cli.run import entry

entry()
