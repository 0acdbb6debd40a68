"""The narrative of a unit's 6-month (sơ kết) and year-end (tổng kết) report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import paragraphs
from mattran.org.models import Unit

from .. import periods as P
from ..models import ReviewReport

REVIEW_FIELDS = (
    "number",
    "place",
    "date",
    "form",
    "results",
    "shortcomings",
    "tasks",
    "signer_title",
    "signer_name",
)


def _clean_review(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ActionError(_("Trường không hợp lệ: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    out = {name: paragraphs(value) if isinstance(value, str) else value for name, value in fields.items()}
    if isinstance(out.get("date"), str):
        try:
            out["date"] = dt.date.fromisoformat(out["date"]) if out["date"] else None
        except ValueError as exc:
            raise ActionError(_("Ngày ban hành không hợp lệ."), field="date") from exc
    return out


@transaction.atomic
def do_save_review_report(*, acting_user: Actor, unit: Unit, period: P.Period, **fields: Any) -> ReviewReport:
    """Create or update the narrative of a unit's 6-month or year-end report."""
    authorize(
        acting_user,
        "reports.write_review",
        unit,
        message=_("Bạn không có quyền soạn báo cáo của đơn vị này."),
    )
    if period.kind not in (P.HALF, P.YEAR):
        raise ActionError(_("Báo cáo sơ kết theo 6 tháng, tổng kết theo năm."), field="period")
    data = _clean_review(fields)
    report, created = ReviewReport.objects.select_for_update().get_or_create(
        unit=unit, kind=period.kind, period_start=period.start
    )
    before = None if created else audit.snapshot(report)
    for name, value in data.items():
        setattr(report, name, value)
    report.save()
    audit.record(
        "reports.save_review",
        actor=acting_user,
        unit=unit,
        obj=report,
        before=before,
        after=audit.snapshot(report),
        summary=f"Soạn {report.get_kind_display().lower()} {period.label}",
    )
    return report
