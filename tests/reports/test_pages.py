"""Reports pages: entry and approval through the forms, completeness, pivot and exports, the DOCX."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mattran.core.models import AuditEntry
from mattran.reports import actions
from mattran.reports.cells import form_cells
from mattran.reports.models import ReviewReport, Submission, SubmissionState, Value
from mattran.reports.periods import Period
from tests.conftest import SYSTEM

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)


def url(unit, period=MARCH, form="BM-THANG", suffix=""):
    return f"/bao-cao/don-vi/{unit.pk}/bieu/{form}/{period.key}/{suffix}"


def post_cells(form, value="4"):
    data = {f"v__{ind.code}__{bd}": value for ind, bd, _ in form_cells(form)}
    return data


def test_it_shows_the_dashboard_with_the_due_report_and_its_deadline(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    page = client.get("/bao-cao/").content.decode()
    due = Period.containing("M", timezone.localdate()).previous()
    assert catalogue.name in page and due.label in page
    assert "hạn nộp" in page


def test_it_saves_a_form_and_submits_it_from_the_page(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    assert client.get(url(tree.commune)).status_code == 200
    sub = Submission.objects.get(unit=tree.commune, form=catalogue, period_start=MARCH.start)
    page = client.get(url(tree.commune)).content.decode()
    assert f'formaction="/bao-cao/bao-cao/{sub.pk}/gui/"' in page  # "Lưu và gửi" posts the form there
    response = client.post(f"/bao-cao/bao-cao/{sub.pk}/gui/", post_cells(catalogue))
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == SubmissionState.SUBMITTED
    assert Value.objects.get(submission=sub, indicator__code="GS-CUOC").value == 4


def test_it_shows_errors_beside_the_fields_and_keeps_what_was_typed(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    data = post_cells(catalogue)
    data["v__DON-TIEP-NHAN__"] = "2"
    data["v__GS-CUOC__"] = "nhiều"
    response = client.post(url(tree.commune), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "không phải là số nguyên" in page and "nhiều" in page
    assert "không được lớn hơn số đơn thư tiếp nhận" in page
    assert not Value.objects.filter(unit=tree.commune, source="E").exists()


def test_it_explains_a_refused_figure_in_english_when_the_cadre_reads_english(english, tree, catalogue):
    """The figure's checks speak the reader's language; the indicator's name is data and stays as written."""
    data = post_cells(catalogue)
    data["v__GS-CUOC__"] = "nhiều"
    response = english.post(url(tree.commune), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "“nhiều” is not a whole number." in page and "không phải là số nguyên" not in page
    assert "1 error in the figures; nothing was saved." in page  # one error, not "1 errors"
    assert not Value.objects.filter(unit=tree.commune, source="E").exists()


def test_it_says_where_computed_figures_come_from_in_the_readers_language(english, people, catalogue):
    """The sources of computed figures (the modules' registered queries) are translated like the page."""
    page = english.get("/bao-cao/chi-tieu/").content.decode()
    assert "Is computed — number of conferences and meetings of the Committee" in page
    assert "Is computed — amount the “Relief” fund received in the period" in page  # the kind translated too
    assert "số hội nghị, cuộc họp của Ủy ban" not in page  # (the indicators' own names are data)
    vietnamese = Client()
    vietnamese.force_login(people.ward_editor)
    assert (
        "Được tính tự động — số hội nghị, cuộc họp của Ủy ban"
        in vietnamese.get("/bao-cao/chi-tieu/").content.decode()
    )


def test_it_lets_the_level_above_approve_from_the_page(client, tree, people, catalogue, district_admin):
    sub = enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    client.force_login(people.ward_admin)
    assert "Duyệt báo cáo" not in client.get(url(tree.commune)).content.decode()
    assert client.post(f"/bao-cao/bao-cao/{sub.pk}/duyet/").status_code == 403
    client.force_login(district_admin)
    assert "Duyệt báo cáo" in client.get(url(tree.commune)).content.decode()
    client.post(f"/bao-cao/bao-cao/{sub.pk}/duyet/", {"comment": "Tốt"})
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.APPROVED


def test_it_forbids_pages_outside_the_subtree(client, tree, people, catalogue):
    client.force_login(people.outsider)
    assert client.get(url(tree.commune)).status_code == 403
    assert client.get(f"/bao-cao/tong-hop/?don-vi={tree.province.pk}").status_code == 403


def test_it_lists_completeness_of_children_in_constant_queries(
    client, tree, people, catalogue, district_admin
):
    client.force_login(district_admin)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(tree.district, suffix="tinh-hinh/")).status_code == 200
    from mattran.org.actions import do_create_unit

    for name in ("Ba", "Bốn", "Năm", "Sáu"):
        unit = do_create_unit(acting_user=SYSTEM, parent=tree.district, short_name=name, kind="xa",
                              valid_from=tree.commune.valid_from)  # fmt: skip
        from tests.conftest import make_user

        enter(make_user(f"cb.{unit.pk}", unit, "editor"), catalogue, unit, MARCH, {("GS-CUOC", ""): 1})
    with CaptureQueriesContext(connection) as many:
        page = client.get(url(tree.district, suffix="tinh-hinh/")).content.decode()
    assert "Xã Sáu" in page and "Chưa nộp, quá hạn" in page
    assert len(many) == len(few)


def test_it_rolls_up_a_pivot_and_exports_it(client, tree, people, catalogue):
    cells = full_cells(catalogue)
    cells[("TCD-LUOT", "")] = 1_800_000
    enter(people.ward_editor, catalogue, tree.commune, MARCH, cells)
    client.force_login(people.province_admin)
    q = f"/bao-cao/tong-hop/?don-vi={tree.province.pk}&ky=M&tu=2024-01&den=2024-06"
    page = client.get(q).content.decode()
    assert "1.800.000" in page
    drill = client.get(q + "&xem=don-vi&chi-tieu=TCD-LUOT").content.decode()
    assert "Huyện Một" in drill and "1.800.000" in drill
    csv = client.get(q + "&xuat=csv").content.decode("utf-8-sig")
    assert "1800000" in csv and "Tháng 3/2024" in csv
    xlsx = client.get(q + "&xuat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_it_writes_the_six_month_report_as_docx_with_the_narrative(client, tree, people, catalogue):
    enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    client.force_login(people.ward_editor)
    response = client.post(
        f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/",
        {"number": "12", "place": "An", "date": "2024-07-05", "form": "BM-THANG",
         "results": "Hoàn thành tốt các chỉ tiêu.", "shortcomings": "Một số khu dân cư nộp chậm.",
         "tasks": "Tiếp tục vận động Quỹ Vì người nghèo.", "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn A"},
    )  # fmt: skip
    assert response.status_code == 302
    assert ReviewReport.objects.get(unit=tree.commune).number == "12"
    docx = client.get(f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/?tai=docx").content
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    for text in ("Số: 12/BC-MTTQ-BTT", "An, ngày 05 tháng 7 năm 2024", "I. KẾT QUẢ ĐẠT ĐƯỢC",
                 "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "Một số khu dân cư nộp chậm.",
                 "Thôn Đông", "Số cuộc giám sát đã tổ chức"):  # fmt: skip
        assert text in xml, text


def test_it_downloads_and_uploads_the_excel_template_from_the_page(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    template = client.get(url(tree.commune, suffix="excel/") + "?mau=1").content
    from openpyxl import load_workbook

    from mattran.reports import imports

    wb = load_workbook(io.BytesIO(template))
    ws = wb[imports.SHEET]
    for row in range(imports.FIRST_DATA_ROW, ws.max_row + 1):
        ws.cell(row=row, column=5, value=2)
    ws.cell(row=imports.FIRST_DATA_ROW, column=5, value="hai")
    bad = io.BytesIO()
    wb.save(bad)
    bad.seek(0)
    bad.name = "bad.xlsx"
    response = client.post(url(tree.commune, suffix="excel/"), {"file": bad})
    assert response.status_code == 400 and f"Ô E{imports.FIRST_DATA_ROW}" in response.content.decode()
    assert not Value.objects.filter(source="E").exists()
    ws.cell(row=imports.FIRST_DATA_ROW, column=5, value=2)
    good = io.BytesIO()
    wb.save(good)
    good.seek(0)
    good.name = "good.xlsx"
    assert client.post(url(tree.commune, suffix="excel/"), {"file": good}).status_code == 302
    assert Value.objects.filter(unit=tree.commune, source="E").count() == len(form_cells(catalogue))


def test_it_lists_the_indicator_catalogue(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    page = client.get("/bao-cao/chi-tieu/").content.decode()
    assert "Số nhà Đại đoàn kết xây mới" in page and "DON-TY-LE-TRA-LOI" in page


def test_it_returns_and_reopens_a_report_each_at_its_own_address(
    client, tree, people, catalogue, district_admin
):
    sub = enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    client.force_login(district_admin)
    refused = client.post(f"/bao-cao/bao-cao/{sub.pk}/tra-lai/", {"comment": " "})
    assert refused.status_code == 302 and Submission.objects.get(pk=sub.pk).state == SubmissionState.SUBMITTED
    assert "Ghi rõ lý do trả lại" in client.get(refused["Location"]).content.decode()
    client.post(f"/bao-cao/bao-cao/{sub.pk}/tra-lai/", {"comment": "Sửa số đơn thư"})
    sub.refresh_from_db()
    assert (sub.state, sub.comment, sub.decided_by) == (
        SubmissionState.RETURNED,
        "Sửa số đơn thư",
        district_admin,
    )
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    actions.do_approve_submission(sub, acting_user=district_admin)
    assert client.get(f"/bao-cao/bao-cao/{sub.pk}/mo-lai/").status_code == 405  # a command is a POST
    client.post(f"/bao-cao/bao-cao/{sub.pk}/mo-lai/", {"comment": "Sai số hộ nghèo"})
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.RETURNED
    assert AuditEntry.objects.filter(action="reports.reopen", actor=district_admin).count() == 1


def test_it_keeps_the_draft_when_a_report_sent_from_the_page_is_incomplete(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    client.get(url(tree.commune))
    sub = Submission.objects.get(unit=tree.commune, form=catalogue, period_start=MARCH.start)
    response = client.post(f"/bao-cao/bao-cao/{sub.pk}/gui/", {"v__GS-CUOC__": "7"})
    assert response.status_code == 400 and "số liệu chưa nhập" in response.content.decode()
    sub.refresh_from_db()
    assert sub.state == SubmissionState.DRAFT
    assert Value.objects.get(submission=sub, indicator__code="GS-CUOC").value == 7
