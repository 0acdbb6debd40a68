"""Social criticism point by point, and the QĐ 218 evaluation by residential areas, with their bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.oversight import actions
from mattran.oversight.models import CriticismStatus, EvaluationResult, PointResponse
from tests.conftest import SYSTEM
from tests.core.test_every_action_authorises import fingerprint

from . import helpers as h

pytestmark = pytest.mark.django_db


def test_it_records_a_criticism_and_the_drafting_bodys_response_point_by_point(tree, people) -> None:
    editor = people.ward_editor
    d = h.draft(tree.commune)
    actions.do_add_criticism_participant(
        d, acting_user=editor, name="TS. Phạm Minh", title="Luật sư", is_expert=True
    )
    second = actions.do_add_criticism_point(d, acting_user=editor, content="Giữ tên tổ dân phố cũ.")
    assert second.number == 2
    actions.do_send_criticism(
        d, acting_user=editor, sent_on=h.MONDAY + dt.timedelta(days=5), document_number="07/MTTQ"
    )
    first = d.points.get(number=1)
    actions.do_record_point_response(first, acting_user=editor, response=PointResponse.ACCEPTED)
    d.refresh_from_db()
    assert d.status == CriticismStatus.SENT  # one point still awaits its response
    actions.do_record_point_response(
        second,
        acting_user=editor,
        response=PointResponse.NOT_ACCEPTED,
        explanation="Tên mới theo Nghị quyết.",
    )
    d.refresh_from_db()
    assert d.status == CriticismStatus.RESPONDED
    actions.do_publish_criticism(d, acting_user=editor, public_summary="2 ý kiến; 1 được tiếp thu.")
    d.refresh_from_db()
    assert d.published and d.public_summary.startswith("2 ý kiến")


def test_it_refuses_a_rejection_without_its_reason_and_a_point_after_sending(tree) -> None:
    d = h.draft(tree.commune)
    actions.do_send_criticism(d, acting_user=SYSTEM, sent_on=h.MONDAY)
    point = d.points.get()
    before = fingerprint()
    with pytest.raises(ActionError) as exc:
        actions.do_record_point_response(point, acting_user=SYSTEM, response=PointResponse.PARTLY)
    assert exc.value.field == "explanation"
    with pytest.raises(ActionError) as exc:
        actions.do_add_criticism_point(d, acting_user=SYSTEM, content="Muộn")
    assert exc.value.status == 409
    assert fingerprint() == before


def test_it_refuses_a_deadline_before_receipt(tree) -> None:
    with pytest.raises(ActionError) as exc:
        actions.do_receive_draft(
            acting_user=SYSTEM, unit=tree.commune, title="Dự thảo", drafting_body="UBND",
            received_on=h.MONDAY, comments_due=h.MONDAY - dt.timedelta(days=1), form="van_ban",
        )  # fmt: skip
    assert exc.value.message == "Hạn gửi ý kiến không thể trước ngày nhận dự thảo."


def test_it_evaluates_officials_and_party_members_in_a_residential_area(tree, people) -> None:
    evaluation = actions.do_open_evaluation(
        acting_user=people.ward_editor, unit=tree.village, year=2025, held_on=h.MONDAY
    )
    actions.do_evaluate_person(
        evaluation, acting_user=people.ward_editor, name="Đỗ Văn A", result=EvaluationResult.GOOD
    )
    with pytest.raises(ActionError) as exc:
        actions.do_evaluate_person(
            evaluation, acting_user=people.ward_editor, name="Đỗ Văn B", result=EvaluationResult.SHORTCOMING
        )
    assert exc.value.field == "remarks"
    assert evaluation.entries.count() == 1
    with pytest.raises(ActionError) as exc:
        actions.do_open_evaluation(acting_user=SYSTEM, unit=tree.commune, year=2025, held_on=h.MONDAY)
    assert exc.value.field == "unit"
