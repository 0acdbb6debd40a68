"""The Decree 30/2020 rules every generated document keeps, read back from the DOCX XML and the rendered PDF."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from mattran.core.documents import (
    HEADER_LEFT_WIDTH,
    AdminDocument,
    SignatureBlock,
    _text_width,
    header_lines,
    header_size,
    name_parts,
    number_line,
    on_behalf,
)

from .pdfboxes import MM, on_one_line, page_image, phrase_boxes
from .pdftext import pdf_flat, pdf_text


def build(**overrides: object) -> AdminDocument:
    options: dict[str, object] = {
        "issuing_body_lines": ["Ủy ban MTTQ Việt Nam thành phố Hồ Chí Minh", "Ban Thường trực"],
        "parent_lines": 1,
        "number": "/BB-MTTQ",
        "place": "Hồ Chí Minh",
        "date": datetime.date(2021, 7, 8),
        "title": "Biên bản",
        "subtitle": "Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm 2021",
    }
    options.update(overrides)
    doc = AdminDocument(**options)  # type: ignore[arg-type]
    doc.paragraph("Nội dung.")
    doc.table(["Nội dung", "Có mặt", "Kết quả"], [["Thông qua báo cáo sơ kết 6 tháng", 37, "Thông qua"]],
              widths=[Mm(100), Mm(25), Mm(40)])  # fmt: skip
    doc.signature_block(
        [SignatureBlock("TM. Thanh tra quận Thanh tra quận", "Chánh Thanh tra", "Lê Văn Bình")]
    )
    return doc


def reopen(doc: AdminDocument) -> docx.document.Document:
    return docx.Document(io.BytesIO(doc.to_bytes()))


def header_cells(document: docx.document.Document) -> tuple[list[str], list[str]]:
    left, right = document.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


@pytest.fixture(scope="module")
def built() -> AdminDocument:
    return build()


@pytest.fixture(scope="module")
def pdf(built: AdminDocument) -> bytes:
    return built.to_pdf()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 7, 8), "ngày 08 tháng 7 năm 2021"),
        (datetime.date(2021, 1, 8), "ngày 08 tháng 01 năm 2021"),
        (datetime.date(2021, 2, 15), "ngày 15 tháng 02 năm 2021"),
        (datetime.date(2021, 12, 11), "ngày 11 tháng 12 năm 2021"),
    ],
)
def test_it_writes_dates_with_the_decrees_leading_zeros(day: datetime.date, expected: str) -> None:
    doc = build(date=day)
    assert header_cells(reopen(doc))[1][-1] == f"Hồ Chí Minh, {expected}"
    assert f"Hồ Chí Minh, {expected}" in pdf_text(doc.to_pdf())


def test_it_leaves_the_day_blank_with_the_year_when_the_date_is_not_known() -> None:
    doc = build(date=None, year=2018)
    assert header_cells(reopen(doc))[1][-1] == "Hồ Chí Minh, ngày …… tháng …… năm 2018"


def test_it_breaks_the_issuing_body_only_between_whole_name_parts(built: AdminDocument, pdf: bytes) -> None:
    left, _ = header_cells(reopen(built))
    assert left[:3] == ["ỦY BAN MTTQ VIỆT NAM", "THÀNH PHỐ HỒ CHÍ MINH", "BAN THƯỜNG TRỰC"]
    for phrase in ("ỦY BAN MTTQ VIỆT NAM", "THÀNH PHỐ HỒ CHÍ MINH", "BAN THƯỜNG TRỰC"):
        assert on_one_line(phrase_boxes(pdf, phrase)), phrase
        # and the printed line fits its column: nothing for Word or the PDF to wrap
        left_edge = min(box[0] for box in phrase_boxes(pdf, phrase))
        right_edge = max(box[2] for box in phrase_boxes(pdf, phrase))
        assert right_edge - left_edge < HEADER_LEFT_WIDTH.mm * MM


@pytest.mark.parametrize(
    "name",
    [
        "Ủy ban MTTQ Việt Nam quận Lê Chân",
        "Ủy ban MTTQ Việt Nam thành phố Hải Phòng",
        "Ủy ban MTTQ Việt Nam thành phố Hồ Chí Minh",
        "Ủy ban Trung ương MTTQ Việt Nam",
        "Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương",
    ],
)
def test_it_never_splits_viet_nam_a_place_or_a_body(name: str) -> None:
    lines = header_lines(name, size=header_size([name]))
    assert " ".join(lines) == name.upper()
    for line in lines:
        assert not line.endswith(("VIỆT", "ỦY", "HỒ CHÍ", "HẢI", "LÊ", "TRUNG", "THÀNH", "THÀNH PHỐ HỒ"))
    assert name_parts("Ủy ban MTTQ Việt Nam quận Lê Chân") == ["ỦY BAN", "MTTQ VIỆT NAM", "QUẬN LÊ CHÂN"]


def test_it_prints_the_parent_plain_and_the_issuing_body_bold_over_a_short_rule(built: AdminDocument) -> None:
    left = reopen(built).tables[0].rows[0].cells[0].paragraphs
    parent, place, board, rule = left[0], left[1], left[2], left[3]
    assert not any(r.bold for r in parent.runs + place.runs)
    assert all(r.bold for r in board.runs)
    border = rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and border.get(qn("w:val")) == "single"
    indent = rule.paragraph_format.left_indent
    # the rule is centred and shorter than the column: a third to a half of the name above it
    assert indent is not None and indent > Mm(10)


def test_it_keeps_room_for_a_number_written_by_hand(built: AdminDocument, pdf: bytes) -> None:
    assert number_line("      /BB-MTTQ") == number_line("/BB-MTTQ") == "Số:" + "\u00a0" * 12 + "/BB-MTTQ"
    assert number_line("Số: 12/BC-MTTQ") == "Số: 12/BC-MTTQ"
    left, _ = header_cells(reopen(built))
    assert left[4].startswith("Số:\u00a0\u00a0") and left[4].endswith("/BB-MTTQ")
    colon = phrase_boxes(pdf, "Số:")[-1]
    slash = phrase_boxes(pdf, "/BB-MTTQ")[0]
    assert slash[0] - colon[2] > 12 * MM  # at least 12 mm of blank between "Số:" and "/BB-MTTQ"


def test_it_prints_a_signers_body_once(built: AdminDocument, pdf: bytes) -> None:
    text = pdf_flat(pdf)
    assert "TM. THANH TRA QUẬN CHÁNH THANH TRA Lê Văn Bình" in text
    assert "THANH TRA QUẬN THANH TRA QUẬN" not in text
    signature = reopen(built).tables[-1].rows[0].cells[-1]
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. THANH TRA QUẬN",
        "CHÁNH THANH TRA",
        "Lê Văn Bình",
    ]


def test_it_sets_table_column_widths_for_word_and_libreoffice(built: AdminDocument, pdf: bytes) -> None:
    table = reopen(built).tables[1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(100).twips, Mm(25).twips, Mm(40).twips]
    assert table._tbl.tblPr.find(qn("w:tblLayout")) is not None or table.autofit is False
    assert on_one_line(phrase_boxes(pdf, "Thông qua báo cáo sơ kết 6 tháng"))


def test_it_renders_a_page_with_ink_only_inside_the_margins(pdf: bytes) -> None:
    image = page_image(pdf, dpi=60)
    width, height = image.size
    px = 60 / 25.4  # pixels per millimetre
    ink = image.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert ink is not None
    left, top, right, bottom = ink
    assert left >= 29 * px and right <= width - 14 * px and top >= 9 * px
    assert _text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Mm(1)) > 0


def test_it_writes_the_tm_and_kt_forms_of_a_signer() -> None:
    deputy = on_behalf("Ban Thường trực", "Phó Chủ tịch", "Trần Thị Cúc")
    head = on_behalf("Ban Thường trực", "Chủ tịch", "Lê Hồng Phú")
    doc = build()
    doc.signature_block([deputy, head])
    cells = reopen(doc).tables[-1].rows[0].cells
    assert [p.text for p in cells[0].paragraphs if p.text] == [
        "TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Cúc",
    ]  # fmt: skip
    assert [p.text for p in cells[1].paragraphs if p.text] == [
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "Lê Hồng Phú",
    ]
    assert "TM. BAN THƯỜNG TRỰC KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in pdf_flat(doc.to_pdf())
