"""The committee import applies "Thôi từ ngày" and "Lý do thôi": ending memberships, row by row, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.models import AuditEntry
from mattran.people import actions
from mattran.people.models import EndReason, Membership, Person, Position
from tests.conftest import SYSTEM
from tests.people.factories import committee
from tests.people.test_excel import _row, _sheet

pytestmark = pytest.mark.django_db
ENDS = {"Thôi từ ngày": "15/03/2022", "Lý do thôi": "Chuyển công tác"}


def test_it_ends_an_existing_membership_with_its_reason(tree):
    t, members = committee(tree.commune, 3)
    cuong = members[2]
    data = _sheet(
        [
            _row("Lê Văn Cường", start=None, **ENDS),
            _row("Phạm Thị Dung", start="16/03/2022"),
        ]
    )
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data, file_name="kien-toan.xlsx")
    assert result.errors == []
    assert [m.pk for m in result.ended] == [cuong.pk]
    assert [m.person.full_name for m in result.created] == ["Phạm Thị Dung"]
    cuong.refresh_from_db()
    assert (cuong.end, cuong.end_reason) == (dt.date(2022, 3, 15), EndReason.TRANSFERRED)
    assert cuong.end_decision == "Nhập từ tệp kien-toan.xlsx"
    assert Membership.objects.filter(person__full_name="Lê Văn Cường").count() == 1
    entry = AuditEntry.objects.get(action="people.end_membership", object_id=str(cuong.pk))
    assert entry.after["end_reason"] == EndReason.TRANSFERRED
    assert AuditEntry.objects.get(action="people.import_committee").after["ended"] == 1


def test_it_accepts_the_matching_start_date_and_ends_by_folded_reason(tree):
    t, members = committee(tree.commune, 3)
    data = _sheet([_row("Trần Thị Bình", "Phó Chủ tịch chuyên trách", start="01/06/2020",
                        **{"Thôi từ ngày": dt.datetime(2023, 1, 1), "Lý do thôi": "nghi huu"})])  # fmt: skip
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data)
    assert result.errors == []
    members[1].refresh_from_db()
    assert (members[1].end, members[1].end_reason) == (dt.date(2023, 1, 1), EndReason.RETIRED)


def test_it_adds_and_ends_a_membership_that_was_not_recorded(tree):
    t, _ = committee(tree.commune, 2)
    data = _sheet(
        [_row("Ngô Thị Nga", start="01/07/2020", **{"Thôi từ ngày": "01/02/2021", "Lý do thôi": "Từ trần"})]
    )
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data)
    assert result.errors == [] and result.ended == []
    nga = Membership.objects.get(person__full_name="Ngô Thị Nga")
    assert (nga.position, nga.start, nga.end, nga.end_reason) == (
        Position.MEMBER,
        dt.date(2020, 7, 1),
        dt.date(2021, 2, 1),
        EndReason.DECEASED,
    )


def test_it_reports_bad_ending_columns_by_row_and_changes_nothing(tree):
    t, members = committee(tree.commune, 4)
    before = list(Membership.objects.order_by("pk").values())
    people_before = Person.objects.count()
    audits = AuditEntry.objects.count()
    data = _sheet(
        [
            _row("Lê Văn Cường", start=None, **ENDS),  # valid on its own: must be rolled back
            _row("Phạm Thị Dung", start=None, **{"Thôi từ ngày": "15/03/2022", "Lý do thôi": "bỏ về"}),
            _row("Nguyễn Văn An", "Chủ tịch", start=None, **{"Thôi từ ngày": "32/01/2022", "Lý do thôi": "Cho thôi"}),
            _row("Trần Thị Bình", "Phó Chủ tịch chuyên trách", start=None, **{"Lý do thôi": "Cho thôi"}),
            _row("Ngô Thị Nga", start=None, **{"Thôi từ ngày": "15/03/2022"}),
            _row("Đỗ Văn Minh", start=None, **ENDS),
            _row("Vũ Thị Hà", start="01/07/2020", **{"Thôi từ ngày": "01/06/2020", "Lý do thôi": "Cho thôi"}),
            _row("Hoàng Văn Đức", start="01/07/2020", **{"Thôi từ ngày": "01/01/2030", "Lý do thôi": "Cho thôi"}),
            _row("Lê Văn Cường", "Phó Chủ tịch không chuyên trách", start="01/01/2021", **ENDS),
        ]
    )  # fmt: skip
    t2_member = members[2]
    data_mismatch = _sheet([_row(t2_member.person.full_name, start="02/06/2020", **ENDS)])
    result = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data, file_name="loi.xlsx")
    messages = [str(e) for e in result.errors]
    assert 'Dòng 3, cột Lý do thôi: không rõ "bỏ về".' in messages
    assert "Dòng 4, cột Thôi từ ngày: ngày không hợp lệ (dd/mm/yyyy)." in messages
    assert "Dòng 5, cột Thôi từ ngày: cần ngày thôi khi ghi lý do thôi." in messages
    assert "Dòng 6, cột Lý do thôi: cần lý do thôi khi có ngày thôi." in messages
    assert "Dòng 7, cột Từ ngày: bắt buộc." in messages  # no open membership to end, so a start is needed
    assert "Dòng 8, cột Thôi từ ngày: Ngày thôi không được trước ngày bắt đầu." in messages
    assert "Dòng 9, cột Thôi từ ngày: Ngày 01/01/2030 nằm ngoài khóa I." in messages
    assert not any(m.startswith(("Dòng 2,", "Dòng 10,")) for m in messages)
    assert result.created == [] and result.ended == []
    assert list(Membership.objects.order_by("pk").values()) == before
    assert Person.objects.count() == people_before and AuditEntry.objects.count() == audits

    mismatch = actions.do_import_committee(acting_user=SYSTEM, term=t, data=data_mismatch)
    assert [str(e) for e in mismatch.errors] == [
        "Dòng 2, cột Từ ngày: Lê Văn Cường giữ chức danh này từ 01/06/2020, không phải 02/06/2020."
    ]
    assert list(Membership.objects.order_by("pk").values()) == before


def test_it_ends_memberships_through_the_import_page(client, tree, people):
    t, members = committee(tree.commune, 3)
    client.force_login(people.ward_editor)
    upload = SimpleUploadedFile("thoi.xlsx", _sheet([_row("Lê Văn Cường", start=None, **ENDS)]))
    response = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/nhap-excel/", {"term": t.pk, "file": upload})
    assert response.status_code == 302
    members[2].refresh_from_db()
    assert members[2].end == dt.date(2022, 3, 15)
    page = client.get(response["Location"]).content.decode()
    assert "cho thôi 1 ủy viên" in page
