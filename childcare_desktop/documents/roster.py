"""花名册: the children of a village or township, one line each (landscape A4).

Children whose only categories are sensitive (事实无人抚养, 受暴力侵害, ...) are never on a
list meant to be shown: with ``public=True`` those categories print as "困境儿童" and the
children held only under them are left out, as the 2019 opinions require (不设公示).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from ..core.records import ChildSummary
from .base import SMALL, SUBTITLE, TITLE, build, gap, grid, para, text, usable_width

DOC_TITLE = "农村留守儿童和困境儿童花名册"

# (title, field of ChildSummary or a computed value, width in mm; the last takes the rest)
COLUMNS = (
    ("序号", "n", 8),
    ("姓名", "name", 16),
    ("性别", "sex", 8),
    ("出生日期", "birth_date", 22),
    ("年龄", "age", 8),
    ("证件号码", "id_number", 36),
    ("类别", "categories", 34),
    ("监护情况", "level", 12),
    ("风险等级", "colour", 12),
    ("就学", "school_stage", 14),
    ("最近走访", "last_visit_on", 22),
    ("所在村", "village", 16),
    ("档案编号", "file_no", 0),
)
# A list that may be shown to others: no ID numbers, no risk or guardianship ratings,
# no visit dates; sensitive categories as "困境儿童" (see the module's docstring).
PUBLIC_COLUMNS = (
    ("序号", "n", 12),
    ("姓名", "name", 30),
    ("性别", "sex", 14),
    ("年龄", "age", 14),
    ("类别", "categories", 110),
    ("就学", "school_stage", 30),
    ("所在村", "village", 0),
)


def roster_pdf(
    children: Sequence[ChildSummary],
    context: PrintContext,
    *,
    villages: dict[str, str] | None = None,
    public: bool = False,
) -> bytes:
    return build(_story(children, context, villages or {}, public), DOC_TITLE, context, wide=True)


def _story(
    children: Sequence[ChildSummary], context: PrintContext, villages: dict[str, str], public: bool
) -> list[Flowable]:
    w = usable_width(wide=True)
    columns = PUBLIC_COLUMNS if public else COLUMNS
    rows: list[list[object]] = [[title for title, _key, _width in columns]]
    shown = [c for c in children if not (public and _only_sensitive(c))]
    for n, c in enumerate(shown, start=1):
        values = {
            "n": n,
            "id_number": context.id_text(c.id_number),
            "categories": _categories(c, public),
            "village": villages.get(c.region_code, c.region_code),
        }
        rows.append([values[key] if key in values else getattr(c, key) for _t, key, _w in columns])
    widths_mm = [x * mm for _t, _k, x in columns[:-1]]
    widths_mm.append(w - sum(widths_mm))
    return [
        para(DOC_TITLE, TITLE),
        para(f"{context.place}　共 {len(shown)} 名（在册）", SUBTITLE),
        gap(),
        grid(rows, widths_mm, zebra=True),
        gap(),
        para(_footnote(context, public), SMALL),
    ]


def _only_sensitive(child: ChildSummary) -> bool:
    return bool(child.categories) and all(c.sensitive for c in child.categories)


def _categories(child: ChildSummary, public: bool) -> str:
    if not public:
        return text(child.categories)
    labels = ["困境儿童" if c.sensitive else c.label for c in child.categories]
    return text(list(dict.fromkeys(labels)))


def _footnote(context: PrintContext, public: bool) -> str:
    if public:
        return "本表不含证件号码、监护评估和风险等级；受侵害、事实无人抚养等类别不单列。"
    if context.full_ids:
        return "本表含完整证件号码，请妥善保管。"
    return "证件号码已隐去中间位数。"
