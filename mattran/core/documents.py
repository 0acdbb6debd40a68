"""Vietnamese administrative documents laid out as Decree 30/2020/NĐ-CP prescribes, written with python-docx.

Sizes follow the decree's appendix I: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm,
Times New Roman; body 14 pt; issuing body, national name and number 13 pt; motto, title and signatures
14 pt; "Nơi nhận" 12 pt and its entries 11 pt; page numbers centred in the header from page 2.

The API every app uses (stable: petitions, oversight and later apps build their letters with it)::

    doc = AdminDocument(
        issuing_body_lines=["Ủy ban MTTQ Việt Nam quận Lê Chân", "Ban Thường trực"],  # parent, then issuer
        parent_lines=1,               # how many leading names are the parent body (not bold)
        number="/BC-MTTQ-BTT",        # "Số:" with room to write the number by hand; "12/BC-..." prints it
        place="Lê Chân",              # where it is signed (the meeting's place, not the server's)
        date=record_date,             # the date of the event or record, never "today" by default
        title="Báo cáo",              # upper case in print; "" for an official letter
        subtitle="Sơ kết … năm 2021", # the summary under the title, or "V/v …" under the number
    )
    doc.heading("I. KẾT QUẢ"); doc.paragraph("…"); doc.table(headers, rows, widths=[Mm(10), …])
    doc.signature_block([SignatureBlock("TM. Ban Thường trực", "Chủ tịch", "Lê Hồng Phú")])
    doc.recipients(["Như trên", "Lưu VT"])
    doc.to_bytes()  # DOCX;  doc.to_pdf(): the same blocks through WeasyPrint (core.pdf)

Rules the class keeps so no caller has to:

* dates in the place-and-date line have the decree's leading zeros ("ngày 08 tháng 01 năm 2021";
  months from March on without one);
* each issuing-body name is wrapped to the header column only between whole name parts
  (``header_lines``: never "ỦY BAN MTTQ VIỆT / NAM"), the parent body first and not bold, the issuing
  body bold with the short rule under it;
* the number line keeps room for a handwritten number (``number_line``);
* a signer is an authority line ("TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH"), a position ("PHÓ CHỦ TỊCH") and
  a name (``on_behalf`` writes the TM./KT. forms); a name said twice in a row ("TM. THANH TRA QUẬN THANH TRA QUẬN") is printed once
  (``signature_lines``); an unknown name leaves the line blank to sign by hand;
* tables take explicit column widths (``widths``), written for Word (cells) and LibreOffice (grid).

``in_vietnamese`` wraps a builder so choice labels print in Vietnamese whatever the reader's language.
"""

from __future__ import annotations

import datetime
import functools
import io
import os
import re
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Literal, NamedTuple

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from mattran.core.text import format_date_vi

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.table import CT_Row
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = [
    "FONT_NAME",
    "AdminDocument",
    "Align",
    "Block",
    "CellValue",
    "PdfUnavailable",
    "SignatureBlock",
    "on_behalf",
]

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


def in_vietnamese(build):
    """Build an administrative document in Vietnamese whatever the reader's interface language: choice
    labels and period names are translatable, a Decree 30 document is not."""
    import functools

    from django.utils import translation

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapper


class Block(NamedTuple):
    """One body element as recorded for the PDF, which is drawn from the same content as the DOCX.

    ``kind`` is "heading", "paragraph", "table", "signatures" or "recipients"; ``data`` holds what the
    element needs (texts already formatted as in the DOCX, sizes in millimetres).
    """

    kind: str
    data: dict


class PdfUnavailable(RuntimeError):
    """The PDF engine (WeasyPrint with Pango) is not installed on this machine."""


class SignatureBlock(NamedTuple):
    """One signer: authority line ("TM. BAN THƯỜNG TRỰC"), position ("CHỦ TỊCH") and full name."""

    role: str
    title: str
    name: str


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


# --- the header's names, the number, the signers -----------------------------------------------------------

# Phrases a header line never splits: the Front's and the State's names and the administrative words that
# open a place name ("THÀNH PHỐ", which also binds the place's own name when it ends the body's name).
_GLUED = (
    "MẶT TRẬN TỔ QUỐC VIỆT NAM", "ỦY BAN TRUNG ƯƠNG", "MTTQ VIỆT NAM", "BAN THƯỜNG TRỰC", "BAN THƯỜNG VỤ",
    "CỤM THI ĐUA", "KHỐI THI ĐUA", "TRỰC THUỘC", "TRUNG ƯƠNG", "ỦY BAN", "VIỆT NAM", "MẶT TRẬN", "TỔ QUỐC",
    "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU",
)  # fmt: skip
_PLACE_PREFIXES = ("THÀNH PHỐ", "TỈNH", "QUẬN", "HUYỆN", "THỊ XÃ", "PHƯỜNG", "XÃ", "THỊ TRẤN", "ĐẶC KHU")
# The header column less Word's cell margins and a little slack for the width estimate.
_HEADER_TEXT_WIDTH = Length(int((HEADER_LEFT_WIDTH - 2 * CELL_MARGIN) * 0.97))
# The decree allows 12 to 13 pt for the issuing body: 12 pt when a whole name part is too wide at 13.
HEADER_SMALL_SIZE = Pt(12)
BLANK = "……"  # a blank to fill by hand in the place-and-date line
_NUMBER_ROOM = "\u00a0" * 12  # room for a number written by hand (about 2 cm), kept by Word and the PDF


def _words(text: str) -> list[str]:
    """Split ``text`` into words, keeping the glued phrases whole."""
    words: list[str] = []
    rest = text.split()
    while rest:
        for phrase in _GLUED:
            size = len(phrase.split())
            if rest[:size] == phrase.split():
                words.append(phrase)
                del rest[:size]
                break
        else:
            words.append(rest.pop(0))
    return words


def name_parts(name: str) -> list[str]:
    """Split an upper-case body name into the parts a header line may break between.

    "ỦY BAN MTTQ VIỆT NAM QUẬN LÊ CHÂN" → ["ỦY BAN", "MTTQ VIỆT NAM", "QUẬN LÊ CHÂN"]: a place name that
    ends the body's name stays whole with its administrative word.
    """
    words = _words(" ".join(name.upper().split()))
    for index, word in enumerate(words):
        if word in _PLACE_PREFIXES and index + 1 < len(words):
            tail = words[index + 1 :]
            if not any(w in _PLACE_PREFIXES or w in _GLUED for w in tail):
                return [*words[:index], " ".join([word, *tail])]
    return words


def header_size(names: Sequence[str], *, width: Length = _HEADER_TEXT_WIDTH) -> Length:
    """13 pt for the header's names, or 12 pt (the decree allows 12 to 13) when that takes fewer lines."""

    def lines_at(size: Length) -> int:
        return sum(len(header_lines(name, width=width, size=size)) for name in names)

    return HEADER_SMALL_SIZE if lines_at(HEADER_SMALL_SIZE) < lines_at(HEADER_SIZE) else HEADER_SIZE


def header_lines(
    name: str, *, bold: bool = True, width: Length = _HEADER_TEXT_WIDTH, size: Length = HEADER_SIZE
) -> list[str]:
    """Wrap a body's name (upper case) to the header column, breaking only between whole name parts.

    A part wider than the column on its own is split between its words, the glued phrases still whole.
    """
    parts = name_parts(name)
    lines: list[str] = []
    for part in parts:
        pieces = [part] if _text_width(part, size, bold=bold) <= width else _words(part)
        for piece in pieces:
            candidate = f"{lines[-1]} {piece}" if lines else piece
            if lines and _text_width(candidate, size, bold=bold) <= width:
                lines[-1] = candidate
            else:
                lines.append(piece)
    return lines


def number_line(number: str) -> str:
    """The "Số:" line: "Số: 12/BC-MTTQ" as given, or "Số:   /BB-MTTQ" with room for the number by hand."""
    text = number.strip()
    if text.lower().startswith("số"):
        text = text[2:].lstrip(" :")
    if not text or text.startswith("/"):
        return f"Số:{_NUMBER_ROOM}{text}"
    return f"Số: {text}"


def without_repeats(text: str) -> str:
    """Drop a word sequence repeated right after itself: "TM. THANH TRA QUẬN THANH TRA QUẬN" → "TM. THANH TRA QUẬN"."""
    words = text.split()
    changed = True
    while changed:
        changed = False
        for size in range(len(words) // 2, 1, -1):
            for start in range(len(words) - 2 * size + 1):
                if [w.lower() for w in words[start : start + size]] == [
                    w.lower() for w in words[start + size : start + 2 * size]
                ] and any(w.isalpha() for w in words[start : start + size]):
                    del words[start + size : start + 2 * size]
                    changed = True
                    break
            if changed:
                break
    return " ".join(words)


def signature_lines(signer: SignatureBlock) -> list[str]:
    """The authority and position lines of a signer, upper case, without a name said twice in a row.

    The authority may take two lines ("TM. BAN THƯỜNG TRỰC\nKT. CHỦ TỊCH") for a deputy signing for the
    head on behalf of the board; see ``on_behalf``.
    """
    roles = [without_repeats(" ".join(line.split()).upper()) for line in signer.role.split("\n")]
    title = without_repeats(" ".join(signer.title.split()).upper())
    if title and roles and roles[-1].endswith(title):
        title = ""
    elif title and roles and title.endswith(f" {roles[-1]}") and len(roles) > 1:
        # "CHỦ TỊCH ỦY BAN MTTQ VIỆT NAM QUẬN" under "ỦY BAN MTTQ VIỆT NAM QUẬN": the body once.
        title = title[: -len(roles[-1])].strip()
    return [line for line in (*roles, title) if line]


def on_behalf(board: str, title: str, name: str, *, head: str = "Chủ tịch") -> SignatureBlock:
    """A signer for a board: "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH", or with "KT. CHỦ TỊCH" for a deputy
    ("Phó Chủ tịch") signing for the head, as the decree's forms write it."""
    authority = f"TM. {board}"
    if title.strip().lower().startswith("phó") and head.lower() in title.lower():
        authority += f"\nKT. {head}"
    return SignatureBlock(authority, title, name)


def _is_official_letter_summary(subtitle: str | None) -> bool:
    return subtitle is not None and subtitle.strip().lower().startswith("v/v")


class AdminDocument:
    """Build one administrative document (report, minutes, receipt, official letter)."""

    def __init__(
        self,
        *,
        issuing_body_lines: Sequence[str],
        number: str,
        place: str,
        date: datetime.date | None,
        title: str,
        subtitle: str | None = None,
        parent_lines: int | None = None,
        padded_date: bool = True,
        year: int | None = None,
    ) -> None:
        """Lay out the page, the header and the title.

        ``issuing_body_lines`` names the parent body (or bodies) first, then the issuing body; each entry
        is a whole name, printed upper case and wrapped to the header column only between whole name parts
        (see ``header_lines``). ``parent_lines`` counts the leading entries that name the parent body (not
        bold); by default every entry but the last when there are three or more, none otherwise.
        A ``subtitle`` starting with "V/v" is an official letter's summary and goes under the number;
        any other subtitle is the summary line under the title. An empty ``title`` leaves it out, as
        official letters do. ``number`` gets a "Số: " prefix unless it has one, and room to write the
        number by hand when it has none (see ``number_line``). ``padded_date`` (the default) writes
        "ngày 07 tháng 01" as the decree asks; ``padded_date=False`` is kept for callers that quote a date.
        A ``date`` of None (not known yet, or signed on a day the source does not give) leaves the day and
        month blank to write by hand, with the ``year`` when it is known.
        """
        names = [line.strip() for line in issuing_body_lines if line.strip()]
        if not names:
            raise ValueError("Thiếu tên cơ quan ban hành văn bản")
        if parent_lines is None:
            parent_lines = len(names) - 1 if len(names) >= 3 else 0
        if not 0 <= parent_lines < len(names):
            raise ValueError("Số dòng tên cơ quan chủ quản phải nhỏ hơn số dòng tên cơ quan ban hành")
        self.issuing_body_names = names
        self.header_size = header_size(names)
        wrapped = [
            header_lines(name, bold=index >= parent_lines, size=self.header_size)
            for index, name in enumerate(names)
        ]
        self.issuing_body_lines = [line for lines in wrapped for line in lines]
        self.parent_lines = sum(len(lines) for lines in wrapped[:parent_lines])
        self.number = number_line(number)
        self.place = place
        self.date = date
        self.title = title
        self.subtitle = subtitle
        if date is not None:
            self.place_date = f"{place}, {format_date_vi(date, padded=padded_date)}"
        else:
            self.place_date = f"{place}, ngày {BLANK} tháng {BLANK} năm {year or BLANK}"
        # The empty left cell of a one-signer signature table, where "Nơi nhận" belongs until other
        # content follows the signature.
        self._recipients_cell: _Cell | None = None
        # The body as a list of blocks, so the PDF shows exactly what the DOCX does.
        self.blocks: list[Block] = []

        self.document: DocxDocument = Document()
        self._setup_page()
        self._setup_styles()
        self._add_header()
        self._add_title()

    @property
    def issuing_rule_width(self) -> Length:
        """The rule under the issuing body: 40 % of its widest line, at least 15 mm."""
        lines = self.issuing_body_lines[self.parent_lines :]
        widest = max(_text_width(line.upper(), self.header_size, bold=True) for line in lines)
        return Length(max(Mm(15), int(widest * 0.4)))

    # --- page and styles -------------------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.page_width = PAGE_WIDTH
        section.page_height = PAGE_HEIGHT
        section.top_margin = MARGIN_TOP
        section.bottom_margin = MARGIN_BOTTOM
        section.left_margin = MARGIN_LEFT
        section.right_margin = MARGIN_RIGHT
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        # The decree numbers pages from the second, centred at the top.
        section.different_first_page_header_footer = True
        page_number = section.header.paragraphs[0]
        page_number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_page_number_field(page_number)

        properties = self.document.core_properties
        properties.title = self.title or (self.subtitle or "")
        properties.language = "vi-VN"
        properties.author = self.issuing_body_names[-1]

    def _setup_styles(self) -> None:
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for rpr in defaults.iter(qn("w:rPr")):
                _set_font(rpr, FONT_NAME)

        normal = self.document.styles["Normal"]
        normal.font.name = FONT_NAME
        normal.font.size = BODY_SIZE
        rpr = normal.element.get_or_add_rPr()
        _set_font(rpr, FONT_NAME)
        _set_language(rpr, "vi-VN")
        fmt = normal.paragraph_format
        # The decree: at least 6 pt between paragraphs, line spacing from single to 1.5 lines.
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.15

    # --- header ----------------------------------------------------------------------------------------

    def _add_header(self) -> None:
        table = self.document.add_table(rows=1, cols=2)
        _set_table_borders(table, visible=False)
        _set_column_widths(table, [HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH])
        left, right = table.rows[0].cells
        for cell in (left, right):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

        # Left: parent body, issuing body in bold over a short rule, then the number and symbol.
        for index, line in enumerate(self.issuing_body_lines):
            paragraph = _tight(left.paragraphs[0] if index == 0 else left.add_paragraph())
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _write(paragraph, line.upper(), size=self.header_size, bold=index >= self.parent_lines)
        # The decree's rule under the issuing body: a third to a half of the line above.
        _add_cell_rule(left, self.issuing_rule_width, after=Pt(6))
        number = _tight(left.add_paragraph())
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(number, self.number, size=HEADER_SIZE)
        if self.subtitle and _is_official_letter_summary(self.subtitle):
            summary = _tight(left.add_paragraph(), before=Pt(6))
            summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _write(summary, self.subtitle.strip(), size=Pt(12))

        # Right: national name, motto over a rule as long as the motto, then the place and date.
        national = _tight(right.paragraphs[0])
        national.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(national, NATIONAL_NAME, size=HEADER_SIZE, bold=True)
        motto = _tight(right.add_paragraph())
        motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(motto, MOTTO, size=BODY_SIZE, bold=True)
        _add_cell_rule(right, _text_width(MOTTO, BODY_SIZE, bold=True), after=Pt(6))
        place_date = _tight(right.add_paragraph())
        place_date.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(place_date, self.place_date, size=BODY_SIZE, italic=True)

    def _add_title(self) -> None:
        if not self.title.strip():
            return
        title = _tight(self.document.add_paragraph(), before=Pt(18), after=Pt(6))
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.keep_with_next = True
        _write(title, self.title.strip().upper(), size=BODY_SIZE, bold=True)
        if self.subtitle and not _is_official_letter_summary(self.subtitle):
            title.paragraph_format.space_after = _NO_SPACE
            summary = _tight(self.document.add_paragraph())
            summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
            summary.paragraph_format.keep_with_next = True
            _write(summary, self.subtitle.strip(), size=BODY_SIZE, bold=True)
            # The decree's rule under the summary: a third to a half of the line above.
            rule_width = Length(max(Mm(20), int(_text_width(self.subtitle, BODY_SIZE, bold=True) * 0.4)))
            _draw_rule(_tight(self.document.add_paragraph(), after=Pt(6)), rule_width, TEXT_WIDTH)

    # --- body ------------------------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """Add a section heading: bold at levels 1–2, bold italic at 3, italic below."""
        if level < 1:
            raise ValueError("Cấp đề mục phải từ 1 trở lên")
        self._recipients_cell = None
        self.blocks.append(Block("heading", {"text": text, "level": level}))
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = _INDENT
        fmt.keep_with_next = True
        # Shows in Word's navigation pane without the coloured built-in heading styles.
        paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().val = min(level, 9) - 1
        _write(paragraph, text, bold=level <= 3, italic=level >= 3)
        return paragraph

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        align: Align = "justify",
        first_line_indent: Length | None = _INDENT,
    ) -> Paragraph:
        """Add a body paragraph, justified with a 1 cm first-line indent unless told otherwise."""
        self._recipients_cell = None
        indent_mm = first_line_indent.mm if first_line_indent is not None else 0.0
        self.blocks.append(
            Block(
                "paragraph",
                {"text": text, "bold": bold, "italic": italic, "align": align, "indent": indent_mm},
            )
        )
        paragraph = self.document.add_paragraph()
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.first_line_indent = first_line_indent
        if text:
            _write(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[CellValue]],
        *,
        widths: Sequence[Length] | None = None,
        total_row: Sequence[CellValue] | None = None,
    ) -> Table:
        """Add a bordered table: bold centred header repeated on each page, numbers right-aligned."""
        columns = len(headers)
        if columns == 0:
            raise ValueError("Bảng phải có ít nhất một cột")
        for row in [*rows, *([total_row] if total_row is not None else [])]:
            if len(row) != columns:
                raise ValueError(f"Mỗi dòng của bảng phải có {columns} ô, dòng {list(row)!r} có {len(row)} ô")
        if widths is None:
            widths = [Length(TEXT_WIDTH // columns)] * columns
        elif len(widths) != columns:
            raise ValueError(f"Cần {columns} độ rộng cột, nhận được {len(widths)}")

        self._recipients_cell = None
        self.blocks.append(
            Block(
                "table",
                {
                    "headers": list(headers),
                    "rows": [[_format_cell_value(value) for value in row] for row in rows],
                    "total": [_format_cell_value(value) for value in total_row]
                    if total_row is not None
                    else None,
                    "widths": [Length(width).mm for width in widths],
                },
            )
        )
        self._separate_from_previous_table()
        table = self.document.add_table(rows=1, cols=columns)
        _set_table_borders(table, visible=True)
        header_row = table.rows[0]
        _mark_header_row(header_row._tr)
        for cell, text in zip(header_row.cells, headers, strict=True):
            self._fill_cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for values in rows:
            self._add_table_row(table, values, bold=False)
        if total_row is not None:
            self._add_table_row(table, total_row, bold=True)
        _set_column_widths(table, widths)
        return table

    def _add_table_row(self, table: Table, values: Sequence[CellValue], *, bold: bool) -> None:
        row = table.add_row()
        _forbid_row_split(row._tr)
        for cell, value in zip(row.cells, values, strict=True):
            text, numeric = _format_cell_value(value)
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            self._fill_cell(cell, text, bold=bold, align=align)

    @staticmethod
    def _fill_cell(cell: _Cell, text: str, *, bold: bool, align: WD_ALIGN_PARAGRAPH) -> None:
        for index, line in enumerate(text.split("\n")):
            paragraph = _tight(
                cell.paragraphs[0] if index == 0 else cell.add_paragraph(), before=Pt(2), after=Pt(2)
            )
            paragraph.alignment = align
            if line:
                _write(paragraph, line, size=TABLE_SIZE, bold=bold)

    def _last_block(self) -> BaseOxmlElement | None:
        blocks = [child for child in self.document.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]
        return blocks[-1] if blocks else None

    def _separate_from_previous_table(self) -> None:
        """Put a small paragraph between two tables, which Word would otherwise merge into one."""
        last = self._last_block()
        if last is not None and last.tag == qn("w:tbl"):
            _tight(self.document.add_paragraph()).paragraph_format.line_spacing = Pt(6)

    def _keep_previous_paragraph_with_next(self) -> None:
        """Keep the signature on the page of the text it signs rather than alone on a last page."""
        last = self._last_block()
        if last is not None and last.tag == qn("w:p"):
            Paragraph(last, self.document._body).paragraph_format.keep_with_next = True

    # --- closing ---------------------------------------------------------------------------------------

    def signature_block(self, blocks: Sequence[SignatureBlock | tuple[str, str, str]]) -> Table:
        """Add signers side by side; a single signer sits on the right, leaving the left for recipients."""
        signers = [SignatureBlock(*block) for block in blocks]
        if not signers:
            raise ValueError("Cần ít nhất một người ký")
        columns = 2 if len(signers) == 1 else len(signers)
        self.blocks.append(Block("signatures", {"signers": signers, "recipients": None}))
        self._keep_previous_paragraph_with_next()
        self._separate_from_previous_table()
        table = self.document.add_table(rows=1, cols=columns)
        _set_table_borders(table, visible=False)
        if len(signers) == 1:
            left_width = Length(TEXT_WIDTH * 45 // 100)
            widths = [left_width, Length(TEXT_WIDTH - left_width)]
        else:
            widths = [Length(TEXT_WIDTH // columns)] * columns
        _set_column_widths(table, widths)
        _forbid_row_split(table.rows[0]._tr)
        cells = table.rows[0].cells
        for cell, signer in zip(cells[-len(signers) :], signers, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            self._fill_signature(cell, signer)
        self._recipients_cell = cells[0] if len(signers) == 1 else None
        return table

    @staticmethod
    def _fill_signature(cell: _Cell, signer: SignatureBlock) -> None:
        paragraphs = 0
        for line in signature_lines(signer):
            if not line.strip():
                continue
            paragraph = _tight(
                cell.paragraphs[0] if paragraphs == 0 else cell.add_paragraph(),
                before=Pt(12) if paragraphs == 0 else _NO_SPACE,
            )
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _write(paragraph, line.strip().upper(), size=BODY_SIZE, bold=True)
            paragraphs += 1
        name = _tight(cell.paragraphs[0] if paragraphs == 0 else cell.add_paragraph(), before=_SIGNATURE_ROOM)
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write(name, signer.name.strip(), size=BODY_SIZE, bold=True)

    def recipients(self, lines: Sequence[str]) -> None:
        """Add the "Nơi nhận:" list, beside a single signer when it directly follows the signature."""
        cell = self._recipients_cell
        self._recipients_cell = None
        entries = [line.strip() if line.strip().startswith("-") else f"- {line.strip()}" for line in lines]
        if cell is not None and self.blocks and self.blocks[-1].kind == "signatures":
            self.blocks[-1].data["recipients"] = entries
        else:
            self.blocks.append(Block("recipients", {"lines": entries}))
        if cell is not None:
            heading = _tight(cell.paragraphs[0], before=Pt(12))
        else:
            heading = _tight(self.document.add_paragraph(), before=Pt(12))
        heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _write(heading, RECIPIENTS_HEADING, size=RECIPIENTS_HEADING_SIZE, bold=True, italic=True)
        for text in entries:
            paragraph = _tight(cell.add_paragraph() if cell is not None else self.document.add_paragraph())
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _write(paragraph, text, size=RECIPIENTS_SIZE)

    # --- output ----------------------------------------------------------------------------------------

    def save(self, path_or_stream: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the document as DOCX to a path or a binary stream."""
        target = os.fspath(path_or_stream) if isinstance(path_or_stream, os.PathLike) else path_or_stream
        self.document.save(target)

    def to_bytes(self) -> bytes:
        """Return the document as DOCX bytes."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    def to_html(self) -> str:
        """Return the document as one printable HTML page (what the PDF is drawn from)."""
        from .pdf import render_html

        return render_html(self)

    def to_pdf(self) -> bytes:
        """Return the document as PDF bytes, laid out like the DOCX (raises PdfUnavailable without WeasyPrint)."""
        from .pdf import render_pdf

        return render_pdf(self)
