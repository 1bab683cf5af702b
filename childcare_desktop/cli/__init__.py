"""The ``childcare`` command line (DESIGN.md §9)."""

from .main import main

__all__ = ["main"]
