"""The recommendations of a supervision activity: making one to a competent body, recording its answer,
closing it."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.uploads import check_document
from mattran.core.workdays import add_working_days
from mattran.org.models import Agency, Unit, UnitClosure

from ...models import ActivityStatus, Finding, Recommendation, RecommendationStatus, SupervisionActivity
from ..common import field_text, log, valid_date
from .base import _lock_activity

MAX_WORKING_DAYS = 90  # beyond any legal answer period; a typo of 300 is refused rather than tracked a year

# --- recommendations -----------------------------------------------------------------------------------------


def _working_days(value: object) -> int:
    if value in (None, ""):
        raise ActionError(_("Nhập thời hạn trả lời (số ngày làm việc)."), field="working_days")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        raise ActionError(_("Thời hạn trả lời phải là số ngày làm việc."), field="working_days")
    days = int(str(value).strip())
    if not 1 <= days <= MAX_WORKING_DAYS:
        raise ActionError(
            _("Thời hạn trả lời từ 1 đến %(max)s ngày làm việc.") % {"max": MAX_WORKING_DAYS},
            field="working_days",
        )
    return days


def _agency_in_reach(agency: Agency, unit: Unit) -> bool:
    """The body is in the directory of the unit or of a unit above it (a ward may address the district)."""
    return (
        agency.unit_id == unit.pk
        or UnitClosure.objects.filter(
            ancestor_id=agency.unit_id, descendant_id=unit.pk, valid_to__isnull=True
        ).exists()
    )


@transaction.atomic
def do_make_recommendation(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    content: str,
    addressee: str,
    working_days: int | str | None,
    issued_on: dt.date,
    finding: Finding | None = None,
    agency: Agency | None = None,
) -> Recommendation:
    """Recommend to a named body, due ``working_days`` working days (weekends and holidays skipped) after issue."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    if activity.status not in (ActivityStatus.UNDER_WAY, ActivityStatus.CONCLUDED):
        raise ActionError(
            _("Kiến nghị được đưa ra khi đã làm việc với đối tượng giám sát."), code="too_early", status=409
        )
    text = field_text(Recommendation, "content", content, required=_("Nhập nội dung kiến nghị."))
    if agency is not None:
        if not agency.active or not _agency_in_reach(agency, activity.unit):
            raise ActionError(
                _("Cơ quan này không có trong danh bạ của đơn vị hoặc cấp trên."), field="agency"
            )
        addressee = addressee or agency.name
    body = field_text(
        Recommendation, "addressee", addressee, required=_("Nhập cơ quan phải trả lời kiến nghị.")
    )
    days = _working_days(working_days)
    day = valid_date(issued_on, field="issued_on", message=_("Nhập ngày gửi kiến nghị."))
    if finding is not None and finding.activity_id != activity.pk:
        raise ActionError(_("Kết quả giám sát không thuộc hoạt động này."), field="finding")
    rec = Recommendation.objects.create(
        activity=activity,
        unit=activity.unit,
        finding=finding,
        agency=agency,
        content=text,
        addressee=body,
        working_days=days,
        issued_on=day,
        due_on=add_working_days(day, days),
    )
    log("make_recommendation", rec, acting_user, f"Kiến nghị {body}: hạn {rec.due_on:%d/%m/%Y}",
        after=audit.snapshot(rec))  # fmt: skip
    return rec


@transaction.atomic
def do_answer_recommendation(
    rec: Recommendation,
    *,
    acting_user: Actor,
    answered_on: dt.date,
    answer: str,
    answer_number: str = "",
    file: UploadedFile | None = None,
) -> Recommendation:
    """Record the body's answer (with its document); a late answer stays counted as late."""
    authorize(acting_user, "oversight.manage", rec)
    rec = lock(rec, related=["unit"])
    if rec.status != RecommendationStatus.OPEN:
        raise ActionError(
            _("Kiến nghị này đã được trả lời hoặc đã kết thúc theo dõi; không ghi thêm câu trả lời."),
            code="not_open",
            status=409,
        )
    day = valid_date(answered_on, field="answered_on", message=_("Nhập ngày trả lời."))
    if day < rec.issued_on:
        raise ActionError(_("Ngày trả lời không thể trước ngày gửi kiến nghị."), field="answered_on")
    text = field_text(Recommendation, "answer", answer, required=_("Nhập nội dung trả lời."))
    checked = check_document(file, kind="attachment") if file is not None else None
    before = audit.snapshot(rec, ["status", "answered_on", "answer", "answer_number"])
    rec.status = RecommendationStatus.ANSWERED
    rec.answered_on, rec.answer = day, text
    rec.answer_number = field_text(Recommendation, "answer_number", answer_number)
    if checked is not None and file is not None:
        name, ext, _content_type = checked
        rec.answer_file.save(f"{rec.pk}{ext}", file, save=False)
        rec.answer_file_name = name
    rec.save()
    late = _(" (quá hạn)") if rec.answered_late else ""
    log("answer_recommendation", rec, acting_user, f"{rec.addressee} trả lời kiến nghị{late}", before=before,
        after=audit.snapshot(rec, ["status", "answered_on", "answer", "answer_number"]))  # fmt: skip
    return rec


@transaction.atomic
def do_close_recommendation(rec: Recommendation, *, acting_user: Actor, note: str = "") -> Recommendation:
    """Stop tracking a recommendation (resolved, or carried into a follow-up supervision)."""
    authorize(acting_user, "oversight.manage", rec)
    rec = lock(rec, related=["unit"])
    if rec.status == RecommendationStatus.CLOSED:
        raise ActionError(_("Kiến nghị đã kết thúc theo dõi."), code="closed", status=409)
    note = field_text(Recommendation, "closed_note", note, field="note")
    if rec.status == RecommendationStatus.OPEN and not note:
        raise ActionError(_("Kiến nghị chưa được trả lời: ghi lý do kết thúc theo dõi."), field="note")
    before = audit.snapshot(rec, ["status", "closed_note"])
    rec.status, rec.closed_note = RecommendationStatus.CLOSED, note
    rec.save(update_fields=["status", "closed_note"])
    log("close_recommendation", rec, acting_user, "Kết thúc theo dõi kiến nghị", before=before,
        after=audit.snapshot(rec, ["status", "closed_note"]))  # fmt: skip
    return rec
