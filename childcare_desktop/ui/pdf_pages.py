"""PDF pages as images, for the print preview and the printer (pdfium, no Qt PDF module).

PDFium is not thread-safe: every call here runs on the database thread, one at a time,
like every other job. Painting on a QImage or a QPrinter from a worker thread is
supported by Qt. PDFium is imported on the first preview or print, not at the app's start.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72


def page_images(pdf: bytes, dpi: int = 96) -> list[QImage]:
    """Every page of ``pdf`` rendered at ``dpi`` (a preview)."""
    return list(_pages(pdf, dpi))


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Send ``pdf`` to ``printer`` page by page at its resolution; returns pages printed."""
    dpi = min(printer.resolution(), 300)  # more only costs memory on office printers
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    count = 0
    try:
        for image in _pages(pdf, dpi):
            if count:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(target.x(), target.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            count += 1
    finally:
        painter.end()
    return count


def _pages(pdf: bytes, dpi: int) -> Iterator[QImage]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # the bitmap's memory goes with it
            bitmap.close()
            page.close()
            yield image
    finally:
        document.close()
