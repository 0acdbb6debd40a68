"""The layout of Decree 30/2020/NĐ-CP (appendix I): sizes, margins, the fixed texts, and the low-level
python-docx helpers the document uses (fonts and language, table borders and widths, rules, the page-number
field, text widths measured with the Liberation fonts)."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row
    from docx.oxml.text.font import CT_RPr


FONT_NAME = "Times New Roman"
BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
TABLE_SIZE = Pt(13)
RECIPIENTS_HEADING_SIZE = Pt(12)
RECIPIENTS_SIZE = Pt(11)

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH = Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)

# The national name is 95 mm wide in 13 pt bold and must stay on one line, so the right column takes
# what it needs and the issuing body gets the rest.
HEADER_LEFT_WIDTH = Mm(64)
HEADER_RIGHT_WIDTH = Length(TEXT_WIDTH - HEADER_LEFT_WIDTH)
CELL_MARGIN = Mm(1.9)  # Word's default left and right cell margin

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_HEADING = "Nơi nhận:"

Align = Literal["left", "center", "right", "justify"]
CellValue = str | int | None

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_NUMBER = re.compile(r"[-+]?[0-9][0-9.,\s]*%?")
_NO_SPACE = Pt(0)
_INDENT = Cm(1)
_SIGNATURE_ROOM = Pt(72)  # room for the handwritten signature and the seal

# Children of w:pPr, w:tblPr and w:trPr that the schema puts after the ones added here; Word rejects
# files whose property elements are out of order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


@functools.lru_cache(maxsize=2)
def _metric_font(bold: bool):  # noqa: ANN202 - a PIL font or None
    """Liberation Serif (Times New Roman's metrics) at 100 pt, or None where it or Pillow is missing."""
    try:
        from PIL import ImageFont
    except ImportError:
        return None
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in _FONT_DIRS:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return ImageFont.truetype(path, 100)
    return None


def _text_width(text: str, size: Length, *, bold: bool = False) -> Length:
    """The printed width of ``text`` in Times New Roman: measured on Liberation Serif when installed,
    estimated from average glyph widths otherwise."""
    font = _metric_font(bold)
    if font is not None:
        return Length(int(font.getlength(text) / 100 * size))
    # Average glyph widths in ems, measured on Liberation Serif (metric-compatible with Times New Roman).
    upper, lower = (0.708, 0.498) if bold else (0.676, 0.464)
    ems = 0.0
    for ch in text:
        if ch == " ":
            ems += 0.25
        elif ch.isupper():
            ems += upper
        elif ch.isalpha():
            ems += lower
        elif ch.isdigit():
            ems += 0.5
        else:
            ems += 0.333
    return Length(int(ems * size))


def _set_font(rpr: CT_RPr, name: str) -> None:
    """Name the font for every script and drop theme fonts, which Word would otherwise prefer."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _set_language(rpr: CT_RPr, language: str) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.insert_element_before(lang, *_AFTER_LANG)


def _set_table_borders(table: Table, *, visible: bool) -> None:
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if visible:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _set_column_widths(table: Table, widths: Sequence[Length]) -> None:
    # Word reads the cell widths and LibreOffice the grid, so both are written.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _mark_header_row(row: CT_Row) -> None:
    """Repeat the row at the top of every page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row.get_or_add_trPr().insert_element_before(header, *_AFTER_TBLHEADER)


def _forbid_row_split(row: CT_Row) -> None:
    row.get_or_add_trPr().insert_element_before(OxmlElement("w:cantSplit"), *_AFTER_CANTSPLIT)


def _tight(paragraph: Paragraph, *, before: Length = _NO_SPACE, after: Length = _NO_SPACE) -> Paragraph:
    fmt = paragraph.paragraph_format
    fmt.space_before = before
    fmt.space_after = after
    fmt.line_spacing = 1.0
    return paragraph


def _write(
    paragraph: Paragraph,
    text: str,
    *,
    size: Length | None = None,
    bold: bool = False,
    italic: bool = False,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = size
    return paragraph


def _draw_rule(paragraph: Paragraph, length: Length, available: Length) -> Paragraph:
    """Turn an empty paragraph into a horizontal rule of ``length`` centred in ``available``."""
    # A bottom border on a 1-pt-high paragraph narrowed by indents renders alike in Word and LibreOffice,
    # unlike drawing shapes.
    indent = Length(max(0, (available - length) // 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = indent
    fmt.right_indent = indent
    fmt.line_spacing = Pt(1)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def _add_cell_rule(cell: _Cell, length: Length, *, after: Length = _NO_SPACE) -> Paragraph:
    available = Length(cell.width - 2 * CELL_MARGIN) if cell.width is not None else length
    return _draw_rule(_tight(cell.add_paragraph(), after=after), length, available)


def _add_page_number_field(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _format_cell_value(value: CellValue) -> tuple[str, bool]:
    """Return the text of a table cell and whether it reads as a number."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("Có" if value else "Không"), False
    if isinstance(value, int):
        return f"{value:,}".replace(",", "."), True
    return value, bool(_NUMBER.fullmatch(value.strip()))
