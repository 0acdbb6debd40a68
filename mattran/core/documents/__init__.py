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

The package's modules: blocks (the values the API passes: SignatureBlock, Block, PdfUnavailable, and
``in_vietnamese``), layout (the decree's sizes and texts, the python-docx helpers), names (the header's
names, the number line, the signers) and admin (``AdminDocument``); all are importable from here
(``__all__`` is still the stable API above; the helpers core/pdf.py and the tests use are re-exported too)."""

from .admin import AdminDocument as AdminDocument
from .blocks import Block as Block
from .blocks import PdfUnavailable as PdfUnavailable
from .blocks import SignatureBlock as SignatureBlock
from .blocks import in_vietnamese as in_vietnamese
from .layout import BODY_SIZE as BODY_SIZE
from .layout import CELL_MARGIN as CELL_MARGIN
from .layout import FONT_NAME as FONT_NAME
from .layout import HEADER_LEFT_WIDTH as HEADER_LEFT_WIDTH
from .layout import HEADER_RIGHT_WIDTH as HEADER_RIGHT_WIDTH
from .layout import HEADER_SIZE as HEADER_SIZE
from .layout import MARGIN_BOTTOM as MARGIN_BOTTOM
from .layout import MARGIN_LEFT as MARGIN_LEFT
from .layout import MARGIN_RIGHT as MARGIN_RIGHT
from .layout import MARGIN_TOP as MARGIN_TOP
from .layout import MOTTO as MOTTO
from .layout import NATIONAL_NAME as NATIONAL_NAME
from .layout import PAGE_HEIGHT as PAGE_HEIGHT
from .layout import PAGE_WIDTH as PAGE_WIDTH
from .layout import RECIPIENTS_HEADING as RECIPIENTS_HEADING
from .layout import RECIPIENTS_HEADING_SIZE as RECIPIENTS_HEADING_SIZE
from .layout import RECIPIENTS_SIZE as RECIPIENTS_SIZE
from .layout import TABLE_SIZE as TABLE_SIZE
from .layout import TEXT_WIDTH as TEXT_WIDTH
from .layout import Align as Align
from .layout import CellValue as CellValue
from .layout import _text_width as _text_width
from .names import BLANK as BLANK
from .names import HEADER_SMALL_SIZE as HEADER_SMALL_SIZE
from .names import _is_official_letter_summary as _is_official_letter_summary
from .names import header_lines as header_lines
from .names import header_size as header_size
from .names import name_parts as name_parts
from .names import number_line as number_line
from .names import on_behalf as on_behalf
from .names import signature_lines as signature_lines
from .names import without_repeats as without_repeats

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
