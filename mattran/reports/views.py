"""Reports pages: dashboard with reminders, data entry and approval, completeness, pivot, documents."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.exports import csv_writer, workbook_bytes
from mattran.core.sheets import upload_page, xlsx_response
from mattran.core.web import DOCUMENT_TYPES, document_response, fetch
from mattran.org.models import Unit
from mattran.org.queries import ancestors, central_unit

from . import actions, cells, documents, forms, imports, pivot, queries
from . import periods as P
from .entry_page import entry_context
from .models import Indicator, ReportForm, ReviewReport, Submission

UNITS = Unit.objects.select_related("level", "parent")
SUBMISSIONS = Submission.objects.select_related("form", "unit", "unit__level")


def _my_unit(request: HttpRequest) -> Unit:
    """The unit named by ?don-vi=, else the user's own (the country's for a superuser without one)."""
    wanted = request.GET.get("don-vi", "")
    if wanted.isdigit():
        return fetch(request, UNITS, wanted, "reports.view")
    profile = profile_of(request.user)
    if profile is not None:
        return UNITS.get(pk=profile.unit_id)
    unit = central_unit() if request.user.is_superuser else None
    if unit is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return unit


def _period(kind: str, key: str) -> P.Period:
    try:
        period = P.Period.from_key(key)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if period.kind != kind:
        raise Http404("Kỳ báo cáo không khớp với biểu mẫu.")
    return period


def _report(
    request: HttpRequest, unit_id: int, form_code: str, period_key: str
) -> tuple[Unit, ReportForm, P.Period]:
    """The unit (which the user may read), form and period a report page names."""
    unit = fetch(request, UNITS, unit_id, "reports.view")
    form = get_object_or_404(ReportForm, code=form_code)
    return unit, form, _period(form.period_kind, period_key)


def due_period(form: ReportForm, today: Any) -> P.Period:
    """The period a unit should be reporting now: the last one that has ended."""
    return P.Period.containing(form.period_kind, today).previous()


def _card(unit: Unit, form: ReportForm, today: Any) -> dict[str, Any]:
    """A dashboard card: the form's due period, the unit's report and its children's progress."""
    period = due_period(form, today)
    sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    deadline = form.deadline(period)
    rows = queries.completeness(unit, form, period, today)
    status = queries.status_of(sub, deadline, today)
    return {
        "form": form, "period": period, "submission": sub, "deadline": deadline,
        "days_left": (deadline - today).days, "status": queries.STATUS_LABELS[status], "status_code": status,
        "children": queries.counts_by_status(rows), "children_total": len(rows),
    }  # fmt: skip


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    unit = _my_unit(request)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "cards": [_card(unit, form, today) for form in queries.forms_for_unit(unit)],
        "pending": queries.pending_approvals(unit)[:50],
        "chart": pivot.dashboard_chart(unit, today),
        "review_key": P.Period.containing(P.HALF, today).key,
        "can_approve": request.user.has_perm("reports.approve", Unit(parent_id=unit.pk)),
        "can_enter": request.user.has_perm("reports.enter", unit),
    }
    return render(request, "reports/dashboard.html", context)


def _cells_from_post(post: Any, form: ReportForm) -> tuple[dict[cells.CellKey, object], dict[str, str]]:
    raw: dict[cells.CellKey, object] = {}
    notes: dict[str, str] = {}
    for ind, bd, _name in cells.form_cells(form):
        key = f"v__{ind.code}__{bd}"
        if key in post:
            raw[(ind.code, bd)] = post[key]
        note = post.get(f"note__{ind.code}")
        if note is not None:
            notes[ind.code] = note
    return raw, notes


@login_required
def entry(request: HttpRequest, unit_id: int, form_code: str, period_key: str) -> HttpResponse:
    """The report of a unit for a form and period (its draft is opened for whoever may enter it); a POST
    saves the figures typed."""
    unit, form, period = _report(request, unit_id, form_code, period_key)
    sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if sub is None:
        if not request.user.has_perm("reports.enter", unit):
            return render(request, "reports/not_started.html", {"unit": unit, "form": form, "period": period})
        try:
            sub = actions.do_open_submission(acting_user=request.user, form=form, unit=unit, period=period)
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("reports:dashboard")
    sub = SUBMISSIONS.select_related("submitted_by", "decided_by").get(pk=sub.pk)
    if request.method == "POST":
        return _save(request, sub, then=None)
    return render(request, "reports/entry.html", entry_context(request, sub))


@login_required
@require_POST
def submit(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Save the figures typed, then send the report to the level above (the draft stays saved if the
    report is not complete yet)."""
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    return _save(request, sub, then=lambda: actions.do_submit_submission(sub, acting_user=request.user))


def _save(request: HttpRequest, sub: Submission, *, then: Callable[[], object] | None) -> HttpResponse:
    raw, notes = _cells_from_post(request.POST, sub.form)
    try:
        actions.do_save_values(sub, acting_user=request.user, cells=raw, notes=notes)
        if then is not None:
            then()
    except PermissionDenied:
        raise
    except ActionError as exc:
        if exc.details:
            messages.error(request, exc.message)
        sub.refresh_from_db()
        errors = exc.details or [{"field": exc.field, "message": exc.message}]
        typed = raw if exc.code != "incomplete" else None
        context = entry_context(request, sub, raw=typed, notes=notes, errors=errors)
        return render(request, "reports/entry.html", context, status=400)
    messages.success(request, _("Đã gửi báo cáo lên cấp trên.") if then else _("Đã lưu số liệu."))
    return redirect(entry_url(sub))


def _decide(
    request: HttpRequest, submission_id: int, act: Callable[[Submission, str], object], done: str
) -> HttpResponse:
    """Carry out a decision on a submitted report from the entry page's forms; back to the report."""
    sub = fetch(request, SUBMISSIONS, submission_id, "reports.view")
    try:
        act(sub, request.POST.get("comment", ""))
    except PermissionDenied:
        raise
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done % {"unit": sub.unit.name})
    return redirect(entry_url(sub))


@login_required
@require_POST
def approve(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decide(
        request,
        submission_id,
        lambda sub, text: actions.do_approve_submission(sub, acting_user=request.user, comment=text),
        _("Đã duyệt báo cáo của %(unit)s."),
    )


@login_required
@require_POST
def return_(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decide(
        request,
        submission_id,
        lambda sub, text: actions.do_return_submission(sub, acting_user=request.user, comment=text),
        _("Đã trả lại báo cáo của %(unit)s."),
    )


@login_required
@require_POST
def reopen(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decide(
        request,
        submission_id,
        lambda sub, text: actions.do_reopen_submission(sub, acting_user=request.user, reason=text),
        _("Đã mở lại báo cáo của %(unit)s."),
    )


@login_required
def completeness(request: HttpRequest, unit_id: int, form_code: str, period_key: str) -> HttpResponse:
    unit, form, period = _report(request, unit_id, form_code, period_key)
    today = timezone.localdate()
    rows = queries.completeness(unit, form, period, today)
    context = {
        "unit": unit, "form": form, "period": period, "rows": rows, "counts": queries.counts_by_status(rows),
        "deadline": form.deadline(period), "prev": period.previous(),
        "next": period.next() if period.next().start <= today else None,
        "can_bulk": any(request.user.has_perm("reports.enter", r.unit) for r in rows[:1]),
    }  # fmt: skip
    return render(request, "reports/completeness.html", context)


def _template(
    form: ReportForm, period: P.Period, unit: Unit, units: list[Unit], children: bool
) -> HttpResponse:
    """The template to fill in for the units, pre-filled with their stored figures."""
    values = {}
    for u in units:
        for (ind_id, bd), v in queries.unit_values(u, queries.form_indicators(form), period).items():
            values[(u.pk, ind_id, bd)] = v.value
    data = imports.template_workbook(form, period, units, values=values)
    return xlsx_response(data, f"{form.code}-{period.key}-{'cap-duoi' if children else unit.pk}.xlsx")


@login_required
def excel(request: HttpRequest, unit_id: int, form_code: str, period_key: str) -> HttpResponse:
    """Upload a filled template (?cap-duoi=1: the child units side by side); ?mau=1 downloads the template."""
    unit, form, period = _report(request, unit_id, form_code, period_key)
    children = request.GET.get("cap-duoi") == "1"
    units = queries.reporting_children(unit, form) if children else [unit]
    if request.method == "GET" and request.GET.get("mau") == "1":
        return _template(form, period, unit, units, children)
    upload = forms.UploadForm(request.POST or None, request.FILES or None)

    def run(data: dict[str, Any]) -> actions.UploadResult:
        sheet = data["file"].read()
        return actions.do_import_values(unit, acting_user=request.user, form=form, period=period, data=sheet)

    def done(result: actions.UploadResult) -> HttpResponse:
        messages.success(request, _("Đã nhập %(written)s số liệu cho %(units)s đơn vị.")
                         % {"written": result.written, "units": len(result.units)})  # fmt: skip
        if children:
            return redirect("reports:completeness", unit.pk, form.code, period.key)
        return redirect("reports:entry", unit.pk, form.code, period.key)

    context = {"unit": unit, "form": form, "period": period, "children": children, "units": units}
    return upload_page(
        request, upload, run=run, errors=lambda result: [e["message"] for e in result.errors], done=done,
        template="reports/excel.html", context=context, submit=_("Tải lên"),
    )  # fmt: skip


# --- roll-ups --------------------------------------------------------------------------------------------


# The pivot's period pickers reach this many years back (and keep whatever period the query names).
PICKER_YEARS = 12


def _period_choices(spec: pivot.PivotSpec) -> list[P.Period]:
    """The periods of the pivot's kind offered in its pickers, newest first: from PICKER_YEARS ago (or the
    query's first period, if older) to the end of this year (or its last period, if later)."""
    today = timezone.localdate()
    start = min(spec.first.start, dt.date(today.year - PICKER_YEARS, 1, 1))
    end = max(spec.last.start, dt.date(today.year, 12, 1))
    return list(reversed(P.periods_between(spec.kind, start, end)))


@login_required
def pivot_view(request: HttpRequest) -> HttpResponse:
    unit = _my_unit(request)
    spec = pivot.PivotSpec.from_query(request.GET, unit, timezone.localdate())
    table = pivot.build(spec)
    fmt = request.GET.get("xuat")
    if fmt in ("csv", "xlsx"):
        return _export(table, fmt, spec)
    context = {
        "unit": unit, "spec": spec, "table": table, "chain": ancestors(unit),
        "forms": ReportForm.objects.filter(is_active=True), "indicators": queries.form_indicators(spec.form),
        "kinds": [(k, P.KIND_LABELS[k]) for k in (P.MONTH, P.QUARTER, P.HALF, P.YEAR)],
        "query": request.GET.urlencode(), "period_choices": _period_choices(spec),
    }  # fmt: skip
    return render(request, "reports/pivot.html", context)


def _export(table: pivot.Table, fmt: str, spec: pivot.PivotSpec) -> HttpResponse:
    header = [table.corner] + [c.label for c in table.columns]
    rows = [[r.label] + [cell.raw for cell in r.cells] for r in table.rows]
    name = f"tong-hop-{spec.unit.pk}-{spec.first.key}-{spec.last.key}"
    if fmt == "csv":
        buf = io.StringIO()
        buf.write("\ufeff")  # Excel reads UTF-8 CSV correctly only with a BOM
        writer = csv_writer(buf)
        writer.writerow([table.title])
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = "Tong hop"
    ws.append([table.title])
    ws["A1"].font = Font(bold=True)
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.column_dimensions["A"].width = 55
    return xlsx_response(workbook_bytes(wb), f"{name}.xlsx")


# --- review reports (sơ kết, tổng kết) ----------------------------------------------------------------------


def _review_period(period_key: str) -> P.Period:
    try:
        period = P.Period.from_key(period_key)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if period.kind not in (P.HALF, P.YEAR):
        raise Http404("Báo cáo sơ kết theo 6 tháng, tổng kết theo năm.")
    return period


def _review_fields(post: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        name: post.get(name, "") for name in actions.REVIEW_FIELDS if name not in ("date", "form")
    }
    fields["date"] = post.get("date") or None
    code = post.get("form")
    fields["form"] = ReportForm.objects.filter(code=code).first() if code else None
    return fields


@login_required
def review(request: HttpRequest, unit_id: int, period_key: str) -> HttpResponse:
    """The 6-month or year-end report of a unit: the page, ?tai=docx|pdf the document; a POST saves it."""
    unit = fetch(request, UNITS, unit_id, "reports.view")
    period = _review_period(period_key)
    report = ReviewReport.objects.filter(unit=unit, kind=period.kind, period_start=period.start).first()
    fmt = request.GET.get("tai", "")
    if fmt in DOCUMENT_TYPES:
        doc = documents.review_document(unit, period, report)
        return document_response(doc, f"bao-cao-{period.key}-{unit.pk}", fmt)
    error = ""
    if request.method == "POST":
        try:
            fields = _review_fields(request.POST)
            actions.do_save_review_report(acting_user=request.user, unit=unit, period=period, **fields)
        except PermissionDenied:
            raise
        except ActionError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("reports:review", unit.pk, period.key)
    return render(request, "reports/review.html", _review_context(request, unit, period, report, error))


def _review_context(
    request: HttpRequest, unit: Unit, period: P.Period, report: ReviewReport | None, error: str
) -> dict[str, Any]:
    return {
        "unit": unit, "period": period, "report": report, "defaults": documents.default_texts(unit, period),
        "can_write": request.user.has_perm("reports.write_review", unit), "error": error,
        "forms": ReportForm.objects.filter(is_active=True, period_kind=P.MONTH),
        "summary": documents.figures(unit, period, report), "chain": ancestors(unit),
        "other": [P.Period(P.HALF, period.start.replace(month=1)), P.Period(P.YEAR, period.start.replace(month=1))],
    }  # fmt: skip


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    rows: QuerySet[Indicator] = (
        Indicator.objects.select_related("breakdown", "numerator", "denominator")
        .prefetch_related("levels")
        .order_by("period_kind", "code")
    )
    catalogue = [(ind, cells.computed_reason(ind) if ind.source == "C" else "") for ind in rows]
    context = {"catalogue": catalogue, "forms": ReportForm.objects.prefetch_related("levels")}
    return render(request, "reports/indicators.html", context)


def entry_url(sub: Submission) -> str:
    return reverse("reports:entry", args=[sub.unit_id, sub.form.code, sub.period.key])
