"""The sơ kết / tổng kết report as PDF: the same document as the DOCX, from the same page."""

from __future__ import annotations

from tests.core.pdftext import pdf_text

from .conftest import enter, full_cells, month

MARCH = month(2024, 3)


def test_it_writes_the_six_month_report_as_pdf_with_the_narrative_and_figures(
    client, tree, people, catalogue
):
    enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    client.force_login(people.ward_editor)
    client.post(
        f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/",
        {"number": "12", "place": "An", "date": "2024-07-05", "form": "BM-THANG",
         "results": "Hoàn thành tốt các chỉ tiêu.", "shortcomings": "Một số khu dân cư nộp chậm.",
         "tasks": "Tiếp tục vận động Quỹ Vì người nghèo.", "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn A"},
    )  # fmt: skip
    page = client.get(f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/").content.decode()
    assert "?tai=pdf" in page
    response = client.get(f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/?tai=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bao-cao-2024-H1-{tree.commune.pk}.pdf"'
    text = pdf_text(response.content)
    for expected in ("Số: 12/BC-MTTQ-BTT", "An, ngày 05 tháng 7 năm 2024", "I. KẾT QUẢ ĐẠT ĐƯỢC",
                     "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
                     "Một số khu dân cư nộp chậm.", "Thôn Đông", "Nguyễn Văn A"):  # fmt: skip
        assert expected in text, expected


def test_it_refuses_the_pdf_of_a_unit_outside_the_users_subtree(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    response = client.get(f"/bao-cao/don-vi/{tree.province.pk}/so-ket/2024/?tai=pdf")
    assert response.status_code == 403
