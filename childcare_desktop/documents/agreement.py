"""委托照护协议书: the entrusted-care agreement, one copy each for the parent, the carer and
the village committee, with signature and thumbprint boxes and a QR verification code.

The clauses cover 未成年人保护法 §21-23: the parent stays the guardian; the carer's duties;
the carer's declaration against the disqualifications of §22; contact at least weekly
(§23); telling the school and village committee; the child's view; change, termination
and filing. The wording is this program's own.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle

from ..core.printing import AgreementDocument, PrintContext, qr_payload
from ..core.vocab import YesNo
from .base import (
    BODY,
    CELL,
    SMALL,
    SUBTITLE,
    TITLE,
    build,
    gap,
    markup,
    pairs,
    para,
    text,
    usable_width,
)
from .layout import SEAL_LABEL, SEAL_ROOM, PartStart, section

DOC_TITLE = "委托照护协议书"
COPIES = ("甲方（委托人）留存", "乙方（受委托照护人）留存", "丙方（村民委员会）备案")
# What each page of a copy says it is, beside the copy's own page number.
COPY_MARKS = ("甲方留存联", "乙方留存联", "丙方备案联")
NO_NUMBER = "＿" * 18  # no ID number on file: a line to write it on when signing
DISQUALIFICATIONS = (
    "曾实施性侵害、虐待、遗弃、拐卖、暴力伤害等违法犯罪行为",
    "有吸毒、酗酒、赌博等恶习",
    "曾拒不履行或者长期怠于履行监护、照护职责",
    "其他不适宜担任被委托人的情形",
)


def agreement_pdf(doc: AgreementDocument, context: PrintContext) -> bytes:
    """Three copies, each from a new page and numbered on its own (第1页 共2页), each page
    saying whose copy it is. ID numbers print as ``context`` says: services.printing asks
    for them in full on the copies people sign."""
    story: list[Flowable] = []
    for index, (copy, mark) in enumerate(zip(COPIES, COPY_MARKS, strict=True)):
        if index:
            story.append(PageBreak())
        story.append(PartStart(mark))
        story += _copy(doc, context, copy)
    return build(story, DOC_TITLE, context)


def _id(context: PrintContext, number: str | None) -> str:
    return context.id_text(number) or NO_NUMBER


def _copy(doc: AgreementDocument, context: PrintContext, copy: str) -> list[Flowable]:
    a, w = doc.agreement, usable_width()
    committee = f"{context.village}村民委员会" if context.village else "村（居）民委员会"
    head = Table(
        [[para(f"农村留守儿童{DOC_TITLE}", TITLE), _qr(qr_payload(doc))]],
        colWidths=[w - 30 * mm, 30 * mm],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list[Flowable] = [
        head,
        para(f"编号：{a.id[:8].upper()}　　一式三份　　本份：{copy}", SUBTITLE),
        gap(),
        section("当事人", pairs(_parties(doc, context, committee), w)),
        section("被照护儿童", pairs(_child(doc, context), w)),
    ]
    clauses = [markup(clause, BODY) for clause in _clauses(doc)]
    story.append(section("协议条款", *clauses[:2]))
    story += clauses[2:]
    story.append(
        section(
            "乙方声明（《中华人民共和国未成年人保护法》第二十二条）",
            para("乙方确认不存在下列不得作为被委托人的情形（逐项勾选）：", BODY),
            *[markup(f"□ 无：{item}", BODY) for item in DISQUALIFICATIONS],
        )
    )
    story.append(gap(3))
    story.append(KeepTogether([_signatures(doc, committee, w), gap(2), _remote(doc)]))
    return story


def _parties(
    doc: AgreementDocument, context: PrintContext, committee: str
) -> list[tuple[str, object]]:
    a, carer, principal = doc.agreement, doc.carer, doc.principal
    return [
        ("甲方（委托人）", principal.name if principal else a.signed_by_principal),
        ("与儿童关系", principal.relation if principal else None),
        ("公民身份号码", _id(context, principal.id_number if principal else None)),
        ("联系电话", principal.phone if principal else None),
        (
            "务工地点",
            f"{principal.work_province or ''}{principal.work_city or ''}" if principal else None,
        ),
        ("外出时间", principal.away_since if principal else None),
        ("另一方父/母", _other_parent(doc)),
        ("", ""),
        ("乙方（受委托照护人）", carer.name if carer else None),
        ("与儿童关系", carer.relation if carer else None),
        ("公民身份号码", _id(context, carer.id_number if carer else None)),
        ("联系电话", carer.phone if carer else None),
        ("住址", carer.address if carer else None),
        ("健康状况", carer.health if carer else None),
        ("丙方（见证、监督）", committee),
        ("见证人", a.witness),
    ]


def _child(doc: AgreementDocument, context: PrintContext) -> list[tuple[str, object]]:
    child = doc.child
    return [
        ("姓名", child.name),
        ("性别", child.sex),
        ("出生日期", child.birth_date),
        ("公民身份号码", _id(context, child.id_number)),
        (
            "就读学校及年级",
            " ".join(p for p in (child.school_name, child.school_grade) if p) or None,
        ),
        ("是否寄宿", child.boarding),
        ("健康状况", child.health),
        ("现居住地址", child.current_address),
    ]


def _clauses(doc: AgreementDocument) -> list[str]:
    a = doc.agreement
    return [
        f"第一条　委托事由与期限：甲方因外出务工等原因，在一定期限内不能完全履行监护职责，委托乙方照护上述儿童，"
        f"期限自 {text(a.start_date, '____年__月__日')} 至 {text(a.end_date, '____年__月__日')}。期满前三十日内，"
        f"甲乙双方协商续签或另行委托，并告知丙方。",
        "第二条　甲方义务：甲方依法承担监护主体责任，监护权不因委托照护而转移；负担儿童生活、教育、医疗等费用；"
        "将委托照护情况书面告知儿童所在学校（幼儿园）和丙方；"
        f"与儿童、乙方{text(a.contact_frequency, '每周至少一次')}联系交流（电话、视频等），了解儿童生活、学习、心理情况；"
        "接到儿童心理、行为异常的通知后及时采取干预措施；联系方式或务工地点变更后七日内告知乙方和丙方。",
        "第三条　乙方义务：乙方保障儿童日常生活、饮食、安全、就学和就医；对儿童进行防溺水、交通、用火用电、"
        "防性侵、防欺凌等安全教育；不得使不满十六周岁的儿童脱离照护单独居住生活；发现儿童身心异常、受到或"
        "疑似受到侵害时，及时告知甲方并向丙方或公安机关报告；配合儿童主任走访。",
        f"第四条　费用：{text(a.fee or '无偿')}。",
        f"第五条　儿童意见：已听取有表达意愿能力的儿童的意见。{text(a.child_opinion, '')}",
        "第六条　变更与解除：乙方丧失照护能力、出现下列声明所列情形，或儿童强烈反对时，甲方应另行委托并告知丙方；"
        "丙方发现乙方不适宜照护时，有权督促甲方更换，必要时报告民政部门或公安机关。",
        "第七条　监督与备案：本协议经丙方核验后在丙方备案，并记入儿童主任工作台账。",
        f"第八条　其他约定：{text(a.notes, '无')}",
    ]


def _qr(payload: str) -> Flowable:
    return QrMark(_qr_modules(payload), 26 * mm)


@lru_cache(maxsize=4)  # the three copies of one agreement carry the same code
def _qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    # here, not on import: reportlab's barcodes take the app's start a fifth of a second
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QrMark(Flowable):
    """The verification code, its dark modules drawn as runs straight on the canvas.

    reportlab's QrCodeWidget works the code out again on every draw (eight mask trials,
    then thousands of validated shapes): twice per copy, most of a batch's time. This
    draws the same squares, with the same quiet zone of four modules, from a code made once.
    """

    BORDER = 4

    def __init__(self, modules: tuple[tuple[bool, ...], ...], size: float) -> None:
        super().__init__()
        self.modules, self.size = modules, size
        self.width = self.height = size

    def wrap(self, *_available: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        box = self.size / (len(self.modules) + 2 * self.BORDER)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        for r, row in enumerate(self.modules):
            top = self.size - (r + self.BORDER + 1) * box
            column = 0
            for dark, run in groupby(row):
                count = len(list(run))
                if dark:
                    path.rect((column + self.BORDER) * box, top, count * box, box)
                column += count
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def _signatures(doc: AgreementDocument, committee: str, w: float) -> Table:
    """甲方 and 乙方 sign and press a thumbprint; 丙方's row leaves a seal's room (a village
    seal is 42 mm round) beside the child director's signature and the filing date."""
    a = doc.agreement
    signed = text(a.signed_on, "____年__月__日")
    filed = text(a.filed_on, "____年__月__日")
    party_rows = [
        [para(label, CELL), para(name, CELL), para("手印", CELL), "", para(f"日期：{signed}", CELL)]
        for label, name in (("甲方签名", a.signed_by_principal), ("乙方签名", a.signed_by_carer))
    ]
    seal_row = [
        para(f"丙方（{committee}）盖章", CELL),
        para(SEAL_LABEL, SMALL),
        "",
        [
            para(f"见证人：{text(a.witness)}", CELL),
            gap(8),
            para("儿童主任签名：", CELL),
            gap(8),
            para(f"备案日期：{filed}", CELL),
        ],
        "",
    ]
    seal_w = SEAL_ROOM + 4 * mm  # columns 1-2 together
    table = Table(
        [*party_rows, seal_row],
        colWidths=[38 * mm, 26 * mm, seal_w - 26 * mm, 24 * mm, w - 62 * mm - seal_w],
        rowHeights=[16 * mm, 16 * mm, SEAL_ROOM + 2 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, 2), (2, 2)),  # the seal's room
                ("SPAN", (3, 2), (4, 2)),
                ("VALIGN", (1, 2), (1, 2), "TOP"),
            ]
        )
    )
    return table


def _remote(doc: AgreementDocument) -> Flowable:
    a = doc.agreement
    if a.remote_confirmation is YesNo.YES:
        return para(
            f"甲方不在场，经远程确认：{text(a.remote_note, '（方式未填写）')}；确认人签名：__________",
            SMALL,
        )
    return para(
        "甲方不在场时：注明“经村委会电话/视频确认，录音/截图存档”，并由确认人签名：__________",
        SMALL,
    )


def _other_parent(doc: AgreementDocument) -> str | None:
    other = doc.other_parent
    if other is None:
        return None
    state = (
        other.life.label
        if other.life.value in ("dead", "missing")
        else (
            "外出务工"
            if other.away_for_work.value == "yes"
            else other.incapacity.label
            if other.incapacity.value not in ("none", "unknown")
            else "在家"
        )
    )
    return f"{other.relation.label} {other.name or ''}（{state}）"
