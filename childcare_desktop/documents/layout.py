"""How printed pages flow and where people sign: sections whose heading stays with the start
of what follows, parts numbered on their own, and room for a seal.

A township files these papers: a village seal is a 42 mm circle, so every place that asks
for one (盖章) leaves at least :data:`SEAL_ROOM` square for it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle
from reportlab.platypus.doctemplate import FrameBreak

from .base import BODY, FONT, HEADING, para

SEAL_ROOM = 46 * mm  # a 42 mm round seal, with a little room around it
SEAL_LABEL = "盖章处"
_parts = itertools.count(1)


class _HeadedBlock(KeepTogether):
    """A heading and what follows it. The block goes to the next page only when the heading
    and the first ``start`` of its content do not fit where it is; otherwise it splits where
    the page ends (platypus's KeepTogether would move a whole page-long table on, and leave
    the page before it nearly blank)."""

    def __init__(self, flowables: list[Flowable], start: float) -> None:
        super().__init__(flowables)
        self._start = start

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        at_top = bool(frame and getattr(frame, "_atTop", False))
        need = min(self._H, self._H0 + self._start)  # _H0: the heading's own height
        content: list[Flowable] = list(self._content)
        if need > aH and not at_top:
            return [FrameBreak(), *content]
        return content


NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """A section number in Chinese: 一 … 十, 十一 … 十九, 二十 … 九十九."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


class Numbering:
    """Numbers a document's sections in the order their headings are made: a section
    printed only for some readers (the confidential ones) or only for some children
    moves the numbers of those after it, and no heading carries a fixed number."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, title: str) -> str:
        self.count += 1
        return f"{numeral(self.count)}、{title}"


def section(title: str, *body: Flowable, start: float = 28 * mm) -> Flowable:
    """A numbered section: its heading is never left alone at the foot of a page, and a
    long table after it starts on the same page (about a header and three rows)."""
    return _HeadedBlock([para(title, HEADING), *body], start)


class PartStart(Flowable):
    """Marks where a part begins (a copy of an agreement): its pages are numbered from 1 and
    carry ``label`` beside the number (base's numbered canvas reads the mark). Put it first
    on a new page."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.serial = next(_parts)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.part_mark = (self.serial, self.label)


class SealBox(Flowable):
    """The place for a seal: a light dashed square with 盖章处 in its top corner."""

    def __init__(self, size: float = SEAL_ROOM) -> None:
        super().__init__()
        self.size = size

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#b8b8b8"))
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.size, self.size)
        canvas.setFillColor(colors.HexColor("#9a9a9a"))
        canvas.setFont(FONT, 7.5)
        canvas.drawString(2 * mm, self.size - 4.5 * mm, SEAL_LABEL)
        canvas.restoreState()


def signoff(unit_label: str, unit: str, lines: Sequence[str], width: float) -> Flowable:
    """The foot of a form sent upward: 填报单位（盖章） with room for the seal beside it and
    the signature lines, in the body size (people write on them by hand)."""
    left: list[Any] = [para(f"{unit_label}（盖章）：{unit or '________________'}", BODY)]
    left += [para(line, BODY) for line in lines]
    table = Table(
        [[left, SealBox()]],
        colWidths=[width - SEAL_ROOM - 4 * mm, SEAL_ROOM + 4 * mm],
        rowHeights=[SEAL_ROOM + 4 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([table])
