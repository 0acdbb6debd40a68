"""Committee lists to and from Excel: Vietnamese headers, row-by-row checks, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.people import actions, excel
from mattran.people.models import Membership, Person, Position
from tests.conftest import SYSTEM
from tests.people.factories import committee, term

pytestmark = pytest.mark.django_db


def _sheet(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(excel.HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row(name, position="Ủy viên Ủy ban", start="01/07/2020", **extra):
    values = dict.fromkeys(excel.HEADERS, None)
    values.update({"Họ và tên": name, "Chức danh": position, "Từ ngày": start, **extra})
    return [values[h] for h in excel.HEADERS]


def test_it_exports_the_committee_with_vietnamese_headers(tree):
    committee(tree.commune, 3)
    wb = load_workbook(io.BytesIO(excel.export_committee(tree.commune, dt.date(2021, 1, 1))))
    rows = list(wb.active.iter_rows(values_only=True))
    assert list(rows[0]) == excel.HEADERS
    assert [r[1] for r in rows[1:]] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assert rows[1][7] == "Chủ tịch" and rows[1][11].date() == dt.date(2020, 6, 1)


def test_it_imports_a_sheet_and_round_trips_the_export(tree):
    t = term(tree.commune)
    data = _sheet(
        [
            _row("Nguyễn Văn An", "Chủ tịch"),
            _row(
                "Trần Thị Bình",
                "pho chu tich chuyen trach",
                **{"Giới tính": "Nữ", "Năm sinh": 1975, "Đại diện cho": "Tôn giáo", "Tôn giáo": "Phật giáo"},
            ),
            _row("Lê Văn Cường", start=dt.datetime(2021, 3, 1)),
        ]
    )
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data, file_name="uy-vien.xlsx")
    assert not result.errors and len(result.created) == 3
    binh = Membership.objects.get(person__full_name="Trần Thị Bình")
    assert (binh.position, binh.represents, binh.person.religion, binh.person.birth_year) == (
        Position.VICE_CHAIR_FULL_TIME,
        "ton_giao",
        "Phật giáo",
        1975,
    )
    exported = load_workbook(io.BytesIO(excel.export_committee(tree.commune, dt.date(2021, 6, 1))))
    assert [r[1] for r in list(exported.active.iter_rows(values_only=True))[1:]] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ]


def test_it_reports_every_bad_row_and_imports_nothing(tree):
    t, _ = committee(tree.commune, 2)
    before = Membership.objects.count(), Person.objects.count()
    data = _sheet(
        [
            _row("Phạm Thị Dung"),
            _row("Hùng", "Ủy viên Ủy ban"),
            _row("Hoàng Văn Đức", "Thủ quỹ"),
            _row("Vũ Thị Hà", start="31/02/2021"),
            _row("Trần Thị Bình", "Phó Chủ tịch chuyên trách"),
            _row("Đặng Văn Hùng", start="01/01/2019"),
        ]
    )
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data, file_name="loi.xlsx")
    messages = [str(e) for e in result.errors]
    assert messages[0] == "Dòng 3, cột Họ và tên: cần cả họ và tên."
    assert 'Dòng 4, cột Chức danh: không rõ "Thủ quỹ".' in messages
    assert "Dòng 5, cột Từ ngày: ngày không hợp lệ (dd/mm/yyyy)." in messages
    assert any(m.startswith("Dòng 6, cột Họ và tên: Trần Thị Bình đã là") for m in messages)
    assert any(m.startswith("Dòng 7, cột Từ ngày: Ngày 01/01/2019 nằm ngoài khóa I") for m in messages)
    assert (Membership.objects.count(), Person.objects.count()) == before and result.created == []


def test_it_refuses_a_sheet_without_the_required_headers(tree):
    t = term(tree.commune)
    wb = Workbook()
    wb.active.append(["Tên", "Chức vụ"])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ActionError) as exc:
        actions.do_import_committee(acting_user=SYSTEM, term=t, data=buffer.getvalue())
    assert "Thiếu cột: Họ và tên, Chức danh, Từ ngày" in exc.value.message
    with pytest.raises(ActionError):
        actions.do_import_committee(acting_user=SYSTEM, term=t, data=b"not a workbook")


def test_it_imports_through_the_page_and_shows_row_errors(client, tree, people):
    t = term(tree.commune)
    client.force_login(people.ward_editor)
    bad = SimpleUploadedFile("loi.xlsx", _sheet([_row("Hùng")]))
    page = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/nhap-excel/", {"term": t.pk, "file": bad})
    assert "Dòng 2, cột Họ và tên: cần cả họ và tên." in page.content.decode()
    good = SimpleUploadedFile("uy-vien.xlsx", _sheet([_row("Nguyễn Văn An", "Chủ tịch")]))
    response = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/nhap-excel/", {"term": t.pk, "file": good})
    assert response.status_code == 302 and Membership.objects.get().person.full_name == "Nguyễn Văn An"
    export = client.get(f"/nhan-su/don-vi/{tree.commune.pk}/xuat-excel/?ngay=2021-01-01")
    assert export["Content-Type"] == excel.XLSX


def test_it_refuses_a_file_that_is_not_a_workbook_beside_the_field_and_writes_nothing(client, tree, people):
    t = term(tree.commune)
    client.force_login(people.ward_editor)
    audits = AuditEntry.objects.count()
    bad = SimpleUploadedFile("uy-vien.xlsx", b"not a workbook")
    response = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/nhap-excel/", {"term": t.pk, "file": bad})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="field-error"' in page and "Không đọc được tệp: cần tệp Excel .xlsx." in page
    assert not Membership.objects.exists() and AuditEntry.objects.count() == audits


def test_it_refuses_the_import_to_a_unit_outside_the_account_and_writes_nothing(client, tree, people):
    t = term(tree.commune)
    client.force_login(people.outsider)
    good = SimpleUploadedFile("uy-vien.xlsx", _sheet([_row("Nguyễn Văn An", "Chủ tịch")]))
    response = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/nhap-excel/", {"term": t.pk, "file": good})
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_it_checks_a_birth_year_in_the_sheet_before_writing(tree, people):
    t = term(tree.commune)
    data = _sheet([_row("Nguyễn Văn An", "Chủ tịch", **{"Năm sinh": 1850}), _row("Trần Thị Bình")])
    result = actions.do_import_committee(acting_user=people.ward_editor, term=t, data=data)
    assert [str(e) for e in result.errors] == ["Dòng 2, cột Năm sinh: Năm sinh không hợp lệ."]
    assert not Membership.objects.exists() and not Person.objects.exists()
