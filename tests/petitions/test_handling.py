"""The life of a case: deadlines in working days (across Tết and a weekend), classify, forward, answer with
its document, inform, close, re-open, escalate, merge and split — each step audited, bad input refused."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry, Notification
from mattran.petitions import actions
from mattran.petitions.models import Case, Kind, Status, Submitter

from .conftest import field, receive, upload


def test_it_sets_the_deadline_in_working_days_across_tet_and_a_weekend(tree) -> None:
    # Friday 24/1/2025, before Tết Ất Tỵ (27/1–1/2 off): 7 working days for a denunciation end on 11/2.
    case = receive(tree.commune, kind=Kind.DENUNCIATION, day=dt.date(2025, 1, 24))
    assert case.due_on == dt.date(2025, 2, 11)
    # A recommendation received on Friday 7/3/2025: 10 working days → Friday 21/3.
    assert receive(tree.commune, day=dt.date(2025, 3, 7)).due_on == dt.date(2025, 3, 21)


def test_it_follows_a_case_from_receipt_to_closure_with_audit(tree, people, agencies) -> None:
    editor = people.ward_editor
    case = receive(tree.commune, day=dt.date(2025, 3, 7))
    actions.do_assign_handlers(case, acting_user=editor, handlers=[editor])
    case = actions.do_classify_case(case, acting_user=editor, kind=Kind.REPORT, field=field("moi-truong"))
    assert case.status == Status.CLASSIFIED
    case = actions.do_forward_case(
        case, acting_user=editor, agency=agencies["ubnd"], forwarded_on=dt.date(2025, 3, 10)
    )
    assert (case.status, case.due_on) == (Status.FORWARDED, dt.date(2025, 3, 31))  # 15 working days
    case = actions.do_record_answer(
        case,
        acting_user=editor,
        text="UBND xã đã bố trí xe thu gom, di dời điểm tập kết từ ngày 20/3/2025.",
        answered_on=dt.date(2025, 3, 20),
        documents=[upload()],
        reference="Số 45/UBND-VP",
    )
    assert case.status == Status.ANSWERED and case.answered_on_time
    assert case.attachments.filter(role="answer").count() == 1
    assert Notification.objects.filter(recipient=editor, kind="answered").exists()
    case = actions.do_inform_citizen(case, acting_user=editor, informed_on=dt.date(2025, 3, 21))
    case = actions.do_close_case(case, acting_user=editor)
    assert case.status == Status.CLOSED
    logged = list(
        AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="petitions.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert logged == [
        "petitions.receive_case",
        "petitions.assign_handlers",
        "petitions.classify_case",
        "petitions.forward_case",
        "petitions.record_answer",
        "petitions.inform_citizen",
        "petitions.close_case",
    ]


def _forwarded(tree, people, agencies) -> Case:
    case = receive(tree.commune, day=dt.date(2025, 3, 7))
    case = actions.do_classify_case(case, acting_user=people.ward_editor, kind=Kind.REPORT, field=field())
    return actions.do_forward_case(
        case, acting_user=people.ward_editor, agency=agencies["ubnd"], forwarded_on=dt.date(2025, 3, 10)
    )


def test_it_refuses_an_answer_without_its_document_and_changes_nothing(tree, people, agencies) -> None:
    case = _forwarded(tree, people, agencies)
    with pytest.raises(ActionError) as err:
        actions.do_record_answer(
            case,
            acting_user=people.ward_editor,
            text="Đã xử lý xong.",
            answered_on=dt.date(2025, 3, 20),
            documents=[],
        )
    assert "văn bản" in err.value.message
    with pytest.raises(ActionError) as err:
        actions.do_record_answer(
            case,
            acting_user=people.ward_editor,
            text="ok",
            answered_on=dt.date(2025, 3, 20),
            documents=[upload()],
        )
    assert "chung chung" in err.value.message
    case.refresh_from_db()
    assert (case.status, case.answer_text, case.attachments.count()) == (Status.FORWARDED, "", 0)


def test_it_refuses_a_body_outside_the_directory_and_a_future_date(tree, people, agencies) -> None:
    case = receive(tree.commune)
    case = actions.do_classify_case(case, acting_user=people.ward_editor, kind=Kind.REPORT, field=field())
    with pytest.raises(ActionError) as err:
        actions.do_forward_case(
            case, acting_user=people.ward_editor, agency=agencies["other"], forwarded_on=dt.date(2025, 3, 10)
        )
    assert "không có trong danh bạ" in err.value.message
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ActionError) as err:
        actions.do_forward_case(
            case, acting_user=people.ward_editor, agency=agencies["ubnd"], forwarded_on=tomorrow
        )
    assert "sau hôm nay" in err.value.message
    with pytest.raises(ActionError):
        receive(tree.commune, day=tomorrow)
    case.refresh_from_db()
    assert case.status == Status.CLASSIFIED and case.agency is None
    assert Case.objects.count() == 1


def test_it_reopens_when_the_citizen_is_not_satisfied(tree, people, agencies) -> None:
    from mattran.core.authz import PUBLIC

    case = _forwarded(tree, people, agencies)
    case = actions.do_record_answer(
        case,
        acting_user=people.ward_editor,
        text="Đã nhắc nhở các hộ dân.",
        answered_on=dt.date(2025, 3, 20),
        documents=[upload("anh-van-ban.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50, "image/png")],
    )
    with pytest.raises(ActionError):
        actions.do_rate_answer(case, acting_user=PUBLIC, satisfied=False, comment="")
    actions.do_rate_answer(case, acting_user=PUBLIC, satisfied=False, comment="Rác vẫn còn nguyên.")
    case = actions.do_reopen_case(
        case, acting_user=people.ward_editor, reason="Người dân phản hồi rác vẫn còn"
    )
    assert (case.status, case.reopen_count, case.satisfied) == (Status.CLASSIFIED, 1, False)
    assert case.due_on is not None and case.due_on > dt.date.today()


def test_it_escalates_to_the_level_above_which_then_owns_it(tree, people, agencies) -> None:
    case = _forwarded(tree, people, agencies)
    upper = actions.do_escalate_case(case, acting_user=people.ward_editor, reason="Vượt thẩm quyền cấp xã")
    case.refresh_from_db()
    assert case.status == Status.ESCALATED and case.due_on is None
    assert upper.unit == tree.district and upper.escalated_from == case and upper.status == Status.RECEIVED
    assert list(upper.submitters.values_list("full_name", flat=True)) == ["Nguyễn Văn Bình"]
    assert upper.due_on is not None
    # The ward can no longer act on the district's case; the district's level above reads it.
    with pytest.raises(ActionError):
        actions.do_classify_case(upper, acting_user=people.ward_editor, kind=Kind.REPORT, field=field())
    assert people.district_leader.has_perm("petitions.view_case", upper)


def test_it_merges_duplicates_into_one_case_with_every_submitter_and_splits_back(tree, people) -> None:
    first = receive(tree.commune)
    second = receive(tree.commune, submitters=[{"full_name": "Trần Thị Hoa"}])
    third = receive(tree.commune, submitters=[{"full_name": "Lê Văn Cường"}])
    merged = actions.do_merge_cases(first, acting_user=people.ward_editor, duplicates=[second, third])
    assert merged.submitters.count() == 3
    second.refresh_from_db()
    assert (second.status, second.merged_into_id) == (Status.MERGED, first.pk)
    with pytest.raises(ActionError):  # already merged
        actions.do_merge_cases(first, acting_user=people.ward_editor, duplicates=[second])
    cuong = Submitter.objects.get(full_name="Lê Văn Cường")
    new = actions.do_split_case(
        first, acting_user=people.ward_editor, submitters=[cuong], summary="Việc riêng"
    )
    assert list(new.submitters.values_list("full_name", flat=True)) == ["Lê Văn Cường"]
    assert first.submitters.count() == 2
    with pytest.raises(ActionError):
        actions.do_split_case(first, acting_user=people.ward_editor, submitters=list(first.submitters.all()))


def test_it_refuses_an_anonymous_complaint_and_an_empty_text(tree) -> None:
    with pytest.raises(ActionError) as err:
        receive(tree.commune, kind=Kind.COMPLAINT, submitters=[], anonymous=True)
    assert "họ tên" in err.value.message
    with pytest.raises(ActionError):
        receive(tree.commune, text="   ")
    assert receive(tree.commune, kind=Kind.REPORT, submitters=[], anonymous=True).submitters.get().anonymous
    assert Case.objects.count() == 1


def test_it_refuses_a_photo_that_is_not_an_image_or_too_large(tree, settings) -> None:
    with pytest.raises(ActionError) as err:
        receive(tree.commune, files=[upload("anh.png", b"MZ not an image", "image/png")])
    assert "không đúng" in err.value.message
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "image": 100}
    with pytest.raises(ActionError) as err:
        receive(tree.commune, files=[upload("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 200, "image/png")])
    assert "quá lớn" in err.value.message
    assert not Case.objects.exists()


def test_reminders_notify_the_handlers_of_cases_due_soon_and_overdue(tree, people) -> None:
    from mattran.core.authz import SCHEDULER

    case = receive(tree.commune, day=dt.date(2025, 3, 7))
    actions.do_assign_handlers(case, acting_user=people.ward_editor, handlers=[people.ward_admin])
    sent = actions.do_send_deadline_reminders(acting_user=SCHEDULER, on=dt.date(2025, 3, 24))
    assert sent == 1
    assert Notification.objects.get(recipient=people.ward_admin, kind="overdue").title.endswith("21/03/2025")


def test_the_daily_command_sends_the_reminders(tree, people) -> None:
    import io

    from django.core.management import call_command

    case = receive(tree.commune, day=dt.date(2025, 3, 7))
    actions.do_assign_handlers(case, acting_user=people.ward_editor, handlers=[people.ward_editor])
    out = io.StringIO()
    call_command("petitions-reminders", stdout=out)
    assert out.getvalue().strip() == "1 notice(s) sent."
    assert Notification.objects.filter(recipient=people.ward_editor, kind="overdue").count() == 1


def test_the_superuser_changes_a_deadline_rule_and_new_cases_follow_it(client, tree, people) -> None:
    from mattran.petitions.models import DeadlineRule

    rule = DeadlineRule.objects.get(kind=Kind.RECOMMENDATION, urgency="thuong", stage="classify")
    client.force_login(people.ward_editor)
    assert "Luật Tiếp công dân 2013" in client.get("/tieng-noi/thoi-han/").content.decode()
    assert (
        client.post(
            "/tieng-noi/thoi-han/", {"rule": rule.pk, "working_days": 3, "legal_basis": "x"}
        ).status_code
        == 403
    )
    client.force_login(people.superuser)
    client.post(
        "/tieng-noi/thoi-han/", {"rule": rule.pk, "working_days": 5, "legal_basis": "Quy chế phối hợp 2026"}
    )
    rule.refresh_from_db()
    assert (rule.working_days, rule.legal_basis) == (5, "Quy chế phối hợp 2026")
    assert receive(tree.commune, day=dt.date(2025, 3, 7)).due_on == dt.date(2025, 3, 14)
    assert AuditEntry.objects.filter(action="petitions.set_deadline_rule").count() == 1
