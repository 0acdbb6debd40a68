"""The pages and the API: a supervision step by step through the pages, bad input shown beside its field
with nothing changed, refusals, the public page, the to-do list and the report figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mattran.core import todo
from mattran.org.actions import do_create_agency
from mattran.org.models import AgencyKind
from mattran.oversight import actions
from mattran.oversight.models import ActivityStatus, Recommendation, TeamMember
from mattran.reports.periods import YEAR as YEAR_KIND
from mattran.reports.periods import Period
from mattran.reports.registry import compute
from tests.conftest import SYSTEM, bearer
from tests.core.test_every_action_authorises import fingerprint

from . import helpers as h

pytestmark = pytest.mark.django_db


def test_it_runs_the_steps_through_the_pages(client, tree, people) -> None:
    client.force_login(people.ward_editor)
    org = h.member_org(tree.commune)
    activity = h.planned_activity(tree.commune, orgs=[org])
    url = reverse("oversight:activity", args=[activity.pk])
    assert client.get(url).status_code == 200
    r = client.post(
        reverse("oversight:activity_team", args=[activity.pk]),
        {
            "decision_on": "2025-03-03",
            "head_name": "Nguyễn Văn A",
            "member_1_name": "Lê Thị B",
            "member_1_org": org.pk,
        },
    )
    assert r.status_code == 302
    assert TeamMember.objects.filter(activity=activity).count() == 2
    client.post(reverse("oversight:activity_plan", args=[activity.pk]),
                {"plan_on": "2025-03-03", "purpose": "Mục đích", "content": "Nội dung"})  # fmt: skip
    client.post(reverse("oversight:activity_notice", args=[activity.pk]), {"notice_on": "2025-03-04"})
    client.post(reverse("oversight:activity_session", args=[activity.pk]), {"held_on": "2025-03-10"})
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.UNDER_WAY
    # a recommendation without a body or deadline: the message beside the field, nothing saved
    before = fingerprint()
    r = client.post(
        reverse("oversight:activity_recommend", args=[activity.pk]),
        {"content": "Kiến nghị", "addressee": "", "working_days": "10", "issued_on": "2025-03-10"},
    )
    assert r.status_code == 400 and "Nhập cơ quan phải trả lời kiến nghị." in r.content.decode()
    assert fingerprint() == before
    agency = do_create_agency(
        acting_user=SYSTEM, unit=tree.commune, name="UBND xã An", kind=AgencyKind.PEOPLES_COMMITTEE
    )
    r = client.post(
        reverse("oversight:activity_recommend", args=[activity.pk]),
        {"content": "Kiến nghị", "agency": agency.pk, "working_days": "10", "issued_on": "2025-03-10"},
    )
    assert r.status_code == 302
    rec = Recommendation.objects.get(activity=activity)
    assert rec.addressee == "UBND xã An" and rec.agency == agency and rec.due_on == dt.date(2025, 3, 24)
    session = activity.sessions.get()
    r = client.post(reverse("oversight:session_photo", args=[session.pk]), {"file": h.png("a.exe")})
    assert r.status_code == 400 and "Ảnh hiện trường phải là tệp JPG hoặc PNG." in r.content.decode()
    r = client.post(
        reverse("oversight:session_photo", args=[session.pk]), {"file": h.png(), "caption": "Hiện trường"}
    )
    assert r.status_code == 302 and session.photos.count() == 1
    assert client.get(reverse("oversight:photo_file", args=[session.photos.get().pk])).status_code == 200
    for kind in ("quyet-dinh", "ke-hoach", "thong-bao"):
        r = client.get(reverse("oversight:activity_docx", args=[activity.pk, kind]))
        assert r.status_code == 200 and r.content.startswith(b"PK")
    r = client.get(reverse("oversight:letter_docx", args=[activity.pk]) + "?co-quan=UBND xã An")
    assert r.status_code == 200 and r.content.startswith(b"PK")


def test_it_refuses_a_team_member_of_another_organisation_on_the_page(client, tree, people) -> None:
    client.force_login(people.ward_editor)
    inside = h.member_org(tree.commune)
    outside = h.member_org(tree.commune, "thanh_nien", "Đoàn Thanh niên xã")
    activity = h.planned_activity(tree.commune, orgs=[inside])
    r = client.post(
        reverse("oversight:activity_team", args=[activity.pk]),
        {"decision_on": "2025-03-03", "head_name": "A", "member_1_name": "B", "member_1_org": outside.pk},
    )
    assert r.status_code == 400 and "không thuộc tổ chức thành viên tham gia giám sát" in r.content.decode()
    assert not TeamMember.objects.exists()


def test_the_level_above_reads_and_another_province_is_refused(client, tree, people) -> None:
    rec = h.recommendation(tree.commune)
    url = reverse("oversight:activity", args=[rec.activity_id])
    client.force_login(people.province_admin)
    page = client.get(url)
    assert page.status_code == 200 and "Ghi câu trả lời" not in page.content.decode()
    assert client.get(reverse("oversight:recommendations")).status_code == 200
    r = client.post(
        reverse("oversight:recommendation_answer", args=[rec.pk]),
        {"answered_on": "2025-03-20", "answer": "x"},
    )
    assert r.status_code == 403
    client.force_login(people.outsider)
    assert client.get(url).status_code == 403


def test_the_public_sees_only_what_is_published(client, tree) -> None:
    programme = h.adopted_programme(tree.commune)
    public = reverse("oversight:public", args=[tree.commune.pk])
    assert client.get(public).status_code == 404
    assert client.get(reverse("oversight:programme", args=[programme.pk])).status_code == 302  # to the login
    actions.do_publish_programme(programme, acting_user=SYSTEM)
    r = client.get(public)
    assert r.status_code == 200 and programme.title in r.content.decode()


def test_the_api_follows_the_same_rules(client, tree, people) -> None:
    rec = h.recommendation(tree.commune)
    url = f"/api/v1/units/{tree.commune.pk}/recommendations"
    r = client.get(url, headers=bearer(people.district_leader))
    assert r.status_code == 200 and [x["id"] for x in r.json()] == [rec.pk]
    assert client.get(url, headers=bearer(people.outsider)).status_code == 403
    answer = f"/api/v1/recommendations/{rec.pk}/answer"
    body = {"answered_on": "2025-04-01", "answer": "Đã xử lý"}
    assert (
        client.post(
            answer, body, content_type="application/json", headers=bearer(people.district_leader)
        ).status_code
        == 403
    )
    r = client.post(answer, body, content_type="application/json", headers=bearer(people.ward_editor))
    assert r.status_code == 200 and r.json()["status"] == "da_tra_loi"
    r = client.post(answer, body, content_type="application/json", headers=bearer(people.ward_editor))
    assert r.status_code == 409 and "đã được trả lời" in r.json()["message"]
    bad = client.post(
        f"/api/v1/supervision-activities/{rec.activity_id}/recommendations",
        {"content": "x", "issued_on": "2025-04-01", "addressee": "UBND"},
        content_type="application/json",
        headers=bearer(people.ward_editor),
    )
    assert bad.status_code == 400 and bad.json()["field"] == "working_days"
    r = client.get(
        f"/api/v1/units/{tree.province.pk}/recommendations/by-body", headers=bearer(people.province_admin)
    )
    assert r.json()[0]["made"] == 1 and r.json()[0]["answered"] == 1


def test_it_lists_overdue_recommendations_first_in_the_todo(tree, people) -> None:
    h.recommendation(tree.commune, issued_on=dt.date(2025, 1, 6))  # long overdue
    items = [i for i in todo.items_for(people.ward_editor) if i.section == "Giám sát, phản biện"]
    assert items and items[0].overdue and items[0].count == 1
    assert not [i for i in todo.items_for(people.district_leader) if i.section == "Giám sát, phản biện"]


def test_it_computes_the_report_figures(tree) -> None:
    rec = h.recommendation(tree.commune)
    activity = rec.activity
    actions.do_add_subject(activity, acting_user=SYSTEM, kind="ca_nhan", name="Lê Văn Cán")
    actions.do_conclude_activity(
        activity, acting_user=SYSTEM, conclusion="Kết luận", concluded_on=dt.date(2025, 3, 20)
    )
    evaluation = actions.do_open_evaluation(
        acting_user=SYSTEM, unit=tree.village, year=2025, held_on=dt.date(2025, 11, 1)
    )
    actions.do_evaluate_person(evaluation, acting_user=SYSTEM, name="Đỗ Văn A", result="tot")
    year = Period.containing(YEAR_KIND, dt.date(2025, 6, 1))
    assert compute("oversight.people_supervised", tree.commune, year) == {"": 1}
    assert compute("oversight.people_supervised", tree.village, year) == {"": 1}
    assert compute("oversight.activities_by_form", tree.commune, year)["doan_giam_sat"] == 1
    figures = compute("oversight.recommendations", tree.commune, year)
    assert figures["made"] == 1 and figures["answered"] == 0 and figures["overdue"] == 1


def test_it_opens_and_fills_a_residential_evaluation_through_the_pages(client, tree, people) -> None:
    client.force_login(people.ward_editor)
    r = client.post(
        reverse("oversight:evaluations"), {"unit": tree.village.pk, "year": 2025, "held_on": "2025-11-20"}
    )
    assert r.status_code == 302
    evaluation = tree.village.residential_evaluations.get()
    url = reverse("oversight:evaluation", args=[evaluation.pk])
    r = client.post(url, {"name": "Vũ Văn C", "result": "khuyet_diem", "is_party_member": "on"})
    assert r.status_code == 400 and "Ghi ý kiến của khu dân cư về khuyết điểm." in r.content.decode()
    assert not evaluation.entries.exists()
    r = client.post(
        url,
        {"name": "Vũ Văn C", "result": "khuyet_diem", "is_party_member": "on", "remarks": "Chưa gương mẫu"},
    )
    assert r.status_code == 302 and evaluation.entries.get().is_party_member
    page = client.get(reverse("oversight:evaluations")).content.decode()
    assert "Thôn Đông" in page
    client.force_login(people.district_leader)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "X", "result": "tot"}).status_code == 403


def test_the_api_runs_a_supervision_and_a_criticism(client, tree, people) -> None:
    auth = bearer(people.ward_editor)

    def post(url: str, body: dict, who: dict = auth):
        return client.post(f"/api/v1{url}", body, content_type="application/json", headers=who)

    org = h.member_org(tree.commune)
    outside = h.member_org(tree.commune, "thanh_nien", "Đoàn Thanh niên xã")
    activity = h.planned_activity(tree.commune, orgs=[org])
    a = f"/supervision-activities/{activity.pk}"
    assert post(f"{a}/subjects", {"kind": "co_quan", "name": "Công an xã"}).status_code == 201
    members = [{"name": "A", "role": "truong_doan"}, {"name": "B", "member_org_id": outside.pk}]
    r = post(f"{a}/team", {"decision_on": "2025-03-03", "members": members})
    assert r.status_code == 400 and r.json()["error"] == "not_participant"
    members[1]["member_org_id"] = org.pk
    assert (
        post(
            f"{a}/team", {"decision_on": "2025-03-03", "members": members}, bearer(people.province_admin)
        ).status_code
        == 403
    )
    assert (
        post(f"{a}/team", {"decision_on": "2025-03-03", "members": members}).json()["status"]
        == "da_thanh_lap_doan"
    )
    assert post(f"{a}/plan", {"plan_on": "2025-03-03", "purpose": "a", "content": "b"}).status_code == 200
    assert post(f"{a}/notice", {"notice_on": "2025-03-04"}).json()["status"] == "da_thong_bao"
    assert post(f"{a}/sessions", {"held_on": "2025-03-05"}).status_code == 201
    assert post(f"{a}/findings", {"text": "Chậm"}).status_code == 201
    r = post(f"{a}/conclusion", {"conclusion": "Kết luận", "concluded_on": "2025-03-06"})
    assert r.json()["status"] == "da_ket_luan"
    detail = client.get(f"/api/v1{a}", headers=bearer(people.district_leader)).json()
    assert detail["bodies"] == ["Ủy ban nhân dân xã", "Công an xã"] and len(detail["team"]) == 2

    r = post(f"/units/{tree.commune.pk}/criticism-drafts", {
        "title": "Dự thảo", "drafting_body": "UBND", "received_on": "2025-03-01", "comments_due": "2025-03-20",
        "form": "van_ban"})  # fmt: skip
    draft_id = r.json()["id"]
    assert post(f"/criticism-drafts/{draft_id}/send", {"sent_on": "2025-03-05"}).status_code == 409
    point = post(f"/criticism-drafts/{draft_id}/points", {"content": "Ý kiến"}).json()
    assert (
        post(f"/criticism-drafts/{draft_id}/send", {"sent_on": "2025-03-05"}).json()["status"]
        == "da_gui_phan_bien"
    )
    r = post(f"/criticism-points/{point['id']}/response", {"response": "khong_tiep_thu"})
    assert r.status_code == 400 and r.json()["field"] == "explanation"

    e = post(
        f"/units/{tree.village.pk}/residential-evaluations", {"year": 2025, "held_on": "2025-11-01"}
    ).json()
    r = post(f"/residential-evaluations/{e['id']}/entries", {"name": "Đỗ Văn A", "result": "tot"})
    assert r.status_code == 201


def test_the_recommendations_page_reads_in_a_fixed_number_of_queries(client, tree, people) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.ward_editor)
    url = reverse("oversight:recommendations")
    rec = h.recommendation(tree.commune)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for i in range(5):
        actions.do_make_recommendation(
            rec.activity, acting_user=SYSTEM, content=f"Kiến nghị {i}", addressee=f"Cơ quan {i}", working_days=5,
            issued_on=h.MONDAY,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as six:
        assert "Cơ quan 4" in client.get(url).content.decode()
    assert len(six) == len(one)
