"""Every oversight action, prepared in the small tree of tests/conftest.py and called by a given actor
(tests/core/test_every_action_authorises.py calls each with an outsider, an anonymous user and None)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from mattran.org.models import Unit
from mattran.oversight import actions
from mattran.oversight.models import (
    ActivityForm,
    CriticismForm,
    EvaluationResult,
    PointResponse,
    SubjectKind,
    TeamRole,
)
from tests.conftest import SYSTEM

from . import helpers as h

Call = Callable[[Any], object]


def create_programme(w: Any) -> Call:
    return lambda actor: actions.do_create_programme(acting_user=actor, unit=w.tree.commune, year=h.YEAR)


def adopt_programme(w: Any) -> Call:
    programme = actions.do_create_programme(acting_user=SYSTEM, unit=w.tree.commune, year=h.YEAR)
    meeting = h.adopted_programme(w.tree.commune, year=h.YEAR + 1).adopted_at  # a meeting of the same unit
    return lambda actor: actions.do_adopt_programme(programme, acting_user=actor, meeting=meeting)


def publish_programme(w: Any) -> Call:
    programme = h.adopted_programme(w.tree.commune)
    return lambda actor: actions.do_publish_programme(programme, acting_user=actor)


def add_activity(w: Any) -> Call:
    programme = h.adopted_programme(w.tree.commune)
    return lambda actor: actions.do_add_activity(
        programme, acting_user=actor, title="Giám sát", form=ActivityForm.DOCUMENTS
    )


def plan_follow_up(w: Any) -> Call:
    activity = h.under_way(w.tree.commune)
    actions.do_conclude_activity(
        activity, acting_user=SYSTEM, conclusion="Kết luận", concluded_on=h.MONDAY + dt.timedelta(days=10)
    )
    return lambda actor: actions.do_plan_follow_up(activity, acting_user=actor)


def add_subject(w: Any) -> Call:
    activity = h.planned_activity(w.tree.commune)
    return lambda actor: actions.do_add_subject(
        activity, acting_user=actor, kind=SubjectKind.BODY, name="Công an xã"
    )


def read_subject_persons(w: Any) -> Call:
    activity = h.planned_activity(w.tree.commune)
    actions.do_add_subject(
        activity,
        acting_user=SYSTEM,
        kind=SubjectKind.PERSON,
        name="Lê Văn Cán",
        position="Phó Chủ tịch UBND xã",
    )
    return lambda actor: actions.do_read_subject_persons(activity, acting_user=actor)


def establish_team(w: Any) -> Call:
    activity = h.planned_activity(w.tree.commune)
    members = [{"name": "Nguyễn Văn Trưởng", "role": TeamRole.HEAD}]
    return lambda actor: actions.do_establish_team(
        activity, acting_user=actor, decision_number="1/QĐ", decision_on=h.MONDAY, members=members
    )


def record_plan(w: Any) -> Call:
    activity = h.planned_activity(w.tree.commune)
    return lambda actor: actions.do_record_plan(
        activity, acting_user=actor, plan_on=h.MONDAY, purpose="a", content="b"
    )


def notify_subject(w: Any) -> Call:
    activity = h.planned_activity(w.tree.commune)
    actions.do_record_plan(activity, acting_user=SYSTEM, plan_on=h.MONDAY, purpose="a", content="b")
    return lambda actor: actions.do_notify_subject(activity, acting_user=actor, notice_on=h.MONDAY)


def record_session(w: Any) -> Call:
    activity = h.under_way(w.tree.commune)
    return lambda actor: actions.do_record_session(
        activity, acting_user=actor, held_on=h.MONDAY + dt.timedelta(days=9)
    )


def add_session_photo(w: Any) -> Call:
    session = h.under_way(w.tree.commune).sessions.get()
    return lambda actor: actions.do_add_session_photo(session, acting_user=actor, file=h.png())


def add_finding(w: Any) -> Call:
    activity = h.under_way(w.tree.commune)
    return lambda actor: actions.do_add_finding(activity, acting_user=actor, text="Còn chậm cấp thẻ.")


def conclude_activity(w: Any) -> Call:
    activity = h.under_way(w.tree.commune)
    return lambda actor: actions.do_conclude_activity(
        activity, acting_user=actor, conclusion="Kết luận", concluded_on=h.MONDAY + dt.timedelta(days=10)
    )


def make_recommendation(w: Any) -> Call:
    activity = h.under_way(w.tree.commune)
    return lambda actor: actions.do_make_recommendation(
        activity,
        acting_user=actor,
        content="Kiến nghị",
        addressee="UBND xã",
        working_days=10,
        issued_on=h.MONDAY,
    )


def answer_recommendation(w: Any) -> Call:
    rec = h.recommendation(w.tree.commune)
    return lambda actor: actions.do_answer_recommendation(
        rec, acting_user=actor, answered_on=rec.issued_on, answer="Đã cấp thẻ."
    )


def close_recommendation(w: Any) -> Call:
    rec = h.recommendation(w.tree.commune)
    return lambda actor: actions.do_close_recommendation(rec, acting_user=actor, note="Chuyển giám sát lại")


def receive_draft(w: Any) -> Call:
    return lambda actor: actions.do_receive_draft(
        acting_user=actor, unit=w.tree.commune, title="Dự thảo", drafting_body="UBND xã",
        received_on=h.MONDAY, comments_due=h.MONDAY, form=CriticismForm.WRITTEN,
    )  # fmt: skip


def add_criticism_participant(w: Any) -> Call:
    d = h.draft(w.tree.commune)
    return lambda actor: actions.do_add_criticism_participant(d, acting_user=actor, name="TS. Phạm Minh")


def add_criticism_point(w: Any) -> Call:
    d = h.draft(w.tree.commune)
    return lambda actor: actions.do_add_criticism_point(d, acting_user=actor, content="Ý kiến")


def send_criticism(w: Any) -> Call:
    d = h.draft(w.tree.commune)
    return lambda actor: actions.do_send_criticism(d, acting_user=actor, sent_on=h.MONDAY)


def record_point_response(w: Any) -> Call:
    d = h.draft(w.tree.commune)
    actions.do_send_criticism(d, acting_user=SYSTEM, sent_on=h.MONDAY)
    point = d.points.get()
    return lambda actor: actions.do_record_point_response(
        point, acting_user=actor, response=PointResponse.ACCEPTED
    )


def publish_criticism(w: Any) -> Call:
    d = h.draft(w.tree.commune)
    actions.do_send_criticism(d, acting_user=SYSTEM, sent_on=h.MONDAY)
    return lambda actor: actions.do_publish_criticism(d, acting_user=actor, public_summary="Tóm tắt")


def _village(w: Any) -> Unit:
    return w.tree.village


def open_evaluation(w: Any) -> Call:
    return lambda actor: actions.do_open_evaluation(
        acting_user=actor, unit=_village(w), year=h.YEAR, held_on=h.MONDAY
    )


def evaluate_person(w: Any) -> Call:
    evaluation = actions.do_open_evaluation(
        acting_user=SYSTEM, unit=_village(w), year=h.YEAR, held_on=h.MONDAY
    )
    return lambda actor: actions.do_evaluate_person(
        evaluation, acting_user=actor, name="Đỗ Văn Đảng", result=EvaluationResult.GOOD
    )


CASES = {
    "do_create_programme": create_programme,
    "do_adopt_programme": adopt_programme,
    "do_publish_programme": publish_programme,
    "do_add_activity": add_activity,
    "do_plan_follow_up": plan_follow_up,
    "do_add_subject": add_subject,
    "do_read_subject_persons": read_subject_persons,
    "do_establish_team": establish_team,
    "do_record_plan": record_plan,
    "do_notify_subject": notify_subject,
    "do_record_session": record_session,
    "do_add_session_photo": add_session_photo,
    "do_add_finding": add_finding,
    "do_conclude_activity": conclude_activity,
    "do_make_recommendation": make_recommendation,
    "do_answer_recommendation": answer_recommendation,
    "do_close_recommendation": close_recommendation,
    "do_receive_draft": receive_draft,
    "do_add_criticism_participant": add_criticism_participant,
    "do_add_criticism_point": add_criticism_point,
    "do_send_criticism": send_criticism,
    "do_record_point_response": record_point_response,
    "do_publish_criticism": publish_criticism,
    "do_open_evaluation": open_evaluation,
    "do_evaluate_person": evaluate_person,
}
