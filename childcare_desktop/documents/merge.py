"""One PDF made of many: a batch's documents, child after child, into one file.

PDFium (already the app's renderer) copies each document's pages into the merged one as
it comes, so a batch holds one child's PDF at a time besides what is merged so far. It is
not thread-safe: a batch merges on the thread that renders the previews (the database
thread in the app), never beside it. PDFium is imported by the first batch, not with
this module (the app's start imports it).
"""

from __future__ import annotations

from pathlib import Path


class MergedPdf:
    """Pages appended document by document; saved whole under a temporary name, then renamed."""

    def __init__(self) -> None:
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument.new()

    def append(self, pdf: bytes) -> int:
        """Append every page of ``pdf``; returns the pages it had."""
        import pypdfium2 as pdfium

        source = pdfium.PdfDocument(pdf)
        try:
            pages = len(source)
            self._pdf.import_pages(source)
        finally:
            source.close()
        return pages

    def __len__(self) -> int:
        return len(self._pdf)

    def save(self, path: Path) -> Path:
        """Write the merged PDF at ``path`` whole or not at all, and let it go."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            self._pdf.save(partial)
            partial.replace(path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            self.close()
        return path

    def close(self) -> None:
        self._pdf.close()
