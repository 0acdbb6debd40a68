"""The units API: same rules as the pages, structured errors, session and token auth."""

from __future__ import annotations

import pytest

from tests.conftest import bearer

pytestmark = pytest.mark.django_db


def test_it_refuses_anonymous_calls_with_a_structured_401(client, tree):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"


def test_it_lists_only_the_users_subtree(client, tree, people):
    client.force_login(people.district_leader)
    body = client.get("/api/v1/units", {"limit": 500}).json()
    names = {u["name"] for u in body["items"]}
    assert names == {"Huyện Một", "Xã An", "Xã Bình", "Thôn Đông"}
    assert body["count"] == 4


def test_it_answers_403_for_a_unit_outside_the_subtree(client, tree, people):
    client.force_login(people.ward_editor)
    response = client.get(f"/api/v1/units/{tree.other_commune.pk}")
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden", "message": "Bạn không có quyền xem đơn vị này."}
    assert client.get(f"/api/v1/units/{tree.province.pk}").status_code == 403  # above is outside too


def test_it_answers_404_for_a_missing_unit(client, tree, people):
    client.force_login(people.superuser)
    response = client.get("/api/v1/units/999999")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_validates_paging_bounds_with_a_400(client, tree, people):
    client.force_login(people.superuser)
    response = client.get("/api/v1/units", {"limit": 100000})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid"
    assert body["details"][0]["field"] == "limit"


def test_it_shows_detail_with_ancestors_and_children_count(client, tree, people):
    client.force_login(people.province_admin)
    body = client.get(f"/api/v1/units/{tree.commune.pk}").json()
    assert [a["name"] for a in body["ancestors"]] == ["Trung ương", "Tỉnh Thử", "Huyện Một"]
    assert body["children_count"] == 1
    assert body["committee_name"] == "Ủy ban MTTQ Việt Nam xã An"


def test_it_lists_children_and_subtree(client, tree, people):
    client.force_login(people.province_admin)
    children = client.get(f"/api/v1/units/{tree.district.pk}/children").json()
    assert {u["name"] for u in children["items"]} == {"Xã An", "Xã Bình"}
    subtree = client.get(f"/api/v1/units/{tree.province.pk}/subtree", {"level": "commune"}).json()
    assert subtree["count"] == 2


def test_it_searches_without_diacritics_within_scope(client, tree, people):
    client.force_login(people.province_admin)
    found = client.get("/api/v1/units/search", {"q": "XA AN"}).json()
    assert [u["name"] for u in found] == ["Xã An"]
    client.force_login(people.outsider)
    assert client.get("/api/v1/units/search", {"q": "xa an"}).json() == []


def test_it_accepts_a_bearer_token_and_rejects_a_revoked_one(client, tree, people):
    from mattran.accounts.actions import do_revoke_token
    from mattran.accounts.models import ApiToken

    headers = bearer(people.ward_editor)
    assert client.get(f"/api/v1/units/{tree.commune.pk}", headers=headers).status_code == 200
    do_revoke_token(ApiToken.objects.get(user=people.ward_editor), acting_user=people.ward_editor)
    assert client.get(f"/api/v1/units/{tree.commune.pk}", headers=headers).status_code == 401


def test_it_publishes_the_openapi_schema(client, tree, people):
    client.force_login(people.superuser)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units/{unit_id}/subtree" in schema["paths"]
