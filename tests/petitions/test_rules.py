"""Permissions: a ward reads and handles its own cases, never another ward's; the levels above read their
subtree (pages and API) but do not handle the ward's cases; leaders only read."""

from __future__ import annotations

import pytest

from mattran.petitions.models import Case
from tests.conftest import bearer

from .conftest import receive


@pytest.fixture
def cases(tree):
    return {"own": receive(tree.commune), "sibling": receive(tree.sibling)}


@pytest.mark.parametrize(
    ("persona", "view_own", "handle_own", "view_sibling"),
    [
        ("ward_editor", True, True, False),
        ("ward_admin", True, True, False),
        ("ward_leader", True, False, False),
        ("district_leader", True, False, True),
        ("province_admin", True, False, True),
        ("outsider", False, False, False),
    ],
)
def test_the_table_of_rights(cases, people, persona, view_own, handle_own, view_sibling) -> None:
    user = getattr(people, persona)
    assert user.has_perm("petitions.view_case", cases["own"]) is view_own
    assert user.has_perm("petitions.handle_case", cases["own"]) is handle_own
    assert user.has_perm("petitions.view_case", cases["sibling"]) is view_sibling


def test_a_ward_cannot_open_another_wards_case_on_pages_or_api(client, cases, people, tree) -> None:
    client.force_login(people.ward_editor)
    assert client.get(f"/tieng-noi/{cases['sibling'].pk}/").status_code == 403
    assert client.get(f"/tieng-noi/?don_vi={tree.sibling.pk}").status_code == 403
    headers = bearer(people.ward_editor)
    assert client.get(f"/api/v1/petitions/{cases['sibling'].pk}", headers=headers).status_code == 403
    listed = client.get(f"/api/v1/units/{tree.commune.pk}/petitions", headers=headers).json()
    assert [c["id"] for c in listed] == [cases["own"].pk]


def test_the_level_above_reads_its_subtree(client, cases, people, tree) -> None:
    client.force_login(people.district_leader)
    page = client.get(f"/tieng-noi/?don_vi={tree.district.pk}&cap_duoi=1").content.decode()
    assert cases["own"].display_code in page and cases["sibling"].display_code in page
    assert client.post(f"/tieng-noi/{cases['own'].pk}/ket-thuc/").status_code == 403
    headers = bearer(people.district_leader)
    listed = client.get(f"/api/v1/units/{tree.district.pk}/petitions?subtree=true", headers=headers).json()
    assert sorted(c["id"] for c in listed) == sorted(c.pk for c in Case.objects.all())


def test_the_api_refuses_bad_input_with_structured_vietnamese(client, people, tree) -> None:
    headers = bearer(people.ward_editor)
    body = {
        "kind": "khieu_nai",
        "channel": "don_thu",
        "received_on": "2025-03-03",
        "text": "Khiếu nại về đất",
        "anonymous": True,
    }
    response = client.post(
        f"/api/v1/units/{tree.commune.pk}/petitions", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid" and "họ tên" in response.json()["message"]
    assert not Case.objects.exists()


def test_the_overdue_list_is_red_and_first(client, people, tree) -> None:
    import datetime as dt

    late = receive(tree.commune, day=dt.date(2025, 1, 6), summary="Việc quá hạn")
    client.force_login(people.ward_editor)
    page = client.get("/tieng-noi/").content.decode()
    assert '<tr class="overdue">' in page
    assert page.index(late.display_code) < page.index("Quá hạn theo cơ quan") or late.display_code in page
