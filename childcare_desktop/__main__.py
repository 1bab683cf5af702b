"""``python -m childcare_desktop``: the desktop app."""

import sys

from .ui.platform_check import main

sys.exit(main())
