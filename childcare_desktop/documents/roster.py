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
    rows = [
        [
            "序号",
            "姓名",
            "性别",
            "出生日期",
            "年龄",
            "证件号码",
            "类别",
            "监护情况",
            "风险等级",
            "就学",
            "最近走访",
            "所在村",
            "档案编号",
        ]
    ]
    shown = [c for c in children if not (public and _only_sensitive(c))]
    for n, c in enumerate(shown, start=1):
        rows.append(
            [
                n,
                c.name,
                c.sex,
                c.birth_date,
                c.age,
                context.id_text(c.id_number),
                _categories(c, public),
                c.level,
                c.colour,
                c.school_stage,
                c.last_visit_on,
                villages.get(c.region_code, c.region_code),
                c.file_no,
            ]
        )
    widths = [10, 20, 10, 20, 10, 34, 44, 16, 14, 16, 20, 24]
    widths_mm = [x * mm for x in widths]
    widths_mm.append(w - sum(widths_mm))
    return [
        para(DOC_TITLE, TITLE),
        para(f"{context.place}　共 {len(shown)} 名（在册）", SUBTITLE),
        gap(),
        grid(rows, widths_mm, zebra=True),
        gap(),
        para(
            "证件号码已隐去中间位数。"
            if not context.full_ids
            else "本表含完整证件号码，请妥善保管。",
            SMALL,
        ),
    ]


def _only_sensitive(child: ChildSummary) -> bool:
    return bool(child.categories) and all(c.sensitive for c in child.categories)


def _categories(child: ChildSummary, public: bool) -> str:
    if not public:
        return text(child.categories)
    labels = ["困境儿童" if c.sensitive else c.label for c in child.categories]
    return text(list(dict.fromkeys(labels)))
