"""Every petitions action for tests/core/test_every_action_authorises.py: prepared on the commune of the test
tree by the system actor, refused for an editor of another province, an anonymous user and no actor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mattran.org.actions import do_create_agency
from mattran.org.models import AgencyKind
from mattran.petitions import actions, catalogue
from mattran.petitions.models import Channel, DeadlineRule, Field, Kind
from tests.conftest import SYSTEM

DAY = dt.date(2025, 3, 3)


def _case(w: Any, **extra: Any):
    catalogue.ensure()
    data: dict[str, Any] = {
        "kind": Kind.RECOMMENDATION,
        "summary": "Đèn đường hỏng",
        "text": "Đèn đường ngõ 5 hỏng đã hai tuần.",
        "received_on": DAY,
        "channel": Channel.LETTER,
        "submitters": [{"full_name": "Nguyễn Văn Bình"}],
    }
    data.update(extra)
    return actions.do_receive_case(acting_user=SYSTEM, unit=w.tree.commune, **data)


def _classified(w: Any):
    return actions.do_classify_case(
        _case(w), acting_user=SYSTEM, kind=Kind.REPORT, field=Field.objects.first()
    )


def _agency(w: Any):
    return do_create_agency(
        acting_user=SYSTEM, unit=w.tree.commune, name="UBND xã An", kind=AgencyKind.PEOPLES_COMMITTEE
    )


def _forwarded(w: Any):
    return actions.do_forward_case(_classified(w), acting_user=SYSTEM, agency=_agency(w), forwarded_on=DAY)


def _answered(w: Any):
    from tests.petitions.conftest import upload

    return actions.do_record_answer(
        _forwarded(w),
        acting_user=SYSTEM,
        text="Đã thay bóng đèn ngày 10/3.",
        answered_on=DAY,
        documents=[upload()],
    )


def _informed(w: Any):
    return actions.do_inform_citizen(_answered(w), acting_user=SYSTEM, informed_on=DAY)


def _receive(w: Any):
    catalogue.ensure()
    return lambda actor: actions.do_receive_case(
        acting_user=actor,
        unit=w.tree.commune,
        kind=Kind.REPORT,
        summary="x",
        text="Nội dung phản ánh",
        received_on=DAY,
        channel=Channel.PHONE,
        anonymous=True,
    )


def _answer(w: Any):
    from tests.petitions.conftest import upload

    case = _forwarded(w)
    return lambda actor: actions.do_record_answer(
        case, acting_user=actor, text="Đã xử lý xong việc này.", answered_on=DAY, documents=[upload()]
    )


def _assign(w: Any):
    case = _case(w)
    return lambda actor: actions.do_assign_handlers(case, acting_user=actor, handlers=[w.people.ward_editor])


def _classify(w: Any):
    case = _case(w)
    catalogue.ensure()
    return lambda actor: actions.do_classify_case(
        case, acting_user=actor, kind=Kind.REPORT, field=Field.objects.first()
    )


def _forward(w: Any):
    case, agency = _classified(w), _agency(w)
    return lambda actor: actions.do_forward_case(case, acting_user=actor, agency=agency, forwarded_on=DAY)


def _inform(w: Any):
    case = _answered(w)
    return lambda actor: actions.do_inform_citizen(case, acting_user=actor, informed_on=DAY)


def _close(w: Any):
    case = _informed(w)
    return lambda actor: actions.do_close_case(case, acting_user=actor)


def _reopen(w: Any):
    case = _answered(w)
    return lambda actor: actions.do_reopen_case(case, acting_user=actor, reason="Người dân chưa đồng ý")


def _escalate(w: Any):
    case = _classified(w)
    return lambda actor: actions.do_escalate_case(case, acting_user=actor, reason="Vượt thẩm quyền")


def _reveal(w: Any):
    case = _case(w, kind=Kind.DENUNCIATION)
    return lambda actor: actions.do_reveal_identity(case, acting_user=actor)


def _publish(w: Any):
    case = _answered(w)
    return lambda actor: actions.do_publish_case(
        case, acting_user=actor, public_summary="Đèn đường ngõ 5 đã được thay."
    )


def _merge(w: Any):
    a, b = _case(w), _case(w)
    return lambda actor: actions.do_merge_cases(a, acting_user=actor, duplicates=[b])


def _split(w: Any):
    case = _case(w, submitters=[{"full_name": "Nguyễn Văn Bình"}, {"full_name": "Trần Thị Hoa"}])
    one = case.submitters.last()
    return lambda actor: actions.do_split_case(case, acting_user=actor, submitters=[one])


def _rule(w: Any):
    catalogue.ensure()
    rule = DeadlineRule.objects.first()
    return lambda actor: actions.do_set_deadline_rule(
        rule, acting_user=actor, working_days=5, legal_basis="Quy chế"
    )


def _import(w: Any):
    import io

    from openpyxl import Workbook

    from mattran.petitions.actions.batch import HEADERS

    wb = Workbook()
    wb.active.append(HEADERS)
    wb.active.append(["Phản ánh", "Đơn thư", "03/03/2025", "", "Đèn đường hỏng", "Nguyễn Văn Bình", "", ""])
    out = io.BytesIO()
    wb.save(out)
    return lambda actor: actions.do_import_cases(acting_user=actor, unit=w.tree.commune, data=out.getvalue())


CASES = {
    "do_import_cases": _import,
    "do_receive_case": _receive,
    "do_assign_handlers": _assign,
    "do_classify_case": _classify,
    "do_forward_case": _forward,
    "do_record_answer": _answer,
    "do_inform_citizen": _inform,
    "do_close_case": _close,
    "do_reopen_case": _reopen,
    "do_escalate_case": _escalate,
    "do_reveal_identity": _reveal,
    "do_publish_case": _publish,
    "do_merge_cases": _merge,
    "do_split_case": _split,
    "do_set_deadline_rule": _rule,
    "do_send_deadline_reminders": lambda w: (
        lambda actor: actions.do_send_deadline_reminders(acting_user=actor, on=DAY)
    ),
    "do_create_reception_session": lambda w: (
        lambda actor: actions.do_create_reception_session(
            acting_user=actor, unit=w.tree.commune, held_on=DAY, place="Trụ sở", cadres="Chủ tịch"
        )
    ),
    "do_create_council_session": lambda w: (
        lambda actor: actions.do_create_council_session(
            acting_user=actor, unit=w.tree.commune, body="hdnd", name="Kỳ họp thứ 10", opens_on=DAY
        )
    ),
}

PUBLIC = {
    "do_submit_public": "the public portal: anyone may send an opinion, recommendation or report (rate-limited, "
    "size-limited, honeypot; tests/petitions/test_public.py)",
    "do_rate_answer": "the citizen rates the answer by the tracking code they hold (60 random bits), no account",
}
__all__ = ["CASES", "PUBLIC"]
