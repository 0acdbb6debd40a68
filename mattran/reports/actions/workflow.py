"""The report workflow: a draft is submitted to the level above, which approves or returns it; an approved
report is locked until the approving level re-opens it, with a reason on record."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..cells import missing_cells
from ..models import EDITABLE_STATES, Submission, SubmissionState
from .derived import refresh_computed
from .entry import lock_submission


def _transition(
    submission: Submission, state: str, *, acting_user: Actor, action: str, summary: str, **fields: Any
) -> Submission:
    before = audit.snapshot(submission, ["state", "comment"])
    submission.state = state
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.save()
    audit.record(
        action,
        actor=acting_user,
        unit=submission.unit,
        obj=submission,
        before=before,
        after=audit.snapshot(submission, ["state", "comment"]),
        summary=summary,
    )
    return submission


def _decided(acting_user: Actor, comment: str) -> dict[str, Any]:
    return {"comment": nfc(comment), "decided_at": timezone.now(), "decided_by": user_or_none(acting_user)}


@transaction.atomic
def do_submit_submission(submission: Submission, *, acting_user: Actor) -> Submission:
    """Send a complete draft (or a returned report) to the level above."""
    authorize(
        acting_user, "reports.submit", submission, message=_("Bạn không có quyền gửi báo cáo của đơn vị này.")
    )
    submission = lock_submission(submission)
    if submission.state not in EDITABLE_STATES:
        raise ActionError(_("Báo cáo đã được gửi."), code="already_submitted", status=409)
    refresh_computed(submission)
    missing = missing_cells(submission)
    if missing:
        raise ActionError(
            _("Còn %(count)s số liệu chưa nhập: %(missing)s.")
            % {"count": len(missing), "missing": ", ".join(missing[:5]) + ("…" if len(missing) > 5 else "")},
            code="incomplete",
            details=[{"field": None, "message": m} for m in missing],
        )
    return _transition(
        submission,
        SubmissionState.SUBMITTED,
        acting_user=acting_user,
        action="reports.submit",
        summary=f"Gửi {submission.form.code} {submission.period.label}",
        submitted_at=timezone.now(),
        submitted_by=user_or_none(acting_user),
    )


@transaction.atomic
def do_approve_submission(submission: Submission, *, acting_user: Actor, comment: str = "") -> Submission:
    """Approve a submitted report from the level above; its figures are locked from then on."""
    authorize(
        acting_user,
        "reports.approve",
        submission,
        message=_("Chỉ đơn vị cấp trên trực tiếp được duyệt báo cáo."),
    )
    submission = lock_submission(submission)
    if submission.state != SubmissionState.SUBMITTED:
        raise ActionError(
            _("Chỉ duyệt được báo cáo đã gửi và đang chờ duyệt."), code="not_submitted", status=409
        )
    return _transition(
        submission,
        SubmissionState.APPROVED,
        acting_user=acting_user,
        action="reports.approve",
        summary=f"Duyệt {submission.form.code} {submission.period.label} của {submission.unit.name}",
        **_decided(acting_user, comment),
    )


@transaction.atomic
def do_return_submission(submission: Submission, *, acting_user: Actor, comment: str) -> Submission:
    """Send a submitted report back to its unit with a comment saying what to fix."""
    authorize(
        acting_user,
        "reports.approve",
        submission,
        message=_("Chỉ đơn vị cấp trên trực tiếp được trả lại báo cáo."),
    )
    submission = lock_submission(submission)
    if submission.state != SubmissionState.SUBMITTED:
        raise ActionError(_("Chỉ trả lại được báo cáo đang chờ duyệt."), code="not_submitted", status=409)
    if not nfc(comment):
        raise ActionError(_("Ghi rõ lý do trả lại để đơn vị sửa."), field="comment")
    return _transition(
        submission,
        SubmissionState.RETURNED,
        acting_user=acting_user,
        action="reports.return",
        summary=f"Trả lại {submission.form.code} {submission.period.label} của {submission.unit.name}",
        **_decided(acting_user, comment),
    )


@transaction.atomic
def do_reopen_submission(submission: Submission, *, acting_user: Actor, reason: str) -> Submission:
    """Unlock an approved report for correction; only the approving level may, with a reason on record."""
    authorize(
        acting_user,
        "reports.reopen",
        submission,
        message=_("Chỉ đơn vị cấp trên đã duyệt mới mở lại được báo cáo."),
    )
    submission = lock_submission(submission)
    if submission.state != SubmissionState.APPROVED:
        raise ActionError(_("Chỉ mở lại được báo cáo đã duyệt."), code="not_approved", status=409)
    if not nfc(reason):
        raise ActionError(_("Ghi rõ lý do mở lại báo cáo."), field="reason")
    return _transition(
        submission,
        SubmissionState.RETURNED,
        acting_user=acting_user,
        action="reports.reopen",
        summary=f"Mở lại {submission.form.code} {submission.period.label} của {submission.unit.name}: {nfc(reason)}",
        **_decided(acting_user, reason),
    )
