"""Opening a unit's report for a form and period, and entering its figures."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.org.history import require_open_during
from mattran.org.models import Unit

from .. import periods as P
from ..cells import CellKey, entered_figures, validate_cells
from ..models import EDITABLE_STATES, ReportForm, Submission
from .derived import refresh_computed, write_cells


def _check_period(form: ReportForm, period: P.Period, unit: Unit) -> None:
    if period.kind != form.period_kind:
        raise ActionError(_("Kỳ báo cáo không khớp với biểu mẫu."), field="period")
    if period.start > timezone.localdate():
        raise ActionError(_("Chưa đến kỳ báo cáo này."), code="future_period", field="period")
    if not form.levels.filter(pk=unit.level_id).exists():
        raise ActionError(
            _("%(unit)s không thuộc cấp báo cáo biểu mẫu này.") % {"unit": unit.name}, field="unit"
        )
    require_open_during(unit, period.start, period.end, field="period")


def lock_submission(submission: Submission) -> Submission:
    """Re-read a submission under its row lock, so two people cannot race on one report."""
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("form", "unit", "unit__level")
        .get(pk=submission.pk)
    )


@transaction.atomic
def do_open_submission(*, acting_user: Actor, form: ReportForm, unit: Unit, period: P.Period) -> Submission:
    """Return the unit's report for a form and period, creating the draft if there is none."""
    authorize(acting_user, "reports.view", unit, message=_("Bạn không có quyền xem báo cáo của đơn vị này."))
    existing = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if existing is not None:
        return existing
    authorize(acting_user, "reports.enter", unit, message=_("Bạn không có quyền lập báo cáo cho đơn vị này."))
    _check_period(form, period, unit)
    submission, created = Submission.objects.get_or_create(
        form=form, unit=unit, period_start=period.start, defaults={"province_key": unit.province_key}
    )
    if created:
        # The figures other modules keep are there from the start, not only after the first save.
        refresh_computed(submission)
        audit.record(
            "reports.open_submission",
            actor=acting_user,
            unit=unit,
            obj=submission,
            after={"form": form.code, "period": period.key},
            summary=f"Lập {form.code} {period.label}",
        )
    return submission


@transaction.atomic
def do_save_values(
    submission: Submission,
    *,
    acting_user: Actor,
    cells: Mapping[CellKey, object],
    notes: Mapping[str, str] | None = None,
) -> int:
    """Validate and store a unit's figures for a draft or returned report; return how many changed."""
    authorize(
        acting_user,
        "reports.enter",
        submission,
        message=_("Bạn không có quyền nhập số liệu cho đơn vị này."),
    )
    submission = lock_submission(submission)
    if submission.state not in EDITABLE_STATES:
        raise ActionError(
            _("Báo cáo đang ở trạng thái “%(state)s” nên không sửa được số liệu.")
            % {"state": submission.get_state_display()},
            code="locked",
            status=409,
        )
    notes = notes or {}
    parsed, errors = validate_cells(submission.form, submission.unit, submission.period, cells, notes)
    if errors:
        raise ActionError(
            ngettext(
                "Có %(count)s lỗi trong số liệu; chưa lưu gì.",
                "Có %(count)s lỗi trong số liệu; chưa lưu gì.",
                len(errors),
            )
            % {"count": len(errors)},
            code="invalid_values",
            details=errors,
        )
    changed = write_cells(submission, parsed, notes)
    refresh_computed(submission)
    Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    audit.record(
        "reports.save_values",
        actor=acting_user,
        unit=submission.unit,
        obj=submission,
        after=entered_figures(parsed.items()),
        summary=f"Nhập {changed} số liệu {submission.form.code} {submission.period.label}",
    )
    return changed
