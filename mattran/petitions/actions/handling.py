"""Handling a case: assign, classify, forward, record the answer (with its document), inform the citizen,
close; re-open, escalate; reveal a sealed identity; publish; the citizen's rating; deadline reminders.

Every transition is checked against the current status (a stale page cannot skip a step), writes one audit
record and sets the next stage's deadline in working days (``_common.due``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, is_system
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.notifications import ANSWERED, ASSIGNED, CITIZEN_REPLY, DUE_SOON, OVERDUE, notify
from mattran.core.text import nfc
from mattran.core.workdays import add_working_days
from mattran.org.models import Agency

from ..models import (
    OPEN_STATUSES,
    Attachment,
    Case,
    DeadlineRule,
    Field,
    Kind,
    Stage,
    Status,
    Submitter,
    Urgency,
)
from ..rules import may_see_identity
from ._common import (
    case_url,
    check_date,
    check_uploads,
    due,
    recipients,
    save_uploads,
    snapshot,
    today,
    unit_cadres,
)


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _require_status(case: Case, allowed: Sequence[str]) -> None:
    if case.status not in allowed:
        raise ActionError(
            _("Vụ việc đang ở trạng thái “%(s)s”, không thực hiện được thao tác này.")
            % {"s": case.get_status_display()},
            code="wrong_status",
            status=409,
        )


def _log(action: str, case: Case, acting_user: Actor, before: dict, **extra: Any) -> None:
    audit.record(
        f"petitions.{action}",
        actor=acting_user,
        unit=case.unit,
        obj=case,
        before=before,
        after={**snapshot(case), **extra},
    )


@transaction.atomic
def do_assign_handlers(case: Case, *, acting_user: Actor, handlers: Sequence[Any]) -> Case:
    """Name the cadres who handle the case (and alone see a sealed submitter's identity); they are notified."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    allowed = {u.pk for u in unit_cadres(case.unit_id)}
    people = list(handlers)
    if not people:
        raise ActionError(_("Chọn ít nhất một cán bộ xử lý."), field="handlers")
    for user in people:
        if user.pk not in allowed:
            raise ActionError(_("Người xử lý phải là cán bộ của đơn vị tiếp nhận."), field="handlers")
    before = {"handlers": sorted(case.handlers.values_list("pk", flat=True))}
    newly = [u for u in people if u.pk not in before["handlers"]]
    case.handlers.set(people)
    audit.record(
        "petitions.assign_handlers",
        actor=acting_user,
        unit=case.unit,
        obj=case,
        before=before,
        after={"handlers": sorted(u.pk for u in people)},
    )
    notify(
        newly,
        ASSIGNED,
        _("Bạn được giao xử lý vụ việc %(c)s") % {"c": case.display_code},
        case_url(case),
        case,
    )
    return case


@transaction.atomic
def do_classify_case(
    case: Case,
    *,
    acting_user: Actor,
    kind: str,
    field: Field | None,
    urgency: str = Urgency.NORMAL,
    summary: str = "",
) -> Case:
    """Settle the kind, field and urgency; a denunciation is sealed from here on."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.RECEIVED, Status.CLASSIFIED])
    if kind not in Kind.values:
        raise ActionError(_("Chọn loại: ý kiến, kiến nghị, phản ánh, khiếu nại hoặc tố cáo."), field="kind")
    if urgency not in Urgency.values:
        raise ActionError(_("Mức độ không hợp lệ."), field="urgency")
    if field is None:
        raise ActionError(_("Chọn lĩnh vực."), field="field")
    if kind in (Kind.COMPLAINT, Kind.DENUNCIATION) and case.submitters.filter(anonymous=True).exists():
        raise ActionError(
            _("Đơn ẩn danh không xử lý là khiếu nại, tố cáo; hãy phân loại là phản ánh."), field="kind"
        )
    before = snapshot(case)
    case.kind, case.field, case.urgency = kind, field, urgency
    if summary.strip():
        case.summary = nfc(summary)[:300]
    if kind == Kind.DENUNCIATION:
        case.sealed, case.allow_publish = True, False
    case.status = Status.CLASSIFIED
    # The initial handling (classify, then forward or answer) keeps the deadline counted from receipt.
    case.due_on = due(case, Stage.CLASSIFY, case.received_on)
    case.save()
    _log("classify_case", case, acting_user, before)
    return case


@transaction.atomic
def do_forward_case(case: Case, *, acting_user: Actor, agency: Agency, forwarded_on: dt.date) -> Case:
    """Send the case to the competent body of the unit's directory; the body's answer deadline starts."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.CLASSIFIED])
    if agency.unit_id != case.unit_id or not agency.active:
        raise ActionError(
            _("%(a)s không có trong danh bạ cơ quan của %(u)s.") % {"a": agency.name, "u": case.unit.name},
            field="agency",
        )
    check_date(forwarded_on, field="forwarded_on", not_before=case.received_on)
    before = snapshot(case)
    case.agency, case.forwarded_on, case.status = agency, forwarded_on, Status.FORWARDED
    case.stage_started_on = forwarded_on
    case.answer_due_on = case.due_on = due(case, Stage.ANSWER, forwarded_on)
    case.save()
    _log("forward_case", case, acting_user, before)
    return case


@transaction.atomic
def do_record_answer(
    case: Case,
    *,
    acting_user: Actor,
    text: str,
    answered_on: dt.date,
    documents: Sequence[UploadedFile],
    reference: str = "",
    by_front: bool = False,
) -> Case:
    """Record the body's (or the Front's own) answer: its text and its document are both required."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.CLASSIFIED, Status.FORWARDED] if by_front else [Status.FORWARDED])
    text = nfc(text)
    if len(text) < 10:
        raise ActionError(
            _("Ghi nội dung trả lời (không chấp nhận trả lời chung chung, không có nội dung)."), field="text"
        )
    if not documents:
        raise ActionError(_("Đính kèm văn bản hoặc ảnh chụp văn bản trả lời."), field="documents")
    checked = check_uploads(documents)
    start = case.forwarded_on or case.received_on
    check_date(answered_on, field="answered_on", not_before=start)
    before = snapshot(case)
    if by_front and case.status == Status.CLASSIFIED:
        case.answer_due_on = case.due_on
        case.agency = None
    case.answered_by_front = by_front and case.agency_id is None
    case.answer_text, case.answered_on, case.answer_reference = text, answered_on, nfc(reference)[:120]
    case.status, case.stage_started_on = Status.ANSWERED, answered_on
    case.due_on = due(case, Stage.INFORM, answered_on)
    case.save()
    save_uploads(case, checked, Attachment.Role.ANSWER)
    _log("record_answer", case, acting_user, before)
    notify(
        recipients(case),
        ANSWERED,
        _("Vụ việc %(c)s đã có trả lời") % {"c": case.display_code},
        case_url(case),
        case,
    )
    return case


@transaction.atomic
def do_inform_citizen(case: Case, *, acting_user: Actor, informed_on: dt.date) -> Case:
    """Record that the citizen was told the answer."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.ANSWERED])
    check_date(informed_on, field="informed_on", not_before=case.answered_on)
    before = snapshot(case)
    case.informed_on, case.status, case.due_on = informed_on, Status.INFORMED, None
    case.save()
    _log("inform_citizen", case, acting_user, before)
    return case


@transaction.atomic
def do_close_case(case: Case, *, acting_user: Actor) -> Case:
    """Close a case whose answer the citizen has been told."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.INFORMED])
    before = snapshot(case)
    case.status, case.closed_on, case.due_on = Status.CLOSED, today(), None
    case.save()
    _log("close_case", case, acting_user, before)
    return case


@transaction.atomic
def do_reopen_case(case: Case, *, acting_user: Actor, reason: str) -> Case:
    """Re-open an answered case (the citizen is not satisfied): back to handling, a new deadline."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.ANSWERED, Status.INFORMED, Status.CLOSED])
    reason = nfc(reason)
    if not reason:
        raise ActionError(_("Ghi lý do mở lại (ví dụ: người dân chưa đồng ý với trả lời)."), field="reason")
    before = snapshot(case)
    case.status, case.reopen_count = Status.CLASSIFIED, case.reopen_count + 1
    case.stage_started_on = today()
    case.due_on = due(case, Stage.CLASSIFY, case.stage_started_on)
    case.informed_on = case.closed_on = None
    case.published = False
    case.save()
    _log("reopen_case", case, acting_user, before, reason=reason)
    notify(
        recipients(case),
        CITIZEN_REPLY,
        _("Vụ việc %(c)s được mở lại") % {"c": case.display_code},
        case_url(case),
        case,
    )
    return case


@transaction.atomic
def do_escalate_case(case: Case, *, acting_user: Actor, reason: str) -> Case:
    """Hand the case to the level above (beyond the unit's competence, or unresolved): a new case there."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, OPEN_STATUSES)
    parent = case.unit.parent
    if parent is None or not parent.is_open:
        raise ActionError(_("Đơn vị không có cấp trên để chuyển."), status=409)
    reason = nfc(reason)
    if not reason:
        raise ActionError(_("Ghi lý do chuyển lên cấp trên."), field="reason")
    upper = Case.objects.create(
        unit=parent,
        province_key=parent.province_key,
        kind=case.kind,
        urgency=case.urgency,
        field=case.field,
        channel=case.channel,
        summary=case.summary,
        text=f"{case.text}\n\n[{_('Chuyển từ %(u)s: %(r)s') % {'u': case.unit.name, 'r': reason}}]",
        address=case.address,
        received_on=today(),
        sealed=case.sealed,
        status=Status.RECEIVED,
        stage_started_on=today(),
        allow_publish=case.allow_publish,
        escalated_from=case,
    )
    upper.due_on = due(upper, Stage.CLASSIFY, upper.received_on)
    upper.save(update_fields=["due_on"])
    for person in case.submitters.all():
        Submitter.objects.create(
            case=upper,
            anonymous=person.anonymous,
            full_name=person.full_name,
            phone=person.phone,
            email=person.email,
            address=person.address,
            added_on=upper.received_on,
        )
    for att in case.attachments.all():
        Attachment.objects.create(
            case=upper,
            role=att.role,
            file=att.file.name,
            name=att.name,
            content_type=att.content_type,
            size=att.size,
        )
    before = snapshot(case)
    case.status, case.due_on = Status.ESCALATED, None
    case.save(update_fields=["status", "due_on"])
    _log("escalate_case", case, acting_user, before, reason=reason, escalated_to=upper.display_code)
    audit.record(
        "petitions.receive_escalated", actor=acting_user, unit=parent, obj=upper, after=snapshot(upper)
    )
    notify(
        unit_cadres(parent.pk),
        ASSIGNED,
        _("%(u)s chuyển lên vụ việc %(c)s") % {"u": case.unit.name, "c": upper.display_code},
        case_url(upper),
        upper,
    )
    return upper


@transaction.atomic
def do_reveal_identity(case: Case, *, acting_user: Actor) -> list[Submitter]:
    """Show a case's submitters; for a sealed case only to its assigned handlers, and every view audited."""
    refusal = _("Danh tính người tố cáo được bảo mật: chỉ cán bộ được giao xử lý vụ việc mới xem được.")
    authorize(acting_user, "petitions.view_identity", case, message=refusal)
    if case.sealed and not is_system(acting_user) and not may_see_identity(acting_user, case):
        # A superuser holds every Django permission; the seal is the law's, so it is checked on its own.
        raise PermissionDenied(refusal)
    people = list(case.submitters.all())
    if case.sealed:
        audit.record(
            "petitions.view_sealed_identity",
            actor=acting_user,
            unit=case.unit,
            obj=case,
            summary=_("Xem danh tính người gửi (bảo mật) của vụ việc %(c)s") % {"c": case.display_code},
        )
    return people


PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def personal_data_in(text: str, people: Sequence[Submitter]) -> list[str]:
    """What in a text would identify a submitter: a phone number, an e-mail, a submitter's name."""
    found = []
    if PHONE.search(text):
        found.append(_("số điện thoại"))
    if EMAIL.search(text):
        found.append(_("thư điện tử"))
    folded = text.casefold()
    if any(p.full_name and p.full_name.casefold() in folded for p in people):
        found.append(_("họ tên người gửi"))
    return found


@transaction.atomic
def do_publish_case(case: Case, *, acting_user: Actor, public_summary: str) -> Case:
    """Publish an answered matter on the portal, in words without the submitters' personal data."""
    authorize(acting_user, "petitions.handle_case", case)
    case = _lock(case)
    _require_status(case, [Status.ANSWERED, Status.INFORMED, Status.CLOSED])
    if case.sealed or not case.allow_publish:
        raise ActionError(
            _("Người gửi không đồng ý công khai (hoặc là đơn tố cáo): không công khai được."), status=409
        )
    public_summary = nfc(public_summary)
    if len(public_summary) < 10:
        raise ActionError(_("Ghi nội dung công khai."), field="public_summary")
    leaks = personal_data_in(f"{public_summary}\n{case.answer_text}", list(case.submitters.all()))
    if leaks:
        raise ActionError(
            _("Nội dung công khai hoặc trả lời còn thông tin cá nhân: %(x)s. Hãy bỏ đi.")
            % {"x": ", ".join(leaks)},
            field="public_summary",
        )
    before = snapshot(case)
    case.public_summary, case.published = public_summary, True
    case.save(update_fields=["public_summary", "published"])
    _log("publish_case", case, acting_user, before)
    return case


@transaction.atomic
def do_rate_answer(case: Case, *, acting_user: Actor, satisfied: bool, comment: str = "") -> Case:
    """The citizen's rating of the answer (by tracking code, no account); the handlers are notified."""
    authorize(acting_user, "petitions.submit_public", case)
    case = _lock(case)
    _require_status(case, [Status.ANSWERED, Status.INFORMED, Status.CLOSED])
    comment = nfc(comment)[:2000]
    if not satisfied and len(comment) < 5:
        raise ActionError(_("Cho biết vì sao chưa hài lòng để cán bộ xem xét lại."), field="comment")
    before = snapshot(case)
    case.satisfied, case.citizen_comment = satisfied, comment
    case.save(update_fields=["satisfied", "citizen_comment"])
    _log("rate_answer", case, acting_user, before)
    title = (
        _("Người dân hài lòng với trả lời vụ việc %(c)s")
        if satisfied
        else _("Người dân chưa hài lòng với trả lời vụ việc %(c)s")
    ) % {"c": case.display_code}
    notify(recipients(case), CITIZEN_REPLY, title, case_url(case), case)
    return case


@transaction.atomic
def do_set_deadline_rule(
    rule: DeadlineRule, *, acting_user: Actor, working_days: int, legal_basis: str
) -> DeadlineRule:
    """Change a deadline rule (cases already running keep their deadline)."""
    authorize(acting_user, "petitions.manage_rules")
    if not 1 <= working_days <= 90:
        raise ActionError(_("Số ngày làm việc từ 1 đến 90."), field="working_days")
    legal_basis = nfc(legal_basis)[:400]
    if not legal_basis:
        raise ActionError(_("Ghi căn cứ pháp lý."), field="legal_basis")
    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    before = audit.snapshot(rule)
    rule.working_days, rule.legal_basis = working_days, legal_basis
    rule.save()
    audit.record(
        "petitions.set_deadline_rule", actor=acting_user, obj=rule, before=before, after=audit.snapshot(rule)
    )
    return rule


@transaction.atomic
def do_send_deadline_reminders(*, acting_user: Actor, on: dt.date | None = None) -> int:
    """Notify the handlers of cases due within 2 working days and of cases overdue (the daily command petitions-reminders)."""
    authorize(acting_user, "petitions.manage_rules")
    day = on or today()
    soon = add_working_days(day, 2)
    sent = 0
    open_cases = Case.objects.open().filter(due_on__isnull=False, due_on__lte=soon).select_related("unit")
    for case in open_cases.iterator():
        overdue = case.due_on is not None and case.due_on < day
        kind = OVERDUE if overdue else DUE_SOON
        title = (
            _("Vụ việc %(c)s quá hạn từ %(d)s") if overdue else _("Vụ việc %(c)s đến hạn ngày %(d)s")
        ) % {"c": case.display_code, "d": f"{case.due_on:%d/%m/%Y}"}
        sent += len(notify(recipients(case), kind, title, case_url(case), case))
    audit.record("petitions.send_deadline_reminders", actor=acting_user, summary=f"{day:%d/%m/%Y}: {sent}")
    return sent
