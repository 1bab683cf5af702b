"""What every printed document shares: the font, the A4 page, the header and footer.

The bundled CJK TrueType font is embedded as a subset, so every viewer and printer shows
the same characters. Every page carries the village and township in the header, and
"内部资料 注意保密", who printed it and when, and "第 N 页 共 M 页" in the footer. Every
string a user typed goes through :func:`text`, so ``李<小>&明`` prints as typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.printing import PrintContext
from ..core.vocab import Choice
from ..paths import resource

FONT = "CJK"
FONT_BOLD = "CJK-Bold"  # the same face: the font has no bold; headings use size instead
MARGIN = 18 * mm
CONFIDENTIAL = "内部资料 注意保密"


def register_fonts() -> None:
    """Register the bundled font once, when the first paragraph is made (a paragraph with
    <b> needs the family): not on import, as reading the font takes the app's start half
    a second that no print may follow."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    path = str(resource("fonts", "wqy-microhei.ttc"))
    pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, path, subfontIndex=0))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def _style(name: str, size: float, leading: float | None = None, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT, fontSize=size, leading=leading or size * 1.35, wordWrap="CJK", **extra
    )


TITLE = _style("title", 18, alignment=TA_CENTER, spaceAfter=4 * mm)
SUBTITLE = _style("subtitle", 10.5, alignment=TA_CENTER, textColor=colors.HexColor("#444444"))
# No keepWithNext: platypus would keep a heading with the whole table after it and push both
# to the next page; layout.section keeps a heading with only the start of what follows.
HEADING = _style("heading", 12.5, spaceBefore=4 * mm, spaceAfter=2 * mm)
BODY = _style("body", 10.5, spaceAfter=1.5 * mm)
CELL = _style("cell", 9, leading=11.5)
SMALL = _style("small", 8, textColor=colors.HexColor("#555555"))
WARNING = _style("warning", 10.5, textColor=colors.HexColor("#9b1c1c"))


def text(value: Any, empty: str = "") -> str:
    """A value as Paragraph-safe text: escaped, vocabulary labels, dates, 未采集."""
    if value is None or value == "":
        return empty
    if isinstance(value, Choice):
        return escape(value.label)
    if isinstance(value, Enum):
        return escape(str(value.value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return "、".join(text(v) for v in value)
    return escape(str(value)).replace("\n", "<br/>")


def _paragraph(source: str, style: ParagraphStyle) -> Paragraph:
    register_fonts()
    return Paragraph(source, style)


def para(value: Any, style: ParagraphStyle = BODY, empty: str = "") -> Paragraph:
    return _paragraph(text(value, empty), style)


def markup(source: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A Paragraph from our own template text (already safe; may hold <b> and <br/>)."""
    return _paragraph(source, style)


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    style: ParagraphStyle = CELL,
    zebra: bool = False,
) -> Table:
    """A bordered table; cells are escaped; the header repeats on every page it spans."""
    cells = [
        [c if isinstance(c, Flowable) else _paragraph(text(c), style) for c in row] for row in rows
    ]
    table = Table(cells, colWidths=widths, repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8eef6")))
    if zebra:
        for row in range(header_rows + 1, len(cells), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f6f6f6")))
    table.setStyle(TableStyle(commands))
    return table


def pairs(items: Sequence[tuple[str, Any]], width: float, columns: int = 2) -> Table:
    """Label / value pairs laid out in ``columns`` pairs per row (for record details)."""
    rows: list[list[Any]] = []
    for start in range(0, len(items), columns):
        row: list[Any] = []
        for label, value in items[start : start + columns]:
            row += [_paragraph(escape(label), CELL), para(value, CELL, "—" if label else "")]
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    label_w = 24 * mm
    value_w = (width - columns * label_w) / columns
    table = Table(rows, colWidths=[label_w, value_w] * columns)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
                *[
                    ("BACKGROUND", (2 * c, 0), (2 * c, -1), colors.HexColor("#f0f3f7"))
                    for c in range(columns)
                ],
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def build(
    story: list[Flowable],
    title: str,
    context: PrintContext,
    *,
    wide: bool = False,
    confidential_note: str = "",
    marking: str = CONFIDENTIAL,
) -> bytes:
    """Lay ``story`` out on A4 pages with the header and footer; returns the PDF bytes.

    ``marking`` is what the header and footer say the paper is ("内部资料 注意保密"; a list
    meant for posting says so instead). Pages are numbered per part when the story holds
    :class:`layout.PartStart` marks (each copy of an agreement), else through the document.
    """
    register_fonts()
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 6 * mm,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=context.place or "childcare-desktop",
        creator="childcare-desktop",
    )
    furniture = _Furniture(title, context, confidential_note, marking)
    doc.build(
        story, onFirstPage=furniture, onLaterPages=furniture, canvasmaker=_numbered_canvas(context)
    )
    return buffer.getvalue()


def usable_width(wide: bool = False) -> float:
    return (landscape(A4) if wide else A4)[0] - 2 * MARGIN


class _Furniture:
    """Header and footer, drawn on every page."""

    def __init__(self, title: str, context: PrintContext, note: str, marking: str) -> None:
        self.title, self.context, self.note, self.marking = title, context, note, marking

    def __call__(self, canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(MARGIN, height - MARGIN, self.context.place)
        canvas.drawRightString(width - MARGIN, height - MARGIN, f"{self.title}　{self.marking}")
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(MARGIN, height - MARGIN - 2 * mm, width - MARGIN, height - MARGIN - 2 * mm)
        canvas.line(MARGIN, MARGIN + 2 * mm, width - MARGIN, MARGIN + 2 * mm)
        printed = self.context.printed_at.strftime("%Y-%m-%d %H:%M")
        canvas.drawString(
            MARGIN,
            MARGIN - 2 * mm,
            f"{self.marking}　打印人：{self.context.printed_by}　打印时间：{printed}"
            + (f"　{self.note}" if self.note else "")
            + ("　演示数据，非真实儿童信息" if self.context.demo else ""),
        )
        canvas.restoreState()


def _numbered_canvas(context: PrintContext) -> Callable[..., pdfcanvas.Canvas]:
    """A canvas that writes "第 N 页 共 M 页" once it knows M (pages are kept until save).

    A part (a copy of an agreement, begun by a ``PartStart`` mark that sets ``part_mark`` on the
    canvas) is numbered on its own, and its label is printed beside the number on each page.
    """

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.part_mark: tuple[int, str] | None = None

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            parts = [state["part_mark"] for state in self._pages]
            seen: dict[Any, int] = {}
            for state in self._pages:
                part = state["part_mark"]
                seen[part] = seen.get(part, 0) + 1
                self.__dict__.update(state)
                label = f"{part[1]}　" if part else ""
                self.setFont(FONT, 8.5)
                self.drawRightString(
                    self._pagesize[0] - MARGIN,
                    MARGIN - 2 * mm,
                    f"{label}第 {seen[part]} 页 共 {parts.count(part)} 页",
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
