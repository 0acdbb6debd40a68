"""Every change to reports: entering values, the submit → approve / return → re-open workflow, narratives.

Each action checks the caller's right, locks the submission row so two people cannot race on it, validates
everything before writing anything, and writes one audit record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mattran.core import audit
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.text import nfc
from mattran.org.models import Unit

from . import periods as P
from . import queries, registry
from .models import (
    EDITABLE_STATES,
    Indicator,
    IndicatorRule,
    ReportForm,
    ReviewReport,
    Source,
    Submission,
    SubmissionState,
    Value,
)

OUTLIER_FACTOR = 3
OUTLIER_FLOOR = 10  # below this a previous figure is too small to judge a jump by

CellKey = tuple[str, str]  # (indicator code, breakdown option code or "")


def _require(user, perm: str, obj, message: str) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def parse_number(raw, indicator: Indicator) -> int | None:
    """Read a figure typed the Vietnamese way ("1.800.000", "12,5") into the stored integer; None if blank."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(_("không phải là số"))
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float | Decimal):
        number = Decimal(str(raw))
    else:
        text = nfc(str(raw)).replace(" ", "").replace("\u00a0", "")
        if text == "":
            return None
        if indicator.decimals == 0:
            # Dots and commas are thousands separators in whole numbers: "1.800.000" or "1,800,000".
            if not re.fullmatch(r"-?\d{1,3}([.,]\d{3})*|-?\d+", text):
                raise ValueError(_("không phải là số nguyên"))
            text = text.replace(".", "").replace(",", "")
        else:
            if not re.fullmatch(r"-?\d+([.,]\d+)?", text):
                raise ValueError(_("không phải là số"))
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("không phải là số")) from exc
    if indicator.decimals == 0 and number != number.to_integral_value():
        raise ValueError(_("phải là số nguyên"))
    return indicator.to_stored(number)


def form_cells(form: ReportForm) -> list[tuple[Indicator, str, str]]:
    """(indicator, breakdown option code, option name) for every enterable cell of a form, in order."""
    out = []
    for ind in queries.form_indicators(form):
        if not ind.is_entered:
            continue
        if ind.breakdown_id:
            for opt in ind.breakdown.options.all():
                out.append((ind, opt.code, opt.name))
        else:
            out.append((ind, "", ""))
    return out


def validate_cells(
    form: ReportForm,
    unit: Unit,
    period: P.Period,
    raw: Mapping[CellKey, object],
    notes: Mapping[str, str],
    *,
    where=lambda ind, bd: f"v__{ind.code}__{bd}",
    note_where=lambda ind: f"note__{ind.code}",
) -> tuple[dict[tuple[Indicator, str], int | None], list[dict]]:
    """Parse and check a unit's figures for one period; return the cells and the list of errors.

    ``where`` names the place of a cell in error messages (a form field, or a sheet cell such as "C7").
    """
    errors: list[dict] = []
    cells: dict[tuple[Indicator, str], int | None] = {}
    inds: dict[str, Indicator] = {}
    derived = {ind.code: ind for ind in queries.form_indicators(form) if not ind.is_entered}
    for code, bd in raw:
        ind = derived.get(code)
        if ind is not None:
            errors.append(
                {
                    "field": where(ind, bd),
                    "message": _("%(indicator)s: %(reason)s")
                    % {"indicator": ind.name, "reason": computed_reason(ind)},
                }
            )
    for ind, bd, _name in form_cells(form):
        inds[ind.code] = ind
        if (ind.code, bd) not in raw:
            continue
        place = where(ind, bd)
        try:
            stored = parse_number(raw[(ind.code, bd)], ind)
        except ValueError as exc:
            errors.append(
                {
                    "field": place,
                    "message": _("%(indicator)s: “%(value)s” %(problem)s.")
                    % {"indicator": ind.name, "value": raw[(ind.code, bd)], "problem": exc},
                }
            )
            continue
        if stored is not None:
            if ind.min_value is not None and stored < ind.min_value * ind.scale:
                errors.append(
                    {
                        "field": place,
                        "message": _("%(indicator)s: giá trị phải ≥ %(minimum)s.")
                        % {"indicator": ind.name, "minimum": ind.min_value},
                    }
                )
                continue
            if ind.max_value is not None and stored > ind.max_value:
                errors.append(
                    {
                        "field": place,
                        "message": _("%(indicator)s: giá trị vượt quá %(maximum)s.")
                        % {"indicator": ind.name, "maximum": ind.format(ind.max_value)},
                    }
                )
                continue
        cells[(ind, bd)] = stored

    totals: dict[int, int] = {}
    for (ind, _bd), stored in cells.items():
        if stored is not None:
            totals[ind.pk] = totals.get(ind.pk, 0) + stored
    by_pk = {ind.pk: ind for ind in inds.values()}
    for rule in IndicatorRule.objects.filter(left__in=by_pk, right__in=by_pk):
        left, right = totals.get(rule.left_id), totals.get(rule.right_id)
        if left is not None and right is not None and not rule.holds(left, right):
            errors.append({"field": where(by_pk[rule.left_id], ""), "message": rule.message})

    previous = queries.previous_values(unit, [by_pk[i] for i in totals], period)
    for ind_pk, total in totals.items():
        ind, before = by_pk[ind_pk], previous.get(ind_pk)
        if before is None or before < OUTLIER_FLOOR * ind.scale or ind.aggregation == "last":
            continue
        if (total > before * OUTLIER_FACTOR or total * OUTLIER_FACTOR < before) and not nfc(
            notes.get(ind.code, "")
        ):
            errors.append(
                {
                    "field": note_where(ind),
                    "message": _(
                        "%(indicator)s: %(value)s chênh lệch lớn so với kỳ trước (%(previous)s); "
                        "hãy ghi giải trình."
                    )
                    % {"indicator": ind.name, "value": ind.format(total), "previous": ind.format(before)},
                }
            )
    return cells, errors


def _write_cells(
    submission: Submission, cells: Mapping[tuple[Indicator, str], int | None], notes: Mapping[str, str]
) -> int:
    unit, period = submission.unit, submission.period
    key = queries.home_province_key(unit)
    existing = queries.unit_values(unit, {ind for ind, _ in cells}, period)
    touched: set[Indicator] = set()
    changed = 0
    for (ind, bd), stored in cells.items():
        current = existing.get((ind.pk, bd))
        note = nfc(notes.get(ind.code, ""))[:500]
        if stored is None:
            if current is not None:
                current.delete()
                touched.add(ind)
                changed += 1
            continue
        if current is None:
            Value.objects.create(
                unit=unit, indicator=ind, period_kind=period.kind, period_start=period.start, breakdown=bd,
                value=stored, source=Source.ENTERED, note=note, submission=submission, province_key=key,
            )  # fmt: skip
        elif current.value != stored or current.note != note:
            Value.objects.filter(pk=current.pk).update(value=stored, note=note, submission=submission)
        else:
            continue
        touched.add(ind)
        changed += 1
    for ind in touched:
        queries.recompute_totals(unit.pk, ind, [period], key)
    if touched:
        queries.remember_key(unit, key)
    return changed


def computed_reason(ind: Indicator) -> str:
    """Why a figure cannot be typed: where it comes from."""
    if ind.is_ratio:
        return _("là tỷ lệ, được tính tự động từ hai chỉ tiêu khác, không nhập tay.")
    comp = registry.get(ind.computed_key)
    if comp is None:
        return _("được tính tự động từ dữ liệu trên hệ thống; không nhập tay.")
    label = str(comp.label)
    return _("được tính tự động — %(source)s; không nhập tay.") % {"source": label[:1].lower() + label[1:]}


def computed_answers(submission: Submission) -> dict[Indicator, dict[str, int]]:
    """What the registered queries answer now for the computed indicators of a report (stored scale)."""
    unit, period = submission.unit, submission.period
    out: dict[Indicator, dict[str, int]] = {}
    for ind in queries.form_indicators(submission.form):
        if ind.source != Source.COMPUTED or registry.get(ind.computed_key) is None:
            continue
        answers = registry.compute(ind.computed_key, unit, period)
        out[ind] = {bd: ind.to_stored(number) for bd, number in answers.items()}
    return out


def refresh_computed(submission: Submission) -> int:
    """Store the computed indicators of a submission from the registered queries; return how many changed.

    Only the unit's own records are counted (see the modules' ``indicators.py``); roll-ups add the
    children's stored figures. A value whose query answer is unchanged is not rewritten.
    """
    unit, period = submission.unit, submission.period
    answers = computed_answers(submission)
    if not answers:
        return 0
    key = queries.home_province_key(unit)
    existing = queries.unit_values(unit, answers, period)
    count = 0
    for ind, cells in answers.items():
        changed = False
        for (ind_id, bd), current in existing.items():
            if ind_id == ind.pk and bd not in cells:
                current.delete()
                changed = True
        for bd, stored in cells.items():
            current = existing.get((ind.pk, bd))
            if current is None:
                Value.objects.create(
                    unit=unit, indicator=ind, period_kind=period.kind, period_start=period.start, breakdown=bd,
                    value=stored, source=Source.COMPUTED, submission=submission, province_key=key,
                )  # fmt: skip
            elif (current.value, current.source) != (stored, Source.COMPUTED):
                Value.objects.filter(pk=current.pk).update(
                    value=stored, source=Source.COMPUTED, submission=submission, note=""
                )
            else:
                continue
            changed = True
        if changed:
            count += 1
            queries.recompute_totals(unit.pk, ind, [period], key)
    if count:
        queries.remember_key(unit, key)
    return count


def _check_period(form: ReportForm, period: P.Period, unit: Unit) -> None:
    if period.kind != form.period_kind:
        raise ActionError(_("Kỳ báo cáo không khớp với biểu mẫu."), field="period")
    if period.start > timezone.localdate():
        raise ActionError(_("Chưa đến kỳ báo cáo này."), code="future_period", field="period")
    if not form.levels.filter(pk=unit.level_id).exists():
        raise ActionError(
            _("%(unit)s không thuộc cấp báo cáo biểu mẫu này.") % {"unit": unit.name}, field="unit"
        )
    if not unit.is_open_on(period.end) and not unit.is_open_on(period.start):
        raise ActionError(
            _("%(unit)s không hoạt động trong kỳ này.") % {"unit": unit.name},
            code="unit_closed",
            field="unit",
        )


def _lock(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("form", "unit", "unit__level")
        .get(pk=submission.pk)
    )


@transaction.atomic
def do_open_submission(*, acting_user, form: ReportForm, unit: Unit, period: P.Period) -> Submission:
    """Return the unit's report for a form and period, creating the draft if there is none."""
    _require(acting_user, "reports.view", unit, "Bạn không có quyền xem báo cáo của đơn vị này.")
    existing = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if existing is not None:
        return existing
    _require(acting_user, "reports.enter", unit, "Bạn không có quyền lập báo cáo cho đơn vị này.")
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
    acting_user,
    cells: Mapping[CellKey, object],
    notes: Mapping[str, str] | None = None,
) -> int:
    """Validate and store a unit's figures for a draft or returned report; return how many changed."""
    submission = _lock(submission)
    _require(acting_user, "reports.enter", submission.unit, "Bạn không có quyền nhập số liệu cho đơn vị này.")
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
    changed = _write_cells(submission, parsed, notes)
    refresh_computed(submission)
    Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    audit.record(
        "reports.save_values",
        actor=acting_user,
        unit=submission.unit,
        obj=submission,
        after={
            f"{ind.code}{'/' + bd if bd else ''}": ind.to_display(v) if v is not None else None
            for (ind, bd), v in parsed.items()
        },
        summary=f"Nhập {changed} số liệu {submission.form.code} {submission.period.label}",
    )
    return changed


def missing_cells(submission: Submission) -> list[str]:
    """Names of the entered cells a report still lacks."""
    have = queries.unit_values(submission.unit, queries.form_indicators(submission.form), submission.period)
    return [
        f"{ind.name}{' – ' + name if name else ''}"
        for ind, bd, name in form_cells(submission.form)
        if (ind.pk, bd) not in have
    ]


def _transition(submission: Submission, state: str, *, acting_user, action: str, summary: str, **fields):
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


@transaction.atomic
def do_submit_submission(submission: Submission, *, acting_user) -> Submission:
    """Send a complete draft (or a returned report) to the level above."""
    submission = _lock(submission)
    _require(acting_user, "reports.submit", submission.unit, "Bạn không có quyền gửi báo cáo của đơn vị này.")
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
        submitted_by=acting_user,
    )


@transaction.atomic
def do_approve_submission(submission: Submission, *, acting_user, comment: str = "") -> Submission:
    """Approve a submitted report from the level above; its figures are locked from then on."""
    submission = _lock(submission)
    _require(
        acting_user, "reports.approve", submission.unit, "Chỉ đơn vị cấp trên trực tiếp được duyệt báo cáo."
    )
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
        comment=nfc(comment),
        decided_at=timezone.now(),
        decided_by=acting_user,
    )


@transaction.atomic
def do_return_submission(submission: Submission, *, acting_user, comment: str) -> Submission:
    """Send a submitted report back to its unit with a comment saying what to fix."""
    submission = _lock(submission)
    _require(
        acting_user, "reports.approve", submission.unit, "Chỉ đơn vị cấp trên trực tiếp được trả lại báo cáo."
    )
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
        comment=nfc(comment),
        decided_at=timezone.now(),
        decided_by=acting_user,
    )


@transaction.atomic
def do_reopen_submission(submission: Submission, *, acting_user, reason: str) -> Submission:
    """Unlock an approved report for correction; only the approving level may, with a reason on record."""
    submission = _lock(submission)
    _require(
        acting_user,
        "reports.reopen",
        submission.unit,
        "Chỉ đơn vị cấp trên đã duyệt mới mở lại được báo cáo.",
    )
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
        comment=nfc(reason),
        decided_at=timezone.now(),
        decided_by=acting_user,
    )


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


@transaction.atomic
def do_save_review_report(*, acting_user, unit: Unit, period: P.Period, **fields) -> ReviewReport:
    """Create or update the narrative of a unit's 6-month or year-end report."""
    _require(acting_user, "reports.write_review", unit, "Bạn không có quyền soạn báo cáo của đơn vị này.")
    if period.kind not in (P.HALF, P.YEAR):
        raise ActionError(_("Báo cáo sơ kết theo 6 tháng, tổng kết theo năm."), field="period")
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ActionError(_("Trường không hợp lệ: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    report, created = ReviewReport.objects.select_for_update().get_or_create(
        unit=unit, kind=period.kind, period_start=period.start
    )
    before = None if created else audit.snapshot(report)
    for name, value in fields.items():
        if isinstance(value, str):
            value = "\n".join(nfc(line) for line in value.replace("\r\n", "\n").split("\n")).strip()
        setattr(report, name, value)
    if isinstance(report.date, str):
        report.date = dt.date.fromisoformat(report.date)
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
