"""The PDF of an administrative document carries the same content and page layout as its DOCX."""

from __future__ import annotations

import pytest

from mattran.core.documents import AdminDocument
from mattran.core.web import document_response

from .pdftext import pdf_fonts, pdf_pages, pdf_text
from .test_documents import build_full_report, make_report

A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return build_full_report().to_pdf()


def test_it_writes_a_pdf_on_a4_pages(full_pdf: bytes) -> None:
    assert full_pdf.startswith(b"%PDF-")
    for (width, height), _ in pdf_pages(full_pdf):
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_it_shows_the_header_title_body_table_signature_and_recipients_of_the_docx(full_pdf: bytes) -> None:
    text = pdf_text(full_pdf)
    for expected in (
        "ỦY BAN MTTQ VIỆT NAM",
        "BAN THƯỜNG TRỰC",
        "Số: 12/BC-MTTQ-BTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lê Chân, ngày 07 tháng 01 năm 2021",
        "BÁO CÁO",
        "Kết quả công tác Mặt trận năm 2020 và phương hướng nhiệm vụ năm 2021",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Công tác tuyên truyền, vận động",
        "Phường Hồ Nam",
        "1.800.000.000",
        "1.909.000.000",
        "TM. BAN THƯỜNG TRỰC",
        "Nguyễn Văn An",
        "Nơi nhận:",
        "- Lưu: VT.",
    ):
        assert expected in text, expected


def test_it_embeds_a_times_compatible_font_with_vietnamese_glyphs(full_pdf: bytes) -> None:
    # Liberation Serif has Times New Roman's metrics; text extraction above proves the glyphs map back.
    assert any(name.split("+")[-1].startswith("Liberation-Serif") for name in pdf_fonts(full_pdf))


def test_it_numbers_pages_from_the_second_at_the_top() -> None:
    doc = make_report()
    for number in range(1, 61):
        doc.paragraph(f"Đoạn {number}: Ban Thường trực tiếp tục phối hợp vận động Quỹ Vì người nghèo.")
    pages = pdf_pages(doc.to_pdf())
    assert len(pages) >= 2
    lines = [[line.strip() for line in text.splitlines()] for _, text in pages]
    assert "1" not in lines[0]
    for number, page_lines in enumerate(lines[1:], start=2):
        assert str(number) in page_lines


def test_it_escapes_text_as_text() -> None:
    doc = make_report()
    doc.paragraph("Ý kiến <b>không</b> in đậm & giữ nguyên")
    html = doc.to_html()
    assert "&lt;b&gt;không&lt;/b&gt;" in html
    assert "Ý kiến <b>không</b> in đậm & giữ nguyên" in pdf_text(doc.to_pdf())


def test_it_answers_docx_or_pdf_with_a_file_name() -> None:
    doc = make_report()
    pdf = document_response(doc, "bao-cao", "pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="bao-cao.pdf"'
    docx = document_response(doc, "bao-cao", "docx")
    assert docx.content.startswith(b"PK")
    with pytest.raises(ValueError):
        document_response(doc, "bao-cao", "odt")


def test_it_puts_recipients_after_several_signers_below_them() -> None:
    doc: AdminDocument = make_report()
    doc.signature_block([("TM. MTTQ", "CHỦ TỊCH", "Người Một"), ("TM. HỘI LHPN", "CHỦ TỊCH", "Người Hai")])
    doc.recipients(["Lưu VT."])
    assert [block.kind for block in doc.blocks] == ["signatures", "recipients"]
    text = pdf_text(doc.to_pdf())
    assert text.index("Người Hai") < text.index("Nơi nhận:")
