"""Read a generated PDF back the way a reader would: its pages, their size and their text."""

from __future__ import annotations

import pypdfium2 as pdfium


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """Return (width, height in points) and the text of every page."""
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append((page.get_size(), textpage.get_text_range()))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    """Return the text of the whole PDF with line ends normalised."""
    return "\n".join(text for _, text in pdf_pages(data)).replace("\r\n", "\n")


def pdf_fonts(data: bytes) -> set[str]:
    """Return the names of the fonts the text of the first page is drawn in."""
    import ctypes

    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        textpage = page.get_textpage()
        names = set()
        buffer = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        for index in range(textpage.count_chars()):
            length = raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
            if length:
                names.add(buffer.value.decode("utf-8", "replace"))
        textpage.close()
        page.close()
        return names
    finally:
        document.close()


def pdf_flat(data: bytes) -> str:
    """Return the text of the whole PDF with every run of whitespace (line wraps too) as one space."""
    return " ".join(pdf_text(data).split())
