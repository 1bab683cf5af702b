"""The dossier's 家庭成员 and 委托照护 sections: who the child lives with and who cares."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import DossierDocument, PrintContext
from .base import BODY, gap, grid, para


def family(doc: DossierDocument, context: PrintContext, w: float) -> Flowable:
    """Each family member, ID numbers as the context prints them."""
    members = doc.file.family
    if not members:
        return para("未登记", BODY)
    rows: list[list[Any]] = [
        [
            "关系",
            "姓名",
            "出生日期",
            "公民身份号码",
            "是否在世",
            "务工地点",
            "外出时间",
            "电话",
            "监护能力",
        ]
    ]
    for m in members:
        rows.append(
            [
                m.relation,
                m.name,
                m.birth_date,
                context.id_text(m.id_number),
                m.life,
                f"{m.work_province or ''}{m.work_city or ''}"
                if m.away_for_work.value == "yes"
                else "",
                m.away_since,
                m.phone,
                m.incapacity,
            ]
        )
    return grid(
        rows, [11 * mm, 15 * mm, 21 * mm, 37 * mm, 11 * mm, 20 * mm, 21 * mm, 24 * mm, w - 160 * mm]
    )


def care(doc: DossierDocument, context: PrintContext, w: float) -> list[Flowable]:
    """The carers, then the care agreements."""
    file = doc.file
    out: list[Flowable] = []
    if file.carers:
        out.append(
            grid(
                [["受委托照护人", "与儿童关系", "证件号码", "电话", "健康状况", "同住"]]
                + [
                    [
                        c.name,
                        c.relation,
                        context.id_text(c.id_number),
                        c.phone,
                        c.health,
                        c.lives_with_child,
                    ]
                    for c in file.carers
                ],
                [26 * mm, 22 * mm, 37 * mm, 24 * mm, 25 * mm, w - 134 * mm],
            )
        )
    else:
        out.append(para("无受委托照护人", BODY))
    out.append(gap(2))
    if file.agreements:
        out.append(
            grid(
                [["协议状态", "开始", "结束", "签订日期", "甲方", "乙方", "见证（丙方）", "备案"]]
                + [
                    [
                        a.state,
                        a.start_date,
                        a.end_date,
                        a.signed_on,
                        a.signed_by_principal,
                        a.signed_by_carer,
                        a.witness,
                        a.filed_on,
                    ]
                    for a in file.agreements
                ],
                [18 * mm, 21 * mm, 21 * mm, 21 * mm, 18 * mm, 18 * mm, 32 * mm, w - 149 * mm],
            )
        )
    else:
        out.append(para("无委托照护协议", BODY))
    return out
