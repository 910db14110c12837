"""Run the app with ``python -m briefing_tui``."""

import sys

from briefing_tui.cli import main

sys.exit(main())
