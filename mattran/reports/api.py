"""Reports over the API: indicators and forms, a unit's values, submissions and their workflow, roll-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from mattran.core.errors import ActionError
from mattran.core.web import fetch
from mattran.org.models import Unit

from . import actions, queries
from . import periods as P
from .models import BreakdownOption, Indicator, ReportForm, Submission

router = Router(tags=["Báo cáo"])


class BreakdownOptionOut(Schema):
    code: str
    name: str


class IndicatorOut(Schema):
    code: str
    name: str
    measure: str
    aggregation: str
    period_kind: str
    decimals: int
    source: str
    computed_key: str
    numerator: str | None = None
    denominator: str | None = None
    breakdown: list[BreakdownOptionOut] = []

    @staticmethod
    def resolve_numerator(obj: Indicator) -> str | None:
        return obj.numerator.code if obj.numerator is not None else None

    @staticmethod
    def resolve_denominator(obj: Indicator) -> str | None:
        return obj.denominator.code if obj.denominator is not None else None

    @staticmethod
    def resolve_breakdown(obj: Indicator) -> list[BreakdownOption]:
        return list(obj.breakdown.options.all()) if obj.breakdown is not None else []


class FormOut(Schema):
    code: str
    name: str
    period_kind: str
    deadline_days: int
    indicators: list[str]

    @staticmethod
    def resolve_indicators(obj: ReportForm) -> list[str]:
        return [i.code for i in queries.form_indicators(obj)]


class ValueIn(Schema):
    indicator: str
    breakdown: str = ""
    value: Decimal | None = None


class ValuesIn(Schema):
    values: list[ValueIn]
    notes: dict[str, str] = {}


class ValueOut(Schema):
    indicator: str
    breakdown: str
    value: Decimal | int | None
    source: str
    note: str


class SubmissionOut(Schema):
    id: int
    form: str
    unit_id: int
    period: str
    period_label: str
    state: str
    comment: str
    deadline: dt.date
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    values: list[ValueOut] = []


class DecisionIn(Schema):
    comment: str = ""


class RollupParams(Schema):
    unit: int
    indicators: str = Field(..., description="Mã chỉ tiêu, cách nhau bằng dấu phẩy, hoặc form:<mã biểu>")
    start: str = Field(..., description="Kỳ đầu, ví dụ 2025-01, 2025-Q1, 2025-H1, 2025")
    end: str | None = Field(None, description="Kỳ cuối (mặc định bằng kỳ đầu)")
    by: str = Field("total", description="total: một cột cho cả khoảng; period: một cột mỗi kỳ")
    children: bool = False


class RollupCell(Schema):
    unit_id: int
    indicator: str
    period: str
    value: Decimal | int | None
    text: str


UNITS = Unit.objects.select_related("level")
SUBMISSIONS = Submission.objects.select_related("form", "unit")


def _period(key: str, field: str) -> P.Period:
    try:
        return P.Period.from_key(key)
    except ValueError as exc:
        raise ActionError(str(exc), field=field) from exc


def _submission_out(sub: Submission, *, with_values: bool = True) -> dict[str, Any]:
    values: list[dict[str, Any]] = []
    out = {
        "id": sub.pk,
        "form": sub.form.code,
        "unit_id": sub.unit_id,
        "period": sub.period.key,
        "period_label": sub.period.label,
        "state": sub.state,
        "comment": sub.comment,
        "deadline": sub.deadline,
        "submitted_at": sub.submitted_at,
        "decided_at": sub.decided_at,
        "values": values,
    }
    if with_values:
        inds = {i.pk: i for i in queries.form_indicators(sub.form)}
        for (ind_id, bd), v in queries.unit_values(sub.unit, inds.values(), sub.period).items():
            ind = inds[ind_id]
            values.append(
                {"indicator": ind.code, "breakdown": bd, "value": ind.to_display(v.value), "source": v.source,
                 "note": v.note}
            )  # fmt: skip
    return out


@router.get("/reports/indicators", response=list[IndicatorOut])
def list_indicators(request: HttpRequest) -> list[Indicator]:
    return list(
        Indicator.objects.filter(is_active=True)
        .select_related("numerator", "denominator", "breakdown")
        .prefetch_related("breakdown__options")
        .order_by("code")
    )


@router.get("/reports/forms", response=list[FormOut])
def list_forms(request: HttpRequest) -> list[ReportForm]:
    return list(ReportForm.objects.filter(is_active=True).order_by("code"))


def _get_submission(
    request: HttpRequest, unit_id: int, form_code: str, period_key: str, *, create: bool
) -> Submission:
    unit = fetch(request, UNITS, unit_id, "reports.view")
    form = get_object_or_404(ReportForm, code=form_code)
    period = _period(period_key, "period_key")
    if period.kind != form.period_kind:
        raise ActionError(_("Kỳ báo cáo không khớp với biểu mẫu."), field="period_key")
    sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if sub is None:
        if not create:
            raise ActionError(_("Đơn vị chưa lập báo cáo kỳ này."), code="not_found", status=404)
        sub = actions.do_open_submission(acting_user=request.user, form=form, unit=unit, period=period)
    return Submission.objects.select_related("form", "unit").get(pk=sub.pk)


@router.get("/reports/units/{unit_id}/forms/{form_code}/{period_key}", response=SubmissionOut)
def get_submission(request: HttpRequest, unit_id: int, form_code: str, period_key: str) -> dict[str, Any]:
    return _submission_out(_get_submission(request, unit_id, form_code, period_key, create=False))


@router.put("/reports/units/{unit_id}/forms/{form_code}/{period_key}/values", response=SubmissionOut)
def put_values(
    request: HttpRequest, unit_id: int, form_code: str, period_key: str, payload: ValuesIn
) -> dict[str, Any]:
    sub = _get_submission(request, unit_id, form_code, period_key, create=True)
    cells = {(v.indicator, v.breakdown): v.value for v in payload.values}
    actions.do_save_values(sub, acting_user=request.user, cells=cells, notes=payload.notes)
    sub.refresh_from_db()
    return _submission_out(sub)


@router.post(
    "/reports/submissions/{submission_id}/submit", response=SubmissionOut, summary="Gửi báo cáo lên cấp trên"
)
def submit(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    return _submission_out(actions.do_submit_submission(sub, acting_user=request.user))


@router.post("/reports/submissions/{submission_id}/approve", response=SubmissionOut, summary="Duyệt báo cáo")
def approve(request: HttpRequest, submission_id: int, payload: DecisionIn) -> dict[str, Any]:
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    return _submission_out(
        actions.do_approve_submission(sub, acting_user=request.user, comment=payload.comment)
    )


@router.post(
    "/reports/submissions/{submission_id}/return", response=SubmissionOut, summary="Trả lại báo cáo để sửa"
)
def return_(request: HttpRequest, submission_id: int, payload: DecisionIn) -> dict[str, Any]:
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    return _submission_out(
        actions.do_return_submission(sub, acting_user=request.user, comment=payload.comment)
    )


@router.post(
    "/reports/submissions/{submission_id}/reopen", response=SubmissionOut, summary="Mở lại báo cáo đã duyệt"
)
def reopen(request: HttpRequest, submission_id: int, payload: DecisionIn) -> dict[str, Any]:
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    return _submission_out(
        actions.do_reopen_submission(sub, acting_user=request.user, reason=payload.comment)
    )


@router.get("/reports/submissions", response=list[SubmissionOut])
def list_submissions(
    request: HttpRequest, unit: int, form: str, period: str, children: bool = True
) -> list[dict[str, Any]]:
    """The submissions of a unit's children (or the unit itself) for a form and period."""
    parent = fetch(request, UNITS, unit, "reports.view")
    form_obj = get_object_or_404(ReportForm, code=form)
    p = _period(period, "period")
    units = queries.reporting_children(parent, form_obj) if children else [parent]
    subs = Submission.objects.filter(form=form_obj, period_start=p.start, unit__in=units).select_related(
        "form", "unit"
    )
    return [_submission_out(s, with_values=False) for s in subs]


@router.get("/reports/rollup", response=list[RollupCell])
def rollup(request: HttpRequest, params: Query[RollupParams]) -> list[dict[str, Any]]:
    """Aggregate indicators over a unit's effective subtree (units merged away included once)."""
    unit = fetch(request, UNITS, params.unit, "reports.view")
    if params.indicators.startswith("form:"):
        form = get_object_or_404(ReportForm, code=params.indicators[5:])
        inds = queries.form_indicators(form)
    else:
        codes = [c.strip() for c in params.indicators.split(",") if c.strip()]
        inds = list(Indicator.objects.filter(code__in=codes).select_related("numerator", "denominator"))
        missing = set(codes) - {i.code for i in inds}
        if missing:
            raise ActionError(
                _("Không có chỉ tiêu: %(codes)s.") % {"codes": ", ".join(sorted(missing))}, field="indicators"
            )
    first = _period(params.start, "start")
    last = _period(params.end, "end") if params.end else first
    if last.kind != first.kind or last < first:
        raise ActionError(_("Kỳ đầu và kỳ cuối phải cùng loại, kỳ đầu trước kỳ cuối."), field="end")
    if params.by == "period":
        columns = [queries.Column.of(p) for p in P.periods_between(first.kind, first.start, last.start)][:120]
    else:
        columns = [queries.Column.of(first)] if first == last else [queries.Column.span(first, last)]
    groups = [unit.pk]
    if params.children:
        groups += [k.pk for k in queries.unit_children(unit)]
    result = queries.rollup(inds, groups, columns)
    out = []
    for g in groups:
        for ind in inds:
            for col in columns:
                v = result.get(g, ind.pk, col.key)
                out.append(
                    {"unit_id": g, "indicator": ind.code, "period": col.key, "value": ind.to_display(v),
                     "text": ind.format(v)}
                )  # fmt: skip
    return out
