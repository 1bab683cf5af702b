"""A quarter (``2026Q4``) as the user reads it: 2026年第四季度, translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .i18n import tr

QUARTER_NAMES = (
    QT_TRANSLATE_NOOP("quarterly", "第一季度"),
    QT_TRANSLATE_NOOP("quarterly", "第二季度"),
    QT_TRANSLATE_NOOP("quarterly", "第三季度"),
    QT_TRANSLATE_NOOP("quarterly", "第四季度"),
)


def quarter_text(quarter: str) -> str:
    """``2026Q4`` -> 2026年第四季度 (the code itself when it is not a quarter)."""
    if len(quarter) != 6 or quarter[4] != "Q" or quarter[5] not in "1234":
        return quarter
    return tr("quarterly", "{year}年{quarter}").format(
        year=quarter[:4], quarter=tr("quarterly", str(QUARTER_NAMES[int(quarter[5]) - 1]))
    )
