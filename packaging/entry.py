"""The bundle's entry point (PyInstaller runs it as a top-level script)."""

import sys

from childcare_desktop.ui.platform_check import main

if __name__ == "__main__":
    sys.exit(main())
