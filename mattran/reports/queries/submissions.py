"""The reads of one unit's values and of the reporting around them: the forms a unit reports, the children
that report to it, completeness by status, a submission's history and the approvals waiting."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from mattran.core.models import AuditEntry
from mattran.org.models import Unit
from mattran.org.queries import children as unit_children

from .. import periods as P
from ..models import (
    Indicator,
    ReportForm,
    Submission,
    SubmissionState,
    Value,
)

# --- values of one unit ----------------------------------------------------------------------------------


def unit_values(
    unit: Unit, indicators: Iterable[Indicator], period: P.Period
) -> dict[tuple[int, str], Value]:
    """The stored values of one unit for one period (at each indicator's native kind)."""
    inds = [i for i in indicators if not i.is_ratio]
    if not inds:
        return {}
    qs = Value.objects.filter(
        unit=unit, indicator__in=inds, period_kind=period.kind, period_start=period.start
    ).only("indicator_id", "breakdown", "value", "source", "note")
    return {(v.indicator_id, v.breakdown): v for v in qs}


def previous_values(unit: Unit, indicators: Iterable[Indicator], period: P.Period) -> dict[int, int]:
    """The previous period's total per indicator, to flag outliers."""
    prev = period.previous()
    rows = (
        Value.objects.filter(unit=unit, indicator__in=list(indicators), period_kind=prev.kind,
                             period_start=prev.start)
        .values("indicator_id")
        .annotate(total=Sum("value"))
    )  # fmt: skip
    return {r["indicator_id"]: r["total"] for r in rows}


# --- forms, submissions, completeness ---------------------------------------------------------------------


def forms_for_unit(unit: Unit) -> QuerySet[ReportForm]:
    """The active forms the unit's level reports."""
    return ReportForm.objects.filter(is_active=True, levels=unit.level).order_by("code")


def reporting_children(unit: Unit, form: ReportForm) -> list[Unit]:
    """The open child units whose level reports the form, in name order."""
    level_ids = set(form.levels.values_list("pk", flat=True))
    kids = unit_children(unit).filter(level_id__in=level_ids).order_by("sort_name")
    return list(kids)


@dataclass
class CompletenessRow:
    unit: Unit
    submission: Submission | None
    status: str  # approved, submitted, late, returned, draft, missing, not_due

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {
    "approved": _("Đã duyệt"),
    "submitted": _("Đã gửi, chờ duyệt"),
    "late": _("Nộp muộn"),
    "returned": _("Bị trả lại"),
    "draft": _("Đang soạn"),
    "missing": _("Chưa nộp, quá hạn"),
    "not_due": _("Chưa đến hạn"),
}


def status_of(submission: Submission | None, deadline: dt.date, today: dt.date) -> str:
    if submission is None or submission.state in (SubmissionState.DRAFT, SubmissionState.RETURNED):
        if today > deadline:
            return "missing"
        if submission is None:
            return "not_due"
        return "returned" if submission.state == SubmissionState.RETURNED else "draft"
    if submission.submitted_at and submission.submitted_at.date() > deadline:
        return "late" if submission.state == SubmissionState.SUBMITTED else "approved"
    return "approved" if submission.state == SubmissionState.APPROVED else "submitted"


def completeness(unit: Unit, form: ReportForm, period: P.Period, today: dt.date) -> list[CompletenessRow]:
    """Which child units have submitted a form for a period, late or not at all."""
    kids = reporting_children(unit, form)
    subs = {
        s.unit_id: s
        for s in Submission.objects.filter(
            form=form, period_start=period.start, unit__in=kids
        ).select_related("submitted_by")
    }
    deadline = form.deadline(period)
    return [CompletenessRow(k, subs.get(k.pk), status_of(subs.get(k.pk), deadline, today)) for k in kids]


def submission_history(sub: Submission) -> QuerySet[AuditEntry]:
    """The last changes of a report, from the audit log."""
    ct = ContentType.objects.get_for_model(Submission)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(sub.pk)).select_related("actor")[:20]


def pending_approvals(unit: Unit) -> QuerySet[Submission]:
    """Submissions of the unit's children waiting for its approval."""
    return (
        Submission.objects.filter(state=SubmissionState.SUBMITTED, unit__parent=unit)
        .select_related("form", "unit")
        .order_by("period_start", "unit__sort_name")
    )


def counts_by_status(rows: Sequence[CompletenessRow]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for row in rows:
        out[row.status] += 1
    return dict(out)
