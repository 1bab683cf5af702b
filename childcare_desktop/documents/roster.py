"""花名册: the children of a village or township, one line each (landscape A4; the list
for posting is portrait).

Two documents. The 花名册 is internal (for the township desk: ID numbers, categories,
ratings); its title and footer say it is never posted. The 关爱服务名单 (``public=True``)
is the list for the village notice board: name, sex, age and village, nothing else - no
category of difficulty (孤儿, 重残, 低保 ... name a family's misfortune to the whole
village), no health, income, rating or visit, no ID number. Children whose only
categories are sensitive (事实无人抚养, 受暴力侵害, ...) are not on it at all, as the 2019
opinions require (不设公示).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import ROSTER_TITLE, PrintContext
from ..core.records import ChildSummary
from ..core.vocab import Category
from .base import SMALL, SUBTITLE, TITLE, build, gap, grid, para, usable_width
from .layout import signoff

DOC_TITLE = ROSTER_TITLE
INTERNAL_NOTE = "内部资料　仅供乡镇、村工作使用　不得张贴公示"
PUBLIC_TITLE = "儿童关爱服务名单"
PUBLIC_MARKING = "张贴公示用"

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
# The list for posting (portrait): who the child director looks after, and nothing about why.
PUBLIC_COLUMNS = (
    ("序号", "n", 16),
    ("姓名", "name", 50),
    ("性别", "sex", 24),
    ("年龄", "age", 24),
    ("所在村", "village", 0),
)
_ORDER = {c: n for n, c in enumerate(Category)}


def roster_pdf(
    children: Sequence[ChildSummary],
    context: PrintContext,
    *,
    villages: dict[str, str] | None = None,
    public: bool = False,
    as_of: date | None = None,
) -> bytes:
    """The 花名册 (``public``: the 关爱服务名单 for posting); ``as_of``: the day the roll
    is of, said under the title when given."""
    story = _story(children, context, villages or {}, public, as_of)
    if public:
        return build(story, PUBLIC_TITLE, context, marking=PUBLIC_MARKING)
    return build(story, DOC_TITLE, context, wide=True)


def shown(children: Sequence[ChildSummary], public: bool) -> list[ChildSummary]:
    """The children on the paper (the list for posting leaves some out)."""
    return [c for c in children if not (public and _only_sensitive(c))]


def roster_rows(
    children: Sequence[ChildSummary],
    context: PrintContext,
    villages: dict[str, str],
    *,
    public: bool = False,
) -> list[list[object]]:
    """The table's lines under its header, one per child shown (values, not yet text)."""
    columns = PUBLIC_COLUMNS if public else COLUMNS
    rows: list[list[object]] = []
    for n, c in enumerate(shown(children, public), start=1):
        values = {
            "n": n,
            "id_number": context.id_text(c.id_number),
            # in the vocabulary's order: the same paper whichever order they were recorded in
            "categories": tuple(sorted(c.categories, key=lambda k: _ORDER.get(k, len(_ORDER)))),
            "village": villages.get(c.region_code, c.region_code),
        }
        rows.append([values[key] if key in values else getattr(c, key) for _t, key, _w in columns])
    return rows


def subtitle(context: PrintContext, count: int, public: bool, as_of: date | None) -> str:
    day = f"　统计截至 {as_of:%Y-%m-%d}" if as_of else ""
    if public:
        return f"{context.place}　共 {count} 名{day}"
    return f"{context.place}　共 {count} 名（在册）{day}　{INTERNAL_NOTE}"


def _story(
    children: Sequence[ChildSummary],
    context: PrintContext,
    villages: dict[str, str],
    public: bool,
    as_of: date | None,
) -> list[Flowable]:
    w = usable_width(wide=not public)
    columns = PUBLIC_COLUMNS if public else COLUMNS
    lines = roster_rows(children, context, villages, public=public)
    rows: list[list[object]] = [[title for title, _key, _width in columns], *lines]
    widths_mm = [x * mm for _t, _k, x in columns[:-1]]
    widths_mm.append(w - sum(widths_mm))
    title = f"{PUBLIC_TITLE}（{PUBLIC_MARKING}）" if public else DOC_TITLE
    return [
        para(title, TITLE),
        para(subtitle(context, len(lines), public, as_of), SUBTITLE),
        gap(),
        grid(rows, widths_mm, zebra=True),
        gap(),
        para(footnote(context, public), SMALL),
        gap(4),
        _signoff(context, public, w),
    ]


def _only_sensitive(child: ChildSummary) -> bool:
    return bool(child.categories) and all(c.sensitive for c in child.categories)


def footnote(context: PrintContext, public: bool) -> str:
    if public:
        return "本名单供张贴公示，仅列姓名、性别、年龄和所在村。内部花名册另行打印，不得张贴。"
    ids = "本表含完整证件号码，请妥善保管。" if context.full_ids else "证件号码已隐去中间位数。"
    return f"{ids}本表为内部资料，含儿童类别和评估信息，不得张贴公示；张贴请打印关爱服务名单。"


def _signoff(context: PrintContext, public: bool, width: float) -> Flowable:
    if public:
        committee = f"{context.village}村民委员会" if context.village else ""
        return signoff("公示单位", committee, ["公示日期：______年____月____日"], width)
    return signoff(
        "填报单位",
        context.place,
        ["填表人：____________　　审核人：____________", "填报日期：______年____月____日"],
        width,
    )
