"""A supervision from programme to answered recommendation, its deadlines in working days, and bad input
refused with a Vietnamese message and nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.models import MemberOrgKind
from mattran.oversight import actions
from mattran.oversight.models import (
    ActivityStatus,
    ProgrammeStatus,
    Recommendation,
    RecommendationStatus,
    SubjectKind,
    TeamMember,
    TeamRole,
)
from mattran.people.actions import do_create_person
from tests.conftest import SYSTEM
from tests.core.test_every_action_authorises import fingerprint

from . import helpers as h

pytestmark = pytest.mark.django_db


def test_it_runs_a_supervision_from_programme_to_answered_recommendation(tree, people) -> None:
    editor = people.ward_editor
    programme = h.adopted_programme(tree.commune)
    assert programme.status == ProgrammeStatus.ADOPTED
    assert programme.adopted_at.unit == tree.commune
    org = h.member_org(tree.commune)
    activity = actions.do_add_activity(
        programme, acting_user=editor, title="Việc chi trả trợ cấp xã hội", form="doan_giam_sat",
        participants=[org],
    )  # fmt: skip
    actions.do_add_subject(activity, acting_user=editor, kind=SubjectKind.BODY, name="UBND xã An")
    actions.do_establish_team(
        activity, acting_user=editor, decision_number="05/QĐ-MTTQ", decision_on=h.MONDAY,
        members=[{"name": "Nguyễn Văn A", "role": TeamRole.HEAD},
                 {"name": "Lê Thị B", "role": TeamRole.MEMBER, "member_org": org}],
    )  # fmt: skip
    actions.do_record_plan(
        activity, acting_user=editor, plan_on=h.MONDAY, purpose="Mục đích", content="Nội dung"
    )
    actions.do_notify_subject(activity, acting_user=editor, notice_on=h.MONDAY)
    actions.do_record_session(activity, acting_user=editor, held_on=h.MONDAY + dt.timedelta(days=3))
    finding = actions.do_add_finding(activity, acting_user=editor, text="Chi trả chậm 2 tháng.")
    actions.do_conclude_activity(
        activity,
        acting_user=editor,
        conclusion="Cơ bản đúng quy định; còn chậm.",
        concluded_on=h.MONDAY + dt.timedelta(days=4),
    )
    rec = actions.do_make_recommendation(
        activity, acting_user=editor, content="Chi trả đúng hạn.", addressee="UBND xã An", working_days=10,
        issued_on=dt.date(2025, 3, 10), finding=finding,
    )  # fmt: skip
    assert rec.due_on == dt.date(2025, 3, 24)  # ten working days: two weeks of Monday to Friday
    pdf = SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4\n% tra loi\n", content_type="application/pdf")
    actions.do_answer_recommendation(
        rec, acting_user=editor, answered_on=dt.date(2025, 3, 20), answer="Đã chi trả.", file=pdf
    )
    rec.refresh_from_db()
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONCLUDED
    assert rec.status == RecommendationStatus.ANSWERED and not rec.answered_late
    assert rec.answer_file_name == "tra-loi.pdf" and rec.answer_file.read().startswith(b"%PDF")
    logged = set(AuditEntry.objects.filter(action__startswith="oversight.").values_list("action", flat=True))
    assert {
        "oversight.add_activity", "oversight.establish_team", "oversight.record_plan", "oversight.notify_subject",
        "oversight.record_session", "oversight.add_finding", "oversight.conclude_activity",
        "oversight.make_recommendation", "oversight.answer_recommendation",
    } <= logged  # fmt: skip


def test_it_counts_the_deadline_in_working_days_over_weekends_and_tet(tree) -> None:
    activity = h.under_way(tree.commune)
    thursday = actions.do_make_recommendation(
        activity,
        acting_user=SYSTEM,
        content="a",
        addressee="UBND",
        working_days=2,
        issued_on=dt.date(2025, 3, 6),
    )
    assert thursday.due_on == dt.date(2025, 3, 10)  # Friday, then Monday
    before_tet = actions.do_make_recommendation(
        activity,
        acting_user=SYSTEM,
        content="b",
        addressee="UBND",
        working_days=2,
        issued_on=dt.date(2025, 1, 24),
    )
    assert before_tet.due_on >= dt.date(2025, 2, 3)  # Tết Ất Tỵ (28/1–1/2/2025) is no working day


def test_it_keeps_a_late_answer_counted_as_late(tree) -> None:
    rec = h.recommendation(tree.commune)
    actions.do_answer_recommendation(
        rec, acting_user=SYSTEM, answered_on=rec.due_on + dt.timedelta(days=5), answer="Trả lời muộn"
    )
    rec.refresh_from_db()
    assert rec.answered_late and rec.overdue_on(rec.due_on + dt.timedelta(days=30))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"addressee": ""}, "addressee", "Nhập cơ quan phải trả lời kiến nghị."),
        ({"working_days": None}, "working_days", "Nhập thời hạn trả lời (số ngày làm việc)."),
        ({"working_days": 0}, "working_days", "Thời hạn trả lời từ 1 đến 90 ngày làm việc."),
        ({"working_days": "mười"}, "working_days", "Thời hạn trả lời phải là số ngày làm việc."),
        ({"content": "  "}, "content", "Nhập nội dung kiến nghị."),
    ],
)
def test_it_refuses_a_recommendation_without_a_body_or_a_deadline(tree, changes, field, message) -> None:
    activity = h.under_way(tree.commune)
    args = {
        "content": "Kiến nghị",
        "addressee": "UBND xã",
        "working_days": 10,
        "issued_on": h.MONDAY,
    } | changes
    before = fingerprint()
    with pytest.raises(ActionError) as exc:
        actions.do_make_recommendation(activity, acting_user=SYSTEM, **args)
    assert (exc.value.field, exc.value.message) == (field, message)
    assert fingerprint() == before


def test_it_refuses_an_answer_to_a_closed_or_answered_recommendation(tree) -> None:
    rec = h.recommendation(tree.commune)
    actions.do_answer_recommendation(rec, acting_user=SYSTEM, answered_on=rec.issued_on, answer="Đã xử lý")
    before = fingerprint()
    with pytest.raises(ActionError) as exc:
        actions.do_answer_recommendation(rec, acting_user=SYSTEM, answered_on=rec.issued_on, answer="Lần hai")
    assert exc.value.status == 409 and "đã được trả lời" in exc.value.message
    actions.do_close_recommendation(rec, acting_user=SYSTEM)
    with pytest.raises(ActionError):
        actions.do_answer_recommendation(rec, acting_user=SYSTEM, answered_on=rec.issued_on, answer="Lần ba")
    assert Recommendation.objects.get(pk=rec.pk).answer == "Đã xử lý"
    assert before != fingerprint()  # the close itself was recorded


def test_it_refuses_an_answer_document_that_is_not_a_document(tree) -> None:
    rec = h.recommendation(tree.commune)
    fake = SimpleUploadedFile("tra-loi.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    before = fingerprint()
    with pytest.raises(ActionError) as exc:
        actions.do_answer_recommendation(
            rec, acting_user=SYSTEM, answered_on=rec.issued_on, answer="x", file=fake
        )
    assert exc.value.field == "file"
    assert fingerprint() == before


def test_it_refuses_a_team_member_outside_the_participating_organisations(tree) -> None:
    inside = h.member_org(tree.commune)
    outside = h.member_org(tree.commune, MemberOrgKind.YOUTH, "Đoàn Thanh niên xã")
    activity = h.planned_activity(tree.commune, orgs=[inside])
    before = fingerprint()
    with pytest.raises(ActionError) as exc:
        actions.do_establish_team(
            activity, acting_user=SYSTEM, decision_number="1", decision_on=h.MONDAY,
            members=[{"name": "A", "role": TeamRole.HEAD}, {"name": "B", "member_org": outside}],
        )  # fmt: skip
    assert exc.value.code == "not_participant" and "Đoàn Thanh niên xã" in exc.value.message
    assert fingerprint() == before and not TeamMember.objects.exists()


def test_it_requires_one_head_of_the_team(tree) -> None:
    activity = h.planned_activity(tree.commune)
    with pytest.raises(ActionError) as exc:
        actions.do_establish_team(
            activity, acting_user=SYSTEM, decision_number="1", decision_on=h.MONDAY, members=[{"name": "A"}]
        )
    assert exc.value.message == "Đoàn giám sát phải có đúng một Trưởng đoàn."


def test_it_takes_steps_in_order(tree) -> None:
    activity = h.planned_activity(tree.commune)
    with pytest.raises(ActionError) as exc:
        actions.do_notify_subject(activity, acting_user=SYSTEM, notice_on=h.MONDAY)
    assert exc.value.code == "no_plan"
    with pytest.raises(ActionError) as exc:
        actions.do_record_session(activity, acting_user=SYSTEM, held_on=h.MONDAY)
    assert exc.value.code == "no_notice"
    with pytest.raises(ActionError) as exc:
        actions.do_make_recommendation(
            activity, acting_user=SYSTEM, content="a", addressee="b", working_days=3, issued_on=h.MONDAY
        )
    assert exc.value.code == "too_early"


def test_it_adopts_only_at_a_meeting_of_the_unit(tree) -> None:
    programme = actions.do_create_programme(acting_user=SYSTEM, unit=tree.commune, year=2026)
    other_meeting = h.adopted_programme(tree.sibling).adopted_at
    with pytest.raises(ActionError) as exc:
        actions.do_adopt_programme(programme, acting_user=SYSTEM, meeting=other_meeting)
    assert exc.value.field == "meeting"
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT and programme.adopted_at is None


def test_it_plans_a_follow_up_of_a_concluded_supervision(tree) -> None:
    rec = h.recommendation(tree.commune)
    activity = rec.activity
    actions.do_conclude_activity(activity, acting_user=SYSTEM, conclusion="Kết luận", concluded_on=h.MONDAY)
    follow = actions.do_plan_follow_up(activity, acting_user=SYSTEM, planned_start=dt.date(2025, 9, 1))
    assert follow.follows == activity and follow.programme == activity.programme
    assert list(follow.participants.all()) == list(activity.participants.all())
    actions.do_close_recommendation(rec, acting_user=SYSTEM, note="Chuyển sang giám sát lại")
    assert Recommendation.objects.get(pk=rec.pk).status == RecommendationStatus.CLOSED


def test_it_shows_the_persons_supervised_only_to_the_units_editors_and_audits_the_read(tree, people) -> None:
    person = do_create_person(acting_user=SYSTEM, unit=tree.commune, full_name="Lê Văn Cán")
    activity = h.planned_activity(tree.commune)
    actions.do_add_subject(
        activity, acting_user=SYSTEM, kind=SubjectKind.PERSON, person=person, position="Trưởng thôn"
    )
    stranger = do_create_person(acting_user=SYSTEM, unit=tree.other_commune, full_name="Người Lạ")
    with pytest.raises(ActionError):
        actions.do_add_subject(activity, acting_user=SYSTEM, kind=SubjectKind.PERSON, person=stranger)
    shown = actions.do_read_subject_persons(activity, acting_user=people.ward_editor)
    assert [s.name for s in shown] == ["Lê Văn Cán"]
    assert (
        AuditEntry.objects.filter(action="oversight.read_subject_persons", actor=people.ward_editor).count()
        == 1
    )
    with pytest.raises(ActionError):
        actions.do_read_subject_persons(activity, acting_user=people.district_leader)


def test_it_keeps_site_check_photos_and_refuses_a_file_that_is_not_an_image(tree) -> None:
    session = h.under_way(tree.commune).sessions.get()
    photo = actions.do_add_session_photo(
        session, acting_user=SYSTEM, file=h.png(), caption="Mặt đường ngõ 190"
    )
    assert photo.file.read().startswith(b"\x89PNG") and photo.caption == "Mặt đường ngõ 190"
    before = fingerprint()
    pdf = SimpleUploadedFile("anh.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    with pytest.raises(ActionError) as exc:
        actions.do_add_session_photo(session, acting_user=SYSTEM, file=pdf)
    assert exc.value.message == "Ảnh hiện trường phải là tệp JPG hoặc PNG."
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 a program", content_type="image/jpeg")
    with pytest.raises(ActionError) as exc:
        actions.do_add_session_photo(session, acting_user=SYSTEM, file=fake)
    assert exc.value.field == "file" and exc.value.code == "file_type"
    assert fingerprint() == before
