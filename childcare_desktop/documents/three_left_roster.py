"""三留守 (issue 18): the roster of a village's left-behind women and elderly, on its own
(never a child's roster): who, where the family works, health, phone, the latest contact
and the next one due.

Plain data in (:class:`AdultRoster`), PDF out; every text is escaped by ``base``; ID
numbers are masked unless the print context asks for them in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from .base import BODY, SUBTITLE, TITLE, build, gap, grid, para, usable_width

DOC_TITLE = "留守妇女、留守老年人花名册"
HEADER = (
    "序号",
    "类别",
    "姓名",
    "性别年龄",
    "身份证号码",
    "住址",
    "外出务工地点",
    "外出的家人",
    "健康状况",
    "联系电话",
    "最近联系",
    "下次联系",
)
WIDTHS_MM = (11, 20, 20, 14, 37, 0, 24, 20, 16, 25, 21, 31)  # 0: the rest


@dataclass(frozen=True, slots=True)
class AdultLine:
    kind: str  # 留守妇女
    name: str
    sex: str
    age: str
    id_number: str  # unmasked here: the context masks it
    address: str
    work_place: str
    away_who: str
    health: str
    phone: str
    last_contact: str
    next_contact: str  # "2026-12-30（逾期）" when overdue


@dataclass(frozen=True, slots=True)
class AdultRoster:
    village: str
    as_of: str  # 2026-12-01
    lines: tuple[AdultLine, ...]


def adult_roster_pdf(roster: AdultRoster, context: PrintContext) -> bytes:
    """The roster as PDF (A4 landscape), women first, then elders."""
    return build(_story(roster, context), DOC_TITLE, context, wide=True)


def _story(roster: AdultRoster, context: PrintContext) -> list[Flowable]:
    women = sum(x.kind == "留守妇女" for x in roster.lines)
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para(
            f"村（社区）：{roster.village or '—'}　截至 {roster.as_of}　"
            f"留守妇女 {women} 人，留守老年人 {len(roster.lines) - women} 人",
            SUBTITLE,
        ),
        gap(),
    ]
    if not roster.lines:
        story.append(para("名册上还没有人。", BODY))
        return story
    rest = usable_width(wide=True) - sum(WIDTHS_MM) * mm
    widths = [w * mm if w else rest for w in WIDTHS_MM]
    rows = [
        [
            str(n),
            x.kind,
            x.name,
            f"{x.sex} {x.age}".strip(),
            context.id_text(x.id_number),
            x.address,
            x.work_place,
            x.away_who,
            x.health,
            x.phone,
            x.last_contact,
            x.next_contact,
        ]
        for n, x in enumerate(roster.lines, 1)
    ]
    story.append(grid([list(HEADER), *rows], widths, zebra=True))
    return story
