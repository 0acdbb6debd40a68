import datetime
import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from mattran.core.documents import AdminDocument, SignatureBlock

ISSUING_BODY = ["ỦY BAN MTTQ VIỆT NAM", "QUẬN LÊ CHÂN", "BAN THƯỜNG TRỰC"]
DATE = datetime.date(2021, 1, 7)

# The order CT_PPr children must follow (ECMA-376 part 1, 17.3.1.26).
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]  # fmt: skip
TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
]  # fmt: skip


def make_report(**overrides: object) -> AdminDocument:
    options: dict[str, object] = {
        "issuing_body_lines": ISSUING_BODY,
        "number": "Số: 12/BC-MTTQ-BTT",
        "place": "Lê Chân",
        "date": DATE,
        "title": "Báo cáo",
        "subtitle": "Kết quả công tác Mặt trận năm 2020 và phương hướng nhiệm vụ năm 2021",
    }
    options.update(overrides)
    return AdminDocument(**options)  # type: ignore[arg-type]


def build_full_report() -> AdminDocument:
    report = make_report()
    report.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    report.heading("1. Công tác tuyên truyền, vận động", level=2)
    report.paragraph(
        "Ban Thường trực đã phối hợp tổ chức tốt Ngày hội Đại đoàn kết toàn dân tộc ở 218 khu dân cư."
    )
    report.table(
        ["STT", "Đơn vị", "Số tiền (đồng)"],
        [
            [1, "Phường Hồ Nam", 1_800_000_000],
            [2, "Phường Dư Hàng", "109.000.000"],
            [3, "Phường Trại Cau", None],
        ],
        widths=[Mm(15), Mm(90), Mm(60)],
        total_row=["", "Tổng cộng", 1_909_000_000],
    )
    report.signature_block([("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Nguyễn Văn An")])
    report.recipients(["Ban Thường trực UBMTTQ thành phố;", "Quận ủy, UBND quận;", "Lưu: VT."])
    return report


def reopen(report: AdminDocument) -> DocxDocument:
    return docx.Document(io.BytesIO(report.to_bytes()))


@pytest.fixture(scope="module")
def document() -> DocxDocument:
    return reopen(build_full_report())


def body_blocks(document: DocxDocument) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def header_table(document: DocxDocument) -> Table:
    first = body_blocks(document)[0]
    assert isinstance(first, Table)
    return first


def cell_paragraphs(table: Table, column: int) -> list[Paragraph]:
    return [p for p in table.rows[0].cells[column].paragraphs if p.text]


def is_bold(paragraph: Paragraph) -> bool:
    return all(run.bold for run in paragraph.runs if run.text.strip())


def close(length: Length | None, expected: Length) -> bool:
    # Word stores page geometry in twentieths of a point, so EMU values come back rounded.
    return length is not None and abs(length - expected) < Mm(0.5)


def paragraph_with_text(document: DocxDocument, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text == text)


# --- page and fonts --------------------------------------------------------------------------------------


def test_it_lays_out_an_a4_page_with_decree_margins(document: DocxDocument) -> None:
    section = document.sections[0]
    assert close(section.page_width, Mm(210))
    assert close(section.page_height, Mm(297))
    assert Mm(20) - Mm(0.5) <= section.top_margin <= Mm(25) + Mm(0.5)
    assert Mm(20) - Mm(0.5) <= section.bottom_margin <= Mm(25) + Mm(0.5)
    assert Mm(30) - Mm(0.5) <= section.left_margin <= Mm(35) + Mm(0.5)
    assert Mm(15) - Mm(0.5) <= section.right_margin <= Mm(20) + Mm(0.5)


def test_it_sets_times_new_roman_for_every_script_on_the_normal_style(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(attr)) == "Times New Roman"
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_it_overrides_the_template_theme_fonts(document: DocxDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rfonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert rfonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert rfonts.get(qn("w:asciiTheme")) is None


def test_it_keeps_every_font_size_within_the_decree(document: DocxDocument) -> None:
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                runs += [run for paragraph in cell.paragraphs for run in paragraph.runs]
    sizes = {run.font.size for run in runs if run.text.strip() and run.font.size is not None}
    assert sizes <= {Pt(11), Pt(12), Pt(13), Pt(14)}


def test_it_numbers_pages_from_the_second_in_the_header(document: DocxDocument) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    field = section.header.paragraphs[0]._p.find(qn("w:fldSimple"))
    assert field.get(qn("w:instr")) == "PAGE"
    # No first-page header is defined, so page 1 shows none.
    assert section.first_page_header.is_linked_to_previous


# --- header ----------------------------------------------------------------------------------------------


def test_it_puts_the_issuing_body_and_number_in_the_left_header_column(document: DocxDocument) -> None:
    left = cell_paragraphs(header_table(document), 0)
    assert [p.text for p in left] == [*ISSUING_BODY, "Số: 12/BC-MTTQ-BTT"]
    parent, district, issuing, number = left
    assert not is_bold(parent)
    assert not is_bold(district)
    assert is_bold(issuing)
    assert not is_bold(number)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in left)


def test_it_puts_the_national_name_motto_and_date_in_the_right_header_column(document: DocxDocument) -> None:
    national, motto, place_date = cell_paragraphs(header_table(document), 1)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert is_bold(national)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert is_bold(motto)
    assert place_date.text == "Lê Chân, ngày 07 tháng 01 năm 2021"
    assert all(run.italic for run in place_date.runs)


def test_it_draws_rules_under_the_issuing_body_and_the_motto(document: DocxDocument) -> None:
    table = header_table(document)
    for column, above in ((0, "BAN THƯỜNG TRỰC"), (1, "Độc lập - Tự do - Hạnh phúc")):
        paragraphs = table.rows[0].cells[column].paragraphs
        index = [p.text for p in paragraphs].index(above)
        rule = paragraphs[index + 1]
        assert rule.text == ""
        bottom = rule._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
        assert bottom.get(qn("w:val")) == "single"


def test_it_draws_the_header_without_borders(document: DocxDocument) -> None:
    borders = header_table(document)._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_it_writes_the_title_bold_centred_and_upper_case(document: DocxDocument) -> None:
    blocks = body_blocks(document)
    title, summary = blocks[1], blocks[2]
    assert isinstance(title, Paragraph) and isinstance(summary, Paragraph)
    assert title.text == "BÁO CÁO"
    assert is_bold(title)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text == "Kết quả công tác Mặt trận năm 2020 và phương hướng nhiệm vụ năm 2021"
    assert is_bold(summary)
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_it_puts_an_official_letter_summary_under_the_number() -> None:
    letter = reopen(make_report(title="", subtitle="V/v tổ chức Ngày hội Đại đoàn kết", number="25/MTTQ-BTT"))
    left = [p.text for p in cell_paragraphs(header_table(letter), 0)]
    assert left[-2:] == ["Số: 25/MTTQ-BTT", "V/v tổ chức Ngày hội Đại đoàn kết"]
    assert not any(p.text == "V/v tổ chức Ngày hội Đại đoàn kết" for p in letter.paragraphs)


def test_it_bolds_a_two_line_issuing_body_without_a_parent() -> None:
    report = reopen(make_report(issuing_body_lines=["ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG HỒ NAM"]))
    assert all(is_bold(p) for p in cell_paragraphs(header_table(report), 0)[:2])


def test_it_takes_the_parent_line_count_when_given() -> None:
    report = reopen(make_report(issuing_body_lines=["UBND QUẬN LÊ CHÂN", "PHÒNG TÀI CHÍNH"], parent_lines=1))
    parent, body = cell_paragraphs(header_table(report), 0)[:2]
    assert not is_bold(parent)
    assert is_bold(body)


def test_it_pads_the_date_when_asked() -> None:
    report = reopen(make_report(padded_date=True))
    assert cell_paragraphs(header_table(report), 1)[-1].text == "Lê Chân, ngày 07 tháng 01 năm 2021"


def test_it_prefixes_the_number_once() -> None:
    report = reopen(make_report(number="12/BC-MTTQ-BTT"))
    assert "Số: 12/BC-MTTQ-BTT" in [p.text for p in cell_paragraphs(header_table(report), 0)]


def test_it_refuses_a_document_without_an_issuing_body() -> None:
    with pytest.raises(ValueError, match="cơ quan ban hành"):
        make_report(issuing_body_lines=[" "])


# --- body ------------------------------------------------------------------------------------------------


def test_it_writes_bold_section_headings_in_the_outline(document: DocxDocument) -> None:
    heading = paragraph_with_text(document, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    assert is_bold(heading)
    assert heading.paragraph_format.keep_with_next
    assert heading._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    sub = paragraph_with_text(document, "1. Công tác tuyên truyền, vận động")
    assert sub._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"


def test_it_justifies_body_paragraphs_with_a_first_line_indent(document: DocxDocument) -> None:
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Ban Thường trực đã phối hợp"))
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert close(paragraph.paragraph_format.first_line_indent, Mm(10))
    assert not is_bold(paragraph)


def test_it_formats_paragraphs_as_asked() -> None:
    report = make_report()
    report.paragraph(
        "Kính gửi: Ban Thường trực", bold=True, italic=True, align="center", first_line_indent=None
    )
    paragraph = paragraph_with_text(reopen(report), "Kính gửi: Ban Thường trực")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraph.paragraph_format.first_line_indent is None
    assert paragraph.runs[0].bold and paragraph.runs[0].italic


def data_table(document: DocxDocument) -> Table:
    return document.tables[1]


def test_it_writes_table_contents_with_formatted_numbers(document: DocxDocument) -> None:
    rows = [[cell.text for cell in row.cells] for row in data_table(document).rows]
    assert rows == [
        ["STT", "Đơn vị", "Số tiền (đồng)"],
        ["1", "Phường Hồ Nam", "1.800.000.000"],
        ["2", "Phường Dư Hàng", "109.000.000"],
        ["3", "Phường Trại Cau", ""],
        ["", "Tổng cộng", "1.909.000.000"],
    ]


def test_it_bolds_the_header_and_total_rows_only(document: DocxDocument) -> None:
    rows = data_table(document).rows
    assert all(is_bold(cell.paragraphs[0]) for cell in rows[0].cells)
    assert all(is_bold(cell.paragraphs[0]) for cell in rows[-1].cells if cell.text)
    assert not any(run.bold for cell in rows[1].cells for run in cell.paragraphs[0].runs)
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_it_right_aligns_numbers_and_left_aligns_text(document: DocxDocument) -> None:
    rows = data_table(document).rows
    assert rows[0].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    for row in rows[1:3]:
        assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
        assert row.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_it_draws_table_borders_and_sets_the_widths(document: DocxDocument) -> None:
    table = data_table(document)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    widths = [Mm(15), Mm(90), Mm(60)]
    assert all(close(column.width, width) for column, width in zip(table.columns, widths, strict=True))


def test_it_refuses_rows_of_the_wrong_length() -> None:
    report = make_report()
    with pytest.raises(ValueError, match="3 ô"):
        report.table(["A", "B", "C"], [["1", "2"]])
    with pytest.raises(ValueError, match="độ rộng"):
        report.table(["A", "B"], [["1", "2"]], widths=[Mm(10)])


def test_it_separates_consecutive_tables_so_word_keeps_them_apart() -> None:
    report = make_report()
    report.table(["A"], [["1"]])
    report.table(["B"], [["2"]])
    body = report.document.element.body
    tags = [child.tag for child in body]
    first = tags.index(qn("w:tbl"), 1)
    assert tags[first + 1] == qn("w:p")


# --- signatures and recipients ---------------------------------------------------------------------------


def signature_table(document: DocxDocument) -> Table:
    return document.tables[-1]


def test_it_signs_on_the_right_with_recipients_on_the_left(document: DocxDocument) -> None:
    table = signature_table(document)
    assert len(table.columns) == 2
    role, title, name = cell_paragraphs(table, 1)
    assert (role.text, title.text, name.text) == ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Nguyễn Văn An")
    assert all(is_bold(p) for p in (role, title, name))
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (role, title, name))
    assert name.paragraph_format.space_before >= Pt(48)

    heading, *lines = cell_paragraphs(table, 0)
    assert heading.text == "Nơi nhận:"
    assert heading.runs[0].bold and heading.runs[0].italic
    assert heading.runs[0].font.size == Pt(12)
    assert [p.text for p in lines] == [
        "- Ban Thường trực UBMTTQ thành phố;",
        "- Quận ủy, UBND quận;",
        "- Lưu: VT.",
    ]
    assert {p.runs[0].font.size for p in lines} == {Pt(11)}


def test_it_lays_several_signers_side_by_side() -> None:
    report = make_report(title="Biên bản", subtitle=None)
    report.signature_block(
        [SignatureBlock("", "THƯ KÝ", "Trần Thị Bình"), ("", "CHỦ TRÌ HỘI NGHỊ", "Lê Văn Đức")],
    )
    table = reopen(report).tables[-1]
    assert len(table.columns) == 2
    assert [p.text for p in cell_paragraphs(table, 0)] == ["THƯ KÝ", "Trần Thị Bình"]
    assert [p.text for p in cell_paragraphs(table, 1)] == ["CHỦ TRÌ HỘI NGHỊ", "Lê Văn Đức"]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_it_keeps_the_last_paragraph_with_the_signature() -> None:
    report = make_report()
    report.paragraph("Trên đây là báo cáo kết quả công tác năm 2020.")
    report.signature_block([("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Minh Dũng")])
    closing = paragraph_with_text(reopen(report), "Trên đây là báo cáo kết quả công tác năm 2020.")
    assert closing.paragraph_format.keep_with_next


def test_it_adds_recipients_below_when_other_content_follows_the_signature() -> None:
    report = make_report()
    report.signature_block([("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Nguyễn Văn An")])
    report.paragraph("Ghi chú: văn bản gửi qua hệ thống điện tử.")
    report.recipients(["- Như trên;", "Lưu: VT."])
    reopened = reopen(report)
    texts = [p.text for p in reopened.paragraphs]
    assert texts[-3:] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert cell_paragraphs(reopened.tables[-1], 0) == []


def test_it_refuses_a_signature_block_without_signers() -> None:
    with pytest.raises(ValueError, match="người ký"):
        make_report().signature_block([])


# --- output ----------------------------------------------------------------------------------------------


def test_it_saves_to_a_path_and_a_stream(tmp_path: Path) -> None:
    report = build_full_report()
    path = tmp_path / "bao-cao.docx"
    report.save(path)
    report.save(str(tmp_path / "bao-cao-2.docx"))
    stream = io.BytesIO()
    report.save(stream)
    for source in (path, tmp_path / "bao-cao-2.docx", io.BytesIO(stream.getvalue())):
        reopened = docx.Document(source)
        assert reopened.core_properties.title == "Báo cáo"
        assert reopened.core_properties.language == "vi-VN"
        assert cell_paragraphs(header_table(reopened), 1)[-1].text == "Lê Chân, ngày 07 tháng 01 năm 2021"


def test_it_writes_property_elements_in_schema_order(document: DocxDocument) -> None:
    # Word declares a file corrupt when property children are out of order; python-docx does not check.
    body = document.element.body
    for ppr in body.iter(qn("w:pPr")):
        names = [child.tag.split("}")[1] for child in ppr]
        assert names == sorted(names, key=PPR_ORDER.index)
    for tblpr in body.iter(qn("w:tblPr")):
        names = [child.tag.split("}")[1] for child in tblpr]
        assert names == sorted(names, key=TBLPR_ORDER.index)
