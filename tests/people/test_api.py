"""Persons, terms and memberships over the API: the actions' rules, structured refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.models import AuditEntry
from mattran.people.models import EndReason, Membership, Person, Term
from tests.conftest import bearer
from tests.people.factories import committee, term

pytestmark = pytest.mark.django_db


def test_it_opens_a_term_adds_a_member_by_name_and_ends_the_membership(client, tree, people):
    headers = bearer(people.ward_editor)
    r = client.post(f"/api/v1/units/{tree.commune.pk}/terms", {"label": "khóa II", "start": "2025-07-01"},
                    content_type="application/json", headers=headers)  # fmt: skip
    assert r.status_code == 201, r.content
    term_id = r.json()["id"]
    r = client.post(f"/api/v1/terms/{term_id}/memberships",
                    {"full_name": "Nguyễn  Thị Hoa", "position": "uv_uy_ban", "start": "2025-07-01"},
                    content_type="application/json", headers=headers)  # fmt: skip
    assert r.status_code == 201 and r.json()["person"]["full_name"] == "Nguyễn Thị Hoa"
    membership = Membership.objects.get(pk=r.json()["id"])
    r = client.post(f"/api/v1/memberships/{membership.pk}/end", {"end": "2026-01-01", "reason": "chuyen_cong_tac"},
                    content_type="application/json", headers=headers)  # fmt: skip
    assert r.status_code == 200
    membership.refresh_from_db()
    assert (membership.end, membership.end_reason) == (dt.date(2026, 1, 1), EndReason.TRANSFERRED)
    assert AuditEntry.objects.filter(action="people.end_membership", actor=people.ward_editor).count() == 1


def test_it_refuses_another_provinces_committee_with_a_structured_403_and_changes_nothing(
    client, tree, people
):
    t, members = committee(tree.commune, 2)
    headers = bearer(people.outsider)
    r = client.get(f"/api/v1/units/{tree.commune.pk}/committee", headers=headers)
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = client.post(f"/api/v1/terms/{t.pk}/memberships",
                    {"full_name": "Lê Văn Cường", "position": "uv_uy_ban", "start": "2021-01-01"},
                    content_type="application/json", headers=headers)  # fmt: skip
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    r = client.post(f"/api/v1/memberships/{members[1].pk}/end", {"end": "2022-01-01", "reason": "cho_thoi"},
                    content_type="application/json", headers=headers)  # fmt: skip
    assert r.status_code == 403
    assert Membership.objects.count() == 2 and not Membership.objects.filter(end__isnull=False).exists()


def test_it_answers_a_refused_membership_with_the_field_at_fault(client, tree, people):
    t = term(tree.commune)
    headers = bearer(people.ward_editor)
    r = client.post(f"/api/v1/terms/{t.pk}/memberships",
                    {"full_name": "Lê Văn Cường", "position": "uv_uy_ban", "start": "2019-01-01"},
                    content_type="application/json", headers=headers)  # fmt: skip
    body = r.json()
    assert r.status_code == 400 and body["field"] == "start" and "nằm ngoài khóa I" in body["message"]
    assert not Membership.objects.exists() and not Person.objects.exists()
    assert Term.objects.count() == 1
