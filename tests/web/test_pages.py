"""Pages: permissions, forms that change nothing on bad input, query counts that stay flat."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from mattran.core.models import AuditEntry
from mattran.org.actions import do_create_unit
from mattran.org.models import Unit, UnitKind
from tests.conftest import PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_login_page(client, tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_it_shows_the_dashboard_of_the_users_unit(client, tree, people):
    client.force_login(people.ward_editor)
    page = client.get("/").content.decode()
    assert "Ủy ban MTTQ Việt Nam xã An" in page
    assert "Thôn Đông" not in page or "Đơn vị trực thuộc" in page


def test_it_forbids_a_unit_page_outside_the_subtree(client, tree, people):
    client.force_login(people.ward_editor)
    assert client.get(f"/don-vi/{tree.sibling.pk}/").status_code == 403
    assert client.get(f"/don-vi/{tree.district.pk}/").status_code == 403
    assert client.get(f"/don-vi/{tree.village.pk}/").status_code == 200


def test_it_adds_a_residential_area_and_audits_it(client, tree, people):
    client.force_login(people.ward_editor)
    response = client.post(
        f"/don-vi/{tree.commune.pk}/them-khu-dan-cu/",
        {"kind": UnitKind.VILLAGE, "short_name": "Tây", "code": "", "notes": ""},
    )
    assert response.status_code == 302
    area = Unit.objects.get(parent=tree.commune, name="Thôn Tây")
    entry = AuditEntry.objects.get(action="org.create_unit", unit=area)
    assert entry.actor == people.ward_editor


def test_it_shows_a_vietnamese_error_beside_the_field_and_changes_nothing(client, tree, people):
    client.force_login(people.ward_editor)
    before = Unit.objects.count(), AuditEntry.objects.count()
    response = client.post(
        f"/don-vi/{tree.commune.pk}/them-khu-dan-cu/", {"kind": UnitKind.VILLAGE, "short_name": "Đông"}
    )
    assert response.status_code == 200
    assert "Xã An đã có Thôn Đông." in response.content.decode()
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_it_forbids_a_leader_from_adding_areas(client, tree, people):
    client.force_login(people.ward_leader)
    before = Unit.objects.count()
    response = client.post(
        f"/don-vi/{tree.commune.pk}/them-khu-dan-cu/", {"kind": "thon", "short_name": "Tây"}
    )
    assert response.status_code == 403
    assert Unit.objects.count() == before


def xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "khu-dan-cu.xlsx"
    return buf


def test_it_lists_row_errors_of_an_excel_import_and_imports_nothing(client, tree, people):
    client.force_login(people.ward_editor)
    before = Unit.objects.count()
    upload = xlsx([["Tên", "Loại", "Mã", "Ghi chú"], ["Bắc", "thôn"], ["Nam", "làng xóm"]])
    page = client.post(f"/don-vi/{tree.commune.pk}/nhap-excel/", {"file": upload}).content.decode()
    assert "Dòng 3, cột Loại" in page
    assert Unit.objects.count() == before


def test_it_imports_a_clean_excel_sheet(client, tree, people):
    client.force_login(people.ward_editor)
    upload = xlsx([["Tên", "Loại", "Mã", "Ghi chú"], ["Bắc", "thôn"], ["Tổ dân phố số 3", "tổ dân phố"]])
    response = client.post(f"/don-vi/{tree.commune.pk}/nhap-excel/", {"file": upload})
    assert response.status_code == 302
    names = set(Unit.objects.filter(parent=tree.commune).values_list("name", flat=True))
    assert {"Thôn Bắc", "Tổ dân phố số 3"} <= names


def test_it_keeps_the_unit_page_query_count_flat(client, tree, people):
    client.force_login(people.ward_editor)
    client.get(f"/don-vi/{tree.commune.pk}/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/don-vi/{tree.commune.pk}/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(25):
        do_create_unit(
            acting_user=SYSTEM, parent=tree.commune, short_name=f"số {i}", kind=UnitKind.RESIDENTIAL_GROUP
        )
    assert count() == few


def test_it_keeps_the_audit_page_query_count_flat(client, tree, people):
    client.force_login(people.ward_editor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/nhat-ky/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(20):
        do_create_unit(
            acting_user=people.ward_editor, parent=tree.commune, short_name=f"Xóm {i}", kind=UnitKind.VILLAGE
        )
    assert count() == few


def test_it_locks_a_login_after_five_wrong_passwords(client, tree, people):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "xa.canbo", "password": "sai-mat-khau"})
    response = client.post("/dang-nhap/", {"username": "xa.canbo", "password": PASSWORD})
    assert "Tạm khoá đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_requires_csrf_on_forms(tree, people):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.ward_editor)
    response = strict.post(
        f"/don-vi/{tree.commune.pk}/them-khu-dan-cu/", {"kind": "thon", "short_name": "Tây"}
    )
    assert response.status_code == 403
    assert not Unit.objects.filter(name="Thôn Tây").exists()


def test_it_switches_the_interface_to_english(client, tree, people):
    client.force_login(people.ward_editor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "To do" in page and "Sections" in page


def test_it_lets_a_province_admin_create_a_cluster_of_its_units(client, tree, people):
    from mattran.org.models import EmulationCluster

    client.force_login(people.province_admin)
    response = client.post(
        f"/don-vi/{tree.province.pk}/cum-thi-dua/tao/",
        {
            "name": "Cụm thi đua số 1",
            "kind": "cum",
            "year": 2026,
            "members": [tree.district.pk],
            "leader": tree.district.pk,
            "deputy": "",
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert "Cụm thi đua cần ít nhất hai đơn vị." in response.content.decode()
    assert not EmulationCluster.objects.exists()


def test_it_forbids_a_ward_editor_to_create_clusters(client, tree, people):
    client.force_login(people.ward_editor)
    assert client.get(f"/don-vi/{tree.province.pk}/cum-thi-dua/tao/").status_code == 403
    assert client.get(f"/don-vi/{tree.commune.pk}/cum-thi-dua/tao/").status_code == 403


def test_it_edits_a_units_code_and_notes_with_an_audit_entry(client, tree, people):
    client.force_login(people.ward_editor)
    response = client.post(
        f"/don-vi/{tree.commune.pk}/sua/", {"code": "X-01", "notes": "Trụ sở: số 1 đường A"}
    )
    assert response.status_code == 302
    tree.commune.refresh_from_db()
    assert (tree.commune.code, tree.commune.notes) == ("X-01", "Trụ sở: số 1 đường A")
    entry = AuditEntry.objects.get(action="org.update_unit", unit=tree.commune)
    assert entry.before["code"] == "" and entry.after["code"] == "X-01"


def test_it_shows_a_cluster_with_its_history_and_lets_the_organiser_set_the_leader(client, tree, people):
    from mattran.org.actions import do_create_cluster
    from mattran.org.models import EmulationCluster

    cluster = do_create_cluster(
        acting_user=people.superuser,
        name="Cụm số 1",
        year=2026,
        organiser=tree.district,
        members=[tree.commune, tree.sibling],
        leader=tree.commune,
    )
    client.force_login(people.ward_editor)
    page = client.get(f"/don-vi/cum-thi-dua/{cluster.pk}/").content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Bình" in page
    assert "org.create_cluster" in page
    assert client.post(f"/don-vi/cum-thi-dua/{cluster.pk}/", {"leader": tree.sibling.pk}).status_code == 403

    client.force_login(people.superuser)
    response = client.post(
        f"/don-vi/cum-thi-dua/{cluster.pk}/", {"leader": tree.sibling.pk, "deputy": tree.commune.pk}
    )
    assert response.status_code == 302
    cluster = EmulationCluster.objects.get(pk=cluster.pk)
    assert (cluster.leader, cluster.deputy) == (tree.sibling, tree.commune)
    assert AuditEntry.objects.filter(action="org.set_cluster_leadership", object_id=str(cluster.pk)).exists()


def test_it_keeps_the_page_of_a_merged_unit_flat_in_queries(client, tree, people):
    import datetime as dt

    from mattran.org.actions import do_merge_units

    client.force_login(people.superuser)

    def page_queries(target) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/don-vi/{target.pk}/").status_code == 200
        return len(ctx.captured_queries)

    two = [make_area(tree.commune, f"Xóm {i}") for i in range(2)]
    merged, _event = do_merge_units(two, acting_user=SYSTEM, date=dt.date(2026, 1, 1), new_short_name="Hai")
    few = page_queries(merged)
    many = [make_area(tree.commune, f"Xóm {i}") for i in range(2, 8)]
    merged_more, _event = do_merge_units(
        many, acting_user=SYSTEM, date=dt.date(2026, 1, 1), new_short_name="Sáu"
    )
    assert page_queries(merged_more) == few


def make_area(parent, name):
    import datetime as dt

    return do_create_unit(
        acting_user=SYSTEM,
        parent=parent,
        short_name=name,
        kind=UnitKind.VILLAGE,
        valid_from=dt.date(2025, 1, 1),
    )
