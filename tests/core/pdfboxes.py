"""Where text lands on a rendered PDF page: the boxes of a phrase's characters and the page as an image."""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

MM = 72 / 25.4  # points per millimetre


def phrase_boxes(data: bytes, phrase: str, *, page: int = 0) -> list[tuple[float, float, float, float]]:
    """The (left, bottom, right, top) boxes in points of each character of the first match of ``phrase``."""
    document = pdfium.PdfDocument(data)
    try:
        textpage = document[page].get_textpage()
        searcher = textpage.search(phrase, match_case=True)
        found = searcher.get_next()
        if found is None:
            raise AssertionError(f"{phrase!r} is not on page {page + 1}")
        start, count = found
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        searcher.close()
        textpage.close()
        return boxes
    finally:
        document.close()


def on_one_line(boxes: list[tuple[float, float, float, float]]) -> bool:
    """True when every visible character of a phrase sits on the same baseline (the phrase did not wrap)."""
    glyphs = [(bottom, top) for left, bottom, right, top in boxes if right > left and top - bottom > 1]
    # Glyphs of one line share a horizontal band (descenders and diacritics aside); two lines do not.
    return max(bottom for bottom, _ in glyphs) < min(top for _, top in glyphs)


def page_image(data: bytes, *, page: int = 0, dpi: int = 60) -> Image.Image:
    """The page rendered as a greyscale image, as a reader would see it."""
    document = pdfium.PdfDocument(data)
    try:
        return document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
