"""``AdminDocument``: a Vietnamese administrative document as Decree 30/2020/NĐ-CP prescribes, written with
python-docx (DOCX) and recorded as blocks for the PDF."""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from mattran.core.text import format_date_vi

from .blocks import Block, SignatureBlock
from .layout import (
    _ALIGN,
    _INDENT,
    _NO_SPACE,
    _SIGNATURE_ROOM,
    BODY_SIZE,
    FONT_NAME,
    HEADER_LEFT_WIDTH,
    HEADER_RIGHT_WIDTH,
    HEADER_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO,
    NATIONAL_NAME,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RECIPIENTS_HEADING,
    RECIPIENTS_HEADING_SIZE,
    RECIPIENTS_SIZE,
    TABLE_SIZE,
    TEXT_WIDTH,
    Align,
    CellValue,
    _add_cell_rule,
    _add_page_number_field,
    _draw_rule,
    _forbid_row_split,
    _format_cell_value,
    _mark_header_row,
    _set_column_widths,
    _set_font,
    _set_language,
    _set_table_borders,
    _text_width,
    _tight,
    _write,
)
from .names import BLANK, _is_official_letter_summary, header_lines, header_size, number_line, signature_lines

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement


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
        from ..pdf import render_html

        return render_html(self)

    def to_pdf(self) -> bytes:
        """Return the document as PDF bytes, laid out like the DOCX (raises PdfUnavailable without WeasyPrint)."""
        from ..pdf import render_pdf

        return render_pdf(self)
