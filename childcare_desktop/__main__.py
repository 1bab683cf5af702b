"""``python -m childcare_desktop``: the desktop app."""

import sys

from .ui.app import main

sys.exit(main())
