"""The agreement's QR code, drawn from a code made once: the same modules as reportlab's
QR widget makes for the payload, in the right places on the page."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from childcare_desktop.documents.agreement import QrMark, _qr_modules

PAYLOAD = "CCA1|0b6f3c1e-9d2a-4c55-8e1f-2a7b9c4d5e6f|9f86d081884c7d65"


def test_the_code_is_the_one_reportlabs_widget_makes() -> None:
    widget = QrCodeWidget(PAYLOAD, barLevel="M")
    widget.qr.make()
    assert _qr_modules(PAYLOAD) == tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


def test_each_module_is_drawn_where_it_belongs() -> None:
    modules = _qr_modules(PAYLOAD)
    size = 26 * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(size, size))
    QrMark(modules, size).drawOn(canvas, 0, 0)
    canvas.save()
    count = len(modules) + 2 * QrMark.BORDER
    scale = 8 * count / size  # eight pixels a module
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    image = page.render(scale=scale).to_pil().convert("L")
    box = image.width / count
    for r in range(count):
        for c in range(count):
            inside = QrMark.BORDER <= r < count - QrMark.BORDER
            inside = inside and QrMark.BORDER <= c < count - QrMark.BORDER
            dark = inside and modules[r - QrMark.BORDER][c - QrMark.BORDER]
            pixel = image.getpixel((int((c + 0.5) * box), int((r + 0.5) * box)))
            assert (pixel < 128) == dark, (r, c)
