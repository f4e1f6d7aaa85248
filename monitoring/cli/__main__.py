"""`python -m monitoring.cli`: the same as the `plan-monitoring` command."""

import sys

from monitoring.cli.run import main

sys.exit(main())
