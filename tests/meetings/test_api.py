"""The persons, terms, memberships, meetings and votes API: same rules as the pages, structured errors."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings import actions
from mattran.meetings.models import Meeting, Vote
from mattran.people.models import Membership, Person, Term
from tests.conftest import SYSTEM
from tests.meetings.helpers import consultation, meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_it_opens_a_term_adds_members_and_reads_the_committee(client, tree, people):
    client.force_login(people.ward_editor)
    response = client.post(
        f"/api/v1/units/{tree.commune.pk}/terms",
        {"label": "khóa II", "period_label": "nhiệm kỳ 2024–2029", "start": "2024-07-01"},
        content_type=JSON,
    )
    assert response.status_code == 201
    term = Term.objects.get(pk=response.json()["id"])
    added = client.post(
        f"/api/v1/terms/{term.pk}/memberships",
        {"full_name": "Nguyễn Văn An", "position": "chu_tich", "start": "2024-07-01"},
        content_type=JSON,
    )
    assert added.status_code == 201 and added.json()["position_label"] == "Chủ tịch"
    again = client.post(
        f"/api/v1/terms/{term.pk}/memberships",
        {"full_name": "Nguyễn Văn An", "position": "chu_tich", "start": "2024-08-01"},
        content_type=JSON,
    )
    assert (
        again.status_code == 409
        and again.json()["error"] == "duplicate"
        and again.json()["field"] == "person"
    )
    outside = client.post(
        f"/api/v1/terms/{term.pk}/memberships",
        {"full_name": "Trần Thị Bình", "position": "uv_uy_ban", "start": "2023-01-01"},
        content_type=JSON,
    )
    assert outside.status_code == 400 and outside.json()["error"] == "outside_term"
    assert Membership.objects.count() == 1 and not Person.objects.filter(full_name="Trần Thị Bình").exists()
    body = client.get(f"/api/v1/units/{tree.commune.pk}/committee", {"as_of": "2024-07-02"}).json()
    assert [m["person"]["full_name"] for m in body] == ["Nguyễn Văn An"]
    assert "contact" not in body[0]["person"]


def test_it_forbids_writing_outside_the_own_unit(client, tree, people):
    client.force_login(people.district_leader)
    response = client.post(
        f"/api/v1/units/{tree.commune.pk}/terms",
        {"label": "khóa II", "start": "2024-07-01"},
        content_type=JSON,
    )
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    client.force_login(people.outsider)
    assert client.get(f"/api/v1/units/{tree.commune.pk}/committee").status_code == 403
    assert client.get(f"/api/v1/units/{tree.commune.pk}/meetings").status_code == 403
    assert not Term.objects.exists()


def test_it_refuses_the_meetings_api_outside_the_unit_with_the_pages_words(client, tree, people):
    t, members = committee(tree.commune, 3)
    m = meeting(tree.commune, t)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    client.force_login(people.outsider)
    page = client.get(f"/hoi-nghi/{m.pk}/")
    refusals = [
        client.get(f"/api/v1/meetings/{m.pk}"),
        client.post(f"/api/v1/meetings/{m.pk}/attendance", {"statuses": {}}, content_type=JSON),
        client.post(f"/api/v1/votes/{vote.pk}/record", {"votes_for": 3}, content_type=JSON),
    ]
    for response in refusals:
        assert response.status_code == 403
        assert response.json() == {
            "error": "forbidden",
            "message": "Bạn không có quyền thực hiện thao tác này.",
        }
    assert page.status_code == 403 and "Bạn không có quyền thực hiện thao tác này." in page.content.decode()
    assert client.get("/api/v1/meetings/999999").json()["error"] == "not_found"
    vote.refresh_from_db()
    assert vote.recorded_at is None and not m.attendance.exists()


def test_it_records_a_meeting_its_hiep_thuong_and_vote(client, tree, people):
    t, members = committee(tree.commune, 5)
    client.force_login(people.ward_editor)
    created = client.post(
        f"/api/v1/units/{tree.commune.pk}/meetings",
        {
            "kind": "hoi_nghi_uy_ban",
            "title": "Tổng kết năm 2021",
            "starts_at": "2022-01-10T08:00:00+07:00",
            "term_id": t.pk,
            "number": 4,
        },
        content_type=JSON,
    )
    assert created.status_code == 201 and created.json()["heading"].startswith("Hội nghị lần thứ 4")
    m = Meeting.objects.get()
    counts = client.post(
        f"/api/v1/meetings/{m.pk}/attendance",
        {"statuses": {str(x.pk): "co_mat" for x in members}},
        content_type=JSON,
    ).json()
    assert counts["present"] == 5
    item = consultation(m)
    change = client.post(
        f"/api/v1/agenda-items/{item.pk}/changes",
        {"action": "cu_bo_sung", "person_name": "Trịnh Văn Sơn", "position": "uv_uy_ban"},
        content_type=JSON,
    )
    assert change.status_code == 201
    vote = client.post(
        f"/api/v1/meetings/{m.pk}/votes",
        {"subject": "Kiện toàn", "agenda_item_id": item.pk},
        content_type=JSON,
    ).json()
    refused = client.post(f"/api/v1/votes/{vote['id']}/record", {"votes_for": 6}, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["error"] == "too_many_ballots"
    passed = client.post(f"/api/v1/votes/{vote['id']}/record", {"votes_for": 5}, content_type=JSON).json()
    assert passed["passed"] is True and passed["share_for"] == 100
    twice = client.post(f"/api/v1/votes/{vote['id']}/record", {"votes_for": 1}, content_type=JSON)
    assert twice.status_code == 409
    detail = client.get(f"/api/v1/meetings/{m.pk}").json()
    assert detail["has_quorum"] and len(detail["started_membership_ids"]) == 1
    assert Membership.objects.get(pk=detail["started_membership_ids"][0]).person.full_name == "Trịnh Văn Sơn"
    assert Vote.objects.get().votes_for == 5


def test_it_lists_meetings_of_a_subtree_for_a_district_reader(client, tree, people):
    t, _ = committee(tree.commune, 2)
    meeting(tree.commune, t, day=dt.date(2021, 3, 1), number=1)
    client.force_login(people.district_leader)
    own = client.get(f"/api/v1/units/{tree.district.pk}/meetings").json()
    tree_wide = client.get(f"/api/v1/units/{tree.district.pk}/meetings", {"subtree": "true"}).json()
    assert own == [] and [x["number"] for x in tree_wide] == [1]


def test_it_lists_persons_in_scope_without_contacts(client, tree, people):
    from tests.people.factories import person

    person(tree.commune, "Lê Văn Tám", contact="0912 000 111")
    person(tree.other_commune, "Lê Văn Xa")
    client.force_login(people.district_leader)
    body = client.get("/api/v1/persons", {"q": "le van"}).json()
    assert [p["full_name"] for p in body] == ["Lê Văn Tám"] and "contact" not in body[0]
