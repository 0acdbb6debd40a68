"""Personal data by need to know (Decree 13/2023): a person's record is read only within the reader's scope
(its unit and the units below), the sensitive fields (birth year, ethnicity, religion, contact, private notes)
only by the keeping unit's editors and administrators, and every read of them is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from mattran.core.models import AuditEntry
from mattran.people.actions import do_add_membership, do_create_person, do_create_term
from tests.conftest import SYSTEM, bearer


@pytest.fixture
def tam(tree):
    return do_create_person(
        acting_user=SYSTEM, unit=tree.commune, full_name="Lê Văn Tám", gender="nam", birth_year=1961,
        ethnicity="Tày", religion="Phật giáo", contact="0912 000 111", notes="Đang điều trị dài ngày",
        occupation="Hưu trí",
    )  # fmt: skip


SECRETS = ("1961", "Tày", "Phật giáo", "0912 000 111", "Đang điều trị dài ngày")


def _reads(person) -> int:
    return AuditEntry.objects.filter(action="people.read_sensitive", object_id=str(person.pk)).count()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ward_editor", 200), ("ward_leader", 200), ("district_leader", 200), ("province_admin", 200),
     ("outsider", 403), ("superuser", 200)],
)  # fmt: skip
def test_a_person_is_read_only_within_the_readers_scope(client, people, tam, persona, status) -> None:
    client.force_login(getattr(people, persona))
    page = client.get(f"/nhan-su/nguoi/{tam.pk}/")
    api = client.get(f"/api/v1/persons/{tam.pk}")
    assert (page.status_code, api.status_code) == (status, status)
    if status == 403:
        assert "Lê Văn Tám" not in page.content.decode() + api.content.decode()
        assert api.json()["error"] == "forbidden"


def test_an_anonymous_visitor_reads_no_person(client, tam) -> None:
    assert client.get(f"/nhan-su/nguoi/{tam.pk}/").status_code == 302
    assert client.get(f"/api/v1/persons/{tam.pk}").status_code == 401


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("ward_editor", True), ("ward_admin", True), ("ward_leader", False), ("district_leader", False),
     ("province_admin", False), ("superuser", True)],
)  # fmt: skip
def test_sensitive_fields_only_for_the_keeping_units_editors_and_every_read_audited(
    client, people, tam, persona, sees
) -> None:
    client.force_login(getattr(people, persona))
    page = client.get(f"/nhan-su/nguoi/{tam.pk}/").content.decode()
    assert "Lê Văn Tám" in page and "Hưu trí" in page
    assert all((secret in page) is sees for secret in SECRETS), persona
    assert _reads(tam) == (1 if sees else 0)
    body = client.get(f"/api/v1/persons/{tam.pk}").json()
    assert body["full_name"] == "Lê Văn Tám"
    if sees:
        assert (body["religion"], body["ethnicity"], body["birth_year"]) == ("Phật giáo", "Tày", 1961)
        assert _reads(tam) == 2
        entry = AuditEntry.objects.filter(action="people.read_sensitive").latest("pk")
        assert entry.actor_id == getattr(people, persona).pk and "religion" in entry.summary
    else:
        assert all(body[f] is None for f in ("religion", "ethnicity", "birth_year", "contact", "notes"))
        assert _reads(tam) == 0


def test_the_persons_list_of_the_api_carries_no_sensitive_field(client, people, tam) -> None:
    rows = client.get("/api/v1/persons", headers=bearer(people.ward_editor)).json()
    assert [r["full_name"] for r in rows] == ["Lê Văn Tám"]
    assert not {"religion", "ethnicity", "birth_year", "contact", "notes"} & set(rows[0])
    assert client.get("/api/v1/persons", headers=bearer(people.outsider)).json() == []


def test_a_committee_member_kept_by_another_unit_is_readable_by_the_committees_unit(
    client, tree, people
) -> None:
    chair = do_create_person(
        acting_user=SYSTEM, unit=tree.province, full_name="Trần Văn Chủ", religion="Công giáo"
    )
    term = do_create_term(acting_user=SYSTEM, unit=tree.commune, label="khóa I", start=dt.date(2024, 1, 1))
    do_add_membership(
        acting_user=SYSTEM, term=term, person=chair, position="chu_tich", start=dt.date(2024, 1, 1)
    )
    client.force_login(people.ward_leader)
    page = client.get(f"/nhan-su/nguoi/{chair.pk}/")
    assert page.status_code == 200 and "Công giáo" not in page.content.decode()
    client.force_login(people.outsider)
    assert client.get(f"/nhan-su/nguoi/{chair.pk}/").status_code == 403


def test_the_committee_export_holds_sensitive_columns_only_for_who_may_see_them(
    client, tree, people, tam
) -> None:
    term = do_create_term(acting_user=SYSTEM, unit=tree.commune, label="khóa I", start=dt.date(2024, 1, 1))
    do_add_membership(
        acting_user=SYSTEM, term=term, person=tam, position="uv_uy_ban", start=dt.date(2024, 1, 1)
    )
    url = f"/nhan-su/don-vi/{tree.commune.pk}/xuat-excel/?ngay=2024-06-01"

    def cells(user) -> set:
        client.force_login(user)
        ws = load_workbook(io.BytesIO(client.get(url).content)).active
        return {str(c.value) for row in ws.iter_rows(min_row=2) for c in row if c.value is not None}

    assert {"Lê Văn Tám", "Phật giáo", "Tày", "1961"} <= cells(people.ward_editor)
    assert AuditEntry.objects.filter(action="people.read_sensitive", unit=tree.commune).count() == 1
    district = cells(people.district_leader)
    assert "Lê Văn Tám" in district and not {"Phật giáo", "Tày", "1961"} & district
    assert AuditEntry.objects.filter(action="people.read_sensitive").count() == 1
