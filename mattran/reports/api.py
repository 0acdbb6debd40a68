"""Reports over the API: indicators and forms, a unit's values, submissions and their workflow, roll-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from mattran.org.models import Unit

from . import actions, queries
from . import periods as P
from .models import Indicator, ReportForm, Submission

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
    def resolve_numerator(obj):
        return obj.numerator.code if obj.numerator_id else None

    @staticmethod
    def resolve_denominator(obj):
        return obj.denominator.code if obj.denominator_id else None

    @staticmethod
    def resolve_breakdown(obj):
        return list(obj.breakdown.options.all()) if obj.breakdown_id else []


class FormOut(Schema):
    code: str
    name: str
    period_kind: str
    deadline_days: int
    indicators: list[str]

    @staticmethod
    def resolve_indicators(obj):
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


def _unit(request, unit_id: int, perm: str = "reports.view") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level"), pk=unit_id)
    if not request.user.has_perm(perm, unit):
        raise HttpError(403, "Bạn không có quyền với báo cáo của đơn vị này.")
    return unit


def _period(key: str) -> P.Period:
    try:
        return P.Period.from_key(key)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


def _submission_out(sub: Submission, *, with_values: bool = True) -> dict:
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
        "values": [],
    }
    if with_values:
        inds = {i.pk: i for i in queries.form_indicators(sub.form)}
        for (ind_id, bd), v in queries.unit_values(sub.unit, inds.values(), sub.period).items():
            ind = inds[ind_id]
            out["values"].append(
                {"indicator": ind.code, "breakdown": bd, "value": ind.to_display(v.value), "source": v.source,
                 "note": v.note}
            )  # fmt: skip
    return out


@router.get("/reports/indicators", response=list[IndicatorOut])
def list_indicators(request):
    return list(
        Indicator.objects.filter(is_active=True)
        .select_related("numerator", "denominator", "breakdown")
        .prefetch_related("breakdown__options")
        .order_by("code")
    )


@router.get("/reports/forms", response=list[FormOut])
def list_forms(request):
    return list(ReportForm.objects.filter(is_active=True).order_by("code"))


def _get_submission(request, unit_id: int, form_code: str, period_key: str, *, create: bool) -> Submission:
    unit = _unit(request, unit_id)
    form = get_object_or_404(ReportForm, code=form_code)
    period = _period(period_key)
    if period.kind != form.period_kind:
        raise HttpError(400, "Kỳ báo cáo không khớp với biểu mẫu.")
    sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if sub is None:
        if not create:
            raise HttpError(404, "Đơn vị chưa lập báo cáo kỳ này.")
        sub = actions.do_open_submission(acting_user=request.user, form=form, unit=unit, period=period)
    return Submission.objects.select_related("form", "unit").get(pk=sub.pk)


@router.get("/reports/units/{unit_id}/forms/{form_code}/{period_key}", response=SubmissionOut)
def get_submission(request, unit_id: int, form_code: str, period_key: str):
    return _submission_out(_get_submission(request, unit_id, form_code, period_key, create=False))


@router.put("/reports/units/{unit_id}/forms/{form_code}/{period_key}/values", response=SubmissionOut)
def put_values(request, unit_id: int, form_code: str, period_key: str, payload: ValuesIn):
    sub = _get_submission(request, unit_id, form_code, period_key, create=True)
    cells = {(v.indicator, v.breakdown): v.value for v in payload.values}
    actions.do_save_values(sub, acting_user=request.user, cells=cells, notes=payload.notes)
    sub.refresh_from_db()
    return _submission_out(sub)


@router.post("/reports/submissions/{submission_id}/{op}", response=SubmissionOut)
def decide(request, submission_id: int, op: str, payload: DecisionIn):
    sub = get_object_or_404(Submission.objects.select_related("form", "unit"), pk=submission_id)
    if not request.user.has_perm("reports.view", sub.unit):
        raise HttpError(403, "Bạn không có quyền với báo cáo của đơn vị này.")
    if op == "submit":
        sub = actions.do_submit_submission(sub, acting_user=request.user)
    elif op == "approve":
        sub = actions.do_approve_submission(sub, acting_user=request.user, comment=payload.comment)
    elif op == "return":
        sub = actions.do_return_submission(sub, acting_user=request.user, comment=payload.comment)
    elif op == "reopen":
        sub = actions.do_reopen_submission(sub, acting_user=request.user, reason=payload.comment)
    else:
        raise HttpError(404, "Thao tác không có: dùng submit, approve, return hoặc reopen.")
    return _submission_out(sub)


@router.get("/reports/submissions", response=list[SubmissionOut])
def list_submissions(request, unit: int, form: str, period: str, children: bool = True):
    """The submissions of a unit's children (or the unit itself) for a form and period."""
    parent = _unit(request, unit)
    form_obj = get_object_or_404(ReportForm, code=form)
    p = _period(period)
    units = queries.reporting_children(parent, form_obj) if children else [parent]
    subs = Submission.objects.filter(form=form_obj, period_start=p.start, unit__in=units).select_related(
        "form", "unit"
    )
    return [_submission_out(s, with_values=False) for s in subs]


@router.get("/reports/rollup", response=list[RollupCell])
def rollup(request, params: Query[RollupParams]):
    """Aggregate indicators over a unit's effective subtree (units merged away included once)."""
    unit = _unit(request, params.unit)
    if params.indicators.startswith("form:"):
        form = get_object_or_404(ReportForm, code=params.indicators[5:])
        inds = queries.form_indicators(form)
    else:
        codes = [c.strip() for c in params.indicators.split(",") if c.strip()]
        inds = list(Indicator.objects.filter(code__in=codes).select_related("numerator", "denominator"))
        missing = set(codes) - {i.code for i in inds}
        if missing:
            raise HttpError(400, f"Không có chỉ tiêu: {', '.join(sorted(missing))}.")
    first = _period(params.start)
    last = _period(params.end) if params.end else first
    if last.kind != first.kind or last < first:
        raise HttpError(400, "Kỳ đầu và kỳ cuối phải cùng loại, kỳ đầu trước kỳ cuối.")
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
