"""The desktop app (PySide6): everything that imports Qt lives here."""
