"""The dossier's sections for 结对帮扶 (the helpers paired with the child, with every
contact) and 告知学校 (when and how the child's school was told)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import DossierDocument
from ..core.vocab import NoticeContent
from .base import BODY, SMALL, gap, grid, para, text
from .layout import Numbering, section


def pairing_sections(doc: DossierDocument, w: float, number: Numbering) -> list[Flowable]:
    """The 结对帮扶 and 告知学校 sections, numbered in turn."""
    return [
        section(number("结对帮扶"), *_pairings(doc, w)),
        section(number("告知学校"), _notices(doc, w)),
    ]


def _pairings(doc: DossierDocument, w: float) -> list[Flowable]:
    pairings = doc.file.pairings
    if not pairings:
        return [para("无", BODY)]
    out: list[Flowable] = [
        grid(
            [["帮扶人", "身份", "联系电话", "结对日期", "结束日期", "结束原因"]]
            + [
                [p.helper_name, p.helper_role, p.phone, p.since, p.until, p.end_reason]
                for p in pairings
            ],
            [26 * mm, 18 * mm, 30 * mm, 24 * mm, 24 * mm, w - 122 * mm],
        )
    ]
    contacts = sorted(
        ((p.helper_name, c) for p in pairings for c in p.contacts),
        key=lambda pc: pc[1].contacted_on,
    )
    out += [gap(2), para(f"联系记录（共{len(contacts)}次）", SMALL)]
    if contacts:
        out.append(
            grid(
                [["联系日期", "帮扶人", "方式", "帮扶内容"]]
                + [[c.contacted_on, name, c.mode, c.content] for name, c in contacts],
                [24 * mm, 26 * mm, 16 * mm, w - 66 * mm],
            )
        )
    return out


def _notices(doc: DossierDocument, w: float) -> Flowable:
    notices = doc.file.school_notices
    if not notices:
        return para("无", BODY)
    return grid(
        [["告知日期", "学校", "方式", "告知内容", "学校接收人"]]
        + [[n.told_on, n.school_name, n.mode, _contents(n.contents), n.told_whom] for n in notices],
        [24 * mm, 40 * mm, 14 * mm, w - 106 * mm, 28 * mm],
    )


def _contents(codes: tuple[str, ...]) -> str:
    """In the vocabulary's order (the situation first), not the stored codes' order."""
    return "、".join(text(c) for c in NoticeContent if c.value in codes)
