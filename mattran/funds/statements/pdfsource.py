"""Thin, fast access to PDF pages and character positions through pypdfium2."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import CorruptFileError, EncryptedFileError

_PAGE_FOOTER = re.compile(r"Page\s+(\d+)\s+of\s+(\d+)")


def open_pdf(path: str | Path) -> pdfium.PdfDocument:
    """Open a PDF, turning pdfium failures into CorruptFileError or EncryptedFileError."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError() from None
        raise CorruptFileError() from None
    except FileNotFoundError:
        raise CorruptFileError(f"Không tìm thấy tệp: {path}") from None
    if len(doc) == 0:
        doc.close()
        raise CorruptFileError()
    return doc


@contextmanager
def pdf_document(path: str | Path) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF for the duration of a with-block."""
    doc = open_pdf(path)
    try:
        yield doc
    finally:
        doc.close()


class PageText:
    """The text of one page with cheap per-character position look-ups.

    pdfium numbers characters (including the line breaks it generates) in content order; the text is
    kept aligned with those indices so a regex match position is also a character index.
    """

    __slots__ = ("number", "text", "width", "height", "_page", "_textpage", "_x", "_y", "_rect")

    def __init__(self, doc: pdfium.PdfDocument, index: int) -> None:
        self.number = index + 1
        try:
            self._page = doc[index]
            self._textpage = self._page.get_textpage()
        except pdfium.PdfiumError:
            raise CorruptFileError("Tệp PDF bị hỏng hoặc không đọc được", page=index + 1) from None
        self.width, self.height = self._page.get_size()
        count = self._textpage.count_chars()
        text = self._textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:
            # Characters outside the BMP come back as surrogate pairs; rebuild 1:1 with the indices.
            raw = self._textpage.raw
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
        self.text = text
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._rect = pdfium_c.FS_RECTF()

    def origin(self, index: int) -> tuple[float, float]:
        """Return the baseline origin (x, y) of character ``index``."""
        pdfium_c.FPDFText_GetCharOrigin(self._textpage.raw, index, self._x, self._y)
        return self._x.value, self._y.value

    def box(self, index: int) -> tuple[float, float, float, float]:
        """Return (left, right, bottom, top) of character ``index``, its advance rather than its ink."""
        rect = self._rect
        pdfium_c.FPDFText_GetLooseCharBox(self._textpage.raw, index, rect)
        return rect.left, rect.right, rect.bottom, rect.top

    def footer(self) -> tuple[int, int] | None:
        """Return (page number, page count) from a "Page N of M" footer, if printed."""
        match = _PAGE_FOOTER.search(self.text)
        return (int(match.group(1)), int(match.group(2))) if match else None

    def path_objects(self) -> Iterator[tuple[float, float, float, float]]:
        """Yield the bounds (left, bottom, right, top) of the page's drawn paths."""
        for obj in self._page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
            yield obj.get_bounds()

    def close(self) -> None:
        """Release the pdfium page and text page."""
        self._textpage.close()
        self._page.close()


@dataclass(frozen=True, slots=True)
class TextLine:
    """A visual line of text rebuilt from character positions."""

    y: float
    x: float
    text: str


def visual_lines(page: PageText, start: int, end: int) -> list[TextLine]:
    """Rebuild visual lines (top to bottom, left to right) from characters ``start``..``end``."""
    chars: list[tuple[float, float, float, str]] = []
    text = page.text
    for index in range(start, end):
        char = text[index]
        if char in "\r\n":
            continue
        left, right, _bottom, _top = page.box(index)
        _x, y = page.origin(index)
        chars.append((round(y, 0), left, right, char))
    chars.sort(key=lambda c: (-c[0], c[1]))
    lines: list[TextLine] = []
    current: list[str] = []
    line_y: float | None = None
    line_x = 0.0
    last_right = 0.0
    for y, left, right, char in chars:
        if line_y is None or abs(y - line_y) > 1.5:
            if current and line_y is not None:
                lines.append(TextLine(line_y, line_x, "".join(current).strip()))
            current, line_y, line_x = [], y, left
        elif left - last_right > 1.5 and current and current[-1] != " " and char != " ":
            current.append(" ")
        current.append(char)
        last_right = max(right, left)
    if current and line_y is not None:
        lines.append(TextLine(line_y, line_x, "".join(current).strip()))
    return lines
