"""Reports pages: dashboard with reminders, data entry and approval, completeness, pivot, documents."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.exports import csv_writer, workbook_bytes
from mattran.core.web import DOCUMENT_TYPES, document_response, require
from mattran.org.models import Unit
from mattran.org.queries import ancestors, central_unit

from . import actions, documents, imports, pivot, queries
from . import periods as P
from .models import Indicator, ReportForm, ReviewReport, Submission, SubmissionState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _my_unit(request) -> Unit:
    wanted = request.GET.get("don-vi")
    if wanted and wanted.isdigit():
        unit = get_object_or_404(Unit.objects.select_related("level", "parent"), pk=int(wanted))
        require(request, "reports.view", unit)
        return unit
    profile = profile_of(request.user)
    if profile is not None:
        return Unit.objects.select_related("level", "parent").get(pk=profile.unit_id)
    if request.user.is_superuser:
        unit = central_unit()
        if unit is not None:
            return unit
    raise PermissionDenied("Tài khoản chưa được gán đơn vị.")


def _unit(request, unit_id: int, perm: str = "reports.view") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level", "parent"), pk=unit_id)
    require(request, perm, unit)
    return unit


def _period(kind: str, key: str) -> P.Period:
    try:
        period = P.Period.from_key(key)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if period.kind != kind:
        raise Http404("Kỳ báo cáo không khớp với biểu mẫu.")
    return period


def due_period(form: ReportForm, today) -> P.Period:
    """The period a unit should be reporting now: the last one that has ended."""
    return P.Period.containing(form.period_kind, today).previous()


@login_required
def dashboard(request):
    unit = _my_unit(request)
    today = timezone.localdate()
    cards = []
    for form in queries.forms_for_unit(unit):
        period = due_period(form, today)
        sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
        deadline = form.deadline(period)
        rows = queries.completeness(unit, form, period, today)
        cards.append(
            {
                "form": form,
                "period": period,
                "submission": sub,
                "deadline": deadline,
                "days_left": (deadline - today).days,
                "status": queries.STATUS_LABELS[queries.status_of(sub, deadline, today)],
                "status_code": queries.status_of(sub, deadline, today),
                "children": queries.counts_by_status(rows),
                "children_total": len(rows),
            }
        )
    chart = pivot.dashboard_chart(unit, today)
    return render(
        request,
        "reports/dashboard.html",
        {
            "unit": unit,
            "cards": cards,
            "pending": queries.pending_approvals(unit)[:50],
            "chart": chart,
            "review_key": P.Period.containing(P.HALF, today).key,
            "can_approve": request.user.has_perm("reports.approve", Unit(parent_id=unit.pk)),
        },
    )


def _entry_context(request, sub: Submission, *, raw=None, notes=None, errors=None):
    unit, form, period = sub.unit, sub.form, sub.period
    inds = queries.form_indicators(form)
    stored = queries.unit_values(unit, inds, period)
    error_map: dict[str, list[str]] = {}
    for e in errors or []:
        error_map.setdefault(e.get("field") or "", []).append(e["message"])
    can_enter = request.user.has_perm("reports.enter", unit) and sub.is_editable
    # The unit's own figures plus, for the ratios and a reader's check, the roll-up of its subtree.
    roll = queries.rollup(inds, [unit.pk], [queries.Column.of(period)])
    # While the report can change, say when the records behind a computed figure moved since it was stored.
    live = actions.computed_answers(sub) if can_enter else {}
    sections: list[dict] = []
    items = form.items_in_order()
    for item in items:
        ind = item.indicator
        if not sections or sections[-1]["title"] != item.section:
            sections.append({"title": item.section, "rows": []})
        cells = []
        options = list(ind.breakdown.options.all()) if ind.breakdown_id else [None]
        for opt in options:
            bd = opt.code if opt else ""
            name = f"v__{ind.code}__{bd}"
            v = stored.get((ind.pk, bd))
            shown = raw.get((ind.code, bd)) if raw is not None else (ind.to_display(v.value) if v else "")
            if not ind.is_entered:
                shown = ind.format(v.value) if v else ""
            cells.append(
                {"name": name, "label": opt.name if opt else "", "value": "" if shown is None else shown,
                 "errors": error_map.get(name, []), "source": v.source if v else ""}
            )  # fmt: skip
        note_name = f"note__{ind.code}"
        note = (
            (notes or {}).get(ind.code)
            if notes is not None
            else next((v.note for (i, _b), v in stored.items() if i == ind.pk and v.note), "")
        )
        sections[-1]["rows"].append(
            {
                "indicator": ind,
                "cells": cells,
                "note_name": note_name,
                "note": note or "",
                "note_errors": error_map.get(note_name, []),
                "computed": not ind.is_entered,
                "computed_from": actions.computed_reason(ind) if not ind.is_entered else "",
                "pending": _pending(ind, live.get(ind), stored),
                "subtree": _subtree(ind, roll.get(unit.pk, ind.pk, period.key), stored),
                "rollup": ind.format(roll.get(unit.pk, ind.pk, period.key)),
            }
        )
    return {
        "sub": sub,
        "unit": unit,
        "form": form,
        "period": period,
        "sections": sections,
        "general_errors": error_map.get("", []),
        "can_enter": can_enter,
        "can_submit": request.user.has_perm("reports.submit", unit) and sub.is_editable,
        "can_approve": request.user.has_perm("reports.approve", unit)
        and sub.state == SubmissionState.SUBMITTED,
        "can_reopen": request.user.has_perm("reports.reopen", unit) and sub.state == SubmissionState.APPROVED,
        "chain": ancestors(unit),
        "prev": period.previous(),
        "next": period.next() if period.next().start <= timezone.localdate() else None,
        "history": sub.pk and _history(sub),
    }


def _pending(ind: Indicator, answer: dict[str, int] | None, stored: dict) -> str:
    """The fresh figure of a computed indicator when it differs from the stored one, else ""."""
    if answer is None:
        return ""
    have = {bd: v.value for (i, bd), v in stored.items() if i == ind.pk}
    if have == answer:
        return ""
    options = {o.code: o.name for o in ind.breakdown.options.all()} if ind.breakdown_id else {}
    return "; ".join(
        f"{options[bd]}: {ind.format(v)}" if bd in options else ind.format(v) for bd, v in answer.items()
    )


def _subtree(ind: Indicator, total, stored: dict) -> str:
    """The roll-up over the unit's subtree when it holds more than the unit's own computed figure."""
    if ind.is_entered or ind.is_ratio or total is None:
        return ""
    own = sum(v.value for (i, _bd), v in stored.items() if i == ind.pk)
    return ind.format(total) if total != own else ""


def _history(sub: Submission):
    from django.contrib.contenttypes.models import ContentType

    from mattran.core.models import AuditEntry

    ct = ContentType.objects.get_for_model(Submission)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(sub.pk)).select_related("actor")[:20]


def _cells_from_post(post, form: ReportForm) -> tuple[dict, dict]:
    raw, notes = {}, {}
    for ind, bd, _name in actions.form_cells(form):
        key = f"v__{ind.code}__{bd}"
        if key in post:
            raw[(ind.code, bd)] = post[key]
        note = post.get(f"note__{ind.code}")
        if note is not None:
            notes[ind.code] = note
    return raw, notes


@login_required
def entry(request, unit_id: int, form_code: str, period_key: str):
    unit = _unit(request, unit_id)
    form = get_object_or_404(ReportForm, code=form_code)
    period = _period(form.period_kind, period_key)
    sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
    if sub is None:
        if not request.user.has_perm("reports.enter", unit):
            return render(request, "reports/not_started.html", {"unit": unit, "form": form, "period": period})
        try:
            sub = actions.do_open_submission(acting_user=request.user, form=form, unit=unit, period=period)
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("reports:dashboard")
    sub = Submission.objects.select_related("form", "unit", "unit__level", "submitted_by", "decided_by").get(
        pk=sub.pk
    )
    if request.method == "POST":
        raw, notes = _cells_from_post(request.POST, form)
        op = request.POST.get("op", "save")
        try:
            actions.do_save_values(sub, acting_user=request.user, cells=raw, notes=notes)
            if op == "submit":
                actions.do_submit_submission(sub, acting_user=request.user)
        except ActionError as exc:
            errors = exc.details or [{"field": exc.field, "message": exc.message}]
            if exc.details:
                messages.error(request, exc.message)
            sub.refresh_from_db()
            ctx = _entry_context(request, sub, raw=raw if exc.code != "incomplete" else None, notes=notes,
                                 errors=errors)  # fmt: skip
            return render(request, "reports/entry.html", ctx, status=400)
        messages.success(
            request, _("Đã gửi báo cáo lên cấp trên.") if op == "submit" else _("Đã lưu số liệu.")
        )
        return redirect(request.path)
    return render(request, "reports/entry.html", _entry_context(request, sub))


@login_required
@require_POST
def decide(request, submission_id: int, op: str):
    sub = get_object_or_404(Submission.objects.select_related("form", "unit"), pk=submission_id)
    require(request, "reports.view", sub.unit)
    text = request.POST.get("comment", "")
    try:
        if op == "duyet":
            actions.do_approve_submission(sub, acting_user=request.user, comment=text)
            messages.success(request, _("Đã duyệt báo cáo của %(unit)s.") % {"unit": sub.unit.name})
        elif op == "tra-lai":
            actions.do_return_submission(sub, acting_user=request.user, comment=text)
            messages.success(request, _("Đã trả lại báo cáo của %(unit)s.") % {"unit": sub.unit.name})
        elif op == "mo-lai":
            actions.do_reopen_submission(sub, acting_user=request.user, reason=text)
            messages.success(request, _("Đã mở lại báo cáo của %(unit)s.") % {"unit": sub.unit.name})
        else:
            raise Http404
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    return redirect("reports:entry", sub.unit_id, sub.form.code, sub.period.key)


@login_required
def completeness(request, unit_id: int, form_code: str, period_key: str):
    unit = _unit(request, unit_id)
    form = get_object_or_404(ReportForm, code=form_code)
    period = _period(form.period_kind, period_key)
    today = timezone.localdate()
    rows = queries.completeness(unit, form, period, today)
    return render(
        request,
        "reports/completeness.html",
        {
            "unit": unit,
            "form": form,
            "period": period,
            "rows": rows,
            "counts": queries.counts_by_status(rows),
            "deadline": form.deadline(period),
            "prev": period.previous(),
            "next": period.next() if period.next().start <= today else None,
            "can_bulk": any(request.user.has_perm("reports.enter", r.unit) for r in rows[:1]),
        },
    )


@login_required
def excel(request, unit_id: int, form_code: str, period_key: str):
    """Download the template (?mau=1, ?cap-duoi=1 for the child units) or upload a filled one."""
    unit = _unit(request, unit_id)
    form = get_object_or_404(ReportForm, code=form_code)
    period = _period(form.period_kind, period_key)
    children = request.GET.get("cap-duoi") == "1" or request.POST.get("cap-duoi") == "1"
    units = queries.reporting_children(unit, form) if children else [unit]
    if request.method == "GET" and request.GET.get("mau") == "1":
        values = {}
        for u in units:
            for (ind_id, bd), v in queries.unit_values(u, queries.form_indicators(form), period).items():
                values[(u.pk, ind_id, bd)] = v.value
        data = imports.template_workbook(form, period, units, values=values)
        response = HttpResponse(data, content_type=XLSX)
        suffix = "cap-duoi" if children else str(unit.pk)
        response["Content-Disposition"] = f'attachment; filename="{form.code}-{period.key}-{suffix}.xlsx"'
        return response
    errors, result = [], None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [{"message": "Chọn tệp Excel để tải lên."}]
        else:
            try:
                result = imports.do_import_values(
                    acting_user=request.user, form=form, period=period, data=upload.read()
                )
            except ActionError as exc:
                errors = [{"message": exc.message}]
            else:
                errors = result.errors
                if not errors:
                    messages.success(
                        request,
                        _("Đã nhập %(written)s số liệu cho %(units)s đơn vị.")
                        % {"written": result.written, "units": len(result.units)},
                    )
                    if children:
                        return redirect("reports:completeness", unit.pk, form.code, period.key)
                    return redirect("reports:entry", unit.pk, form.code, period.key)
    return render(
        request,
        "reports/excel.html",
        {
            "unit": unit,
            "form": form,
            "period": period,
            "errors": errors,
            "children": children,
            "units": units,
        },
        status=400 if errors else 200,
    )


# --- roll-ups --------------------------------------------------------------------------------------------


@login_required
def pivot_view(request):
    unit = _my_unit(request)
    spec = pivot.PivotSpec.from_query(request.GET, unit, timezone.localdate())
    table = pivot.build(spec)
    fmt = request.GET.get("xuat")
    if fmt in ("csv", "xlsx"):
        return _export(table, fmt, spec)
    return render(
        request,
        "reports/pivot.html",
        {
            "unit": unit,
            "spec": spec,
            "table": table,
            "chain": ancestors(unit),
            "forms": ReportForm.objects.filter(is_active=True),
            "indicators": queries.form_indicators(spec.form),
            "kinds": [(k, P.KIND_LABELS[k]) for k in (P.MONTH, P.QUARTER, P.HALF, P.YEAR)],
            "query": request.GET.urlencode(),
        },
    )


def _export(table, fmt: str, spec) -> HttpResponse:
    header = [table.corner] + [c.label for c in table.columns]
    rows = [[r.label] + [cell.text for cell in r.cells] for r in table.rows]
    name = f"tong-hop-{spec.unit.pk}-{spec.first.key}-{spec.last.key}"
    if fmt == "csv":
        buf = io.StringIO()
        buf.write("\ufeff")  # Excel reads UTF-8 CSV correctly only with a BOM
        writer = csv_writer(buf)
        writer.writerow([table.title])
        writer.writerow(header)
        writer.writerows([[r.label] + [cell.raw for cell in r.cells] for r in table.rows])
        response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Tong hop"
    ws.append([table.title])
    ws["A1"].font = Font(bold=True)
    ws.append(header)
    for r in table.rows:
        ws.append([r.label] + [cell.raw for cell in r.cells])
    ws.column_dimensions["A"].width = 55
    response = HttpResponse(workbook_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    del rows
    return response


# --- review reports (sơ kết, tổng kết) ----------------------------------------------------------------------


@login_required
def review(request, unit_id: int, period_key: str):
    unit = _unit(request, unit_id)
    try:
        period = P.Period.from_key(period_key)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    if period.kind not in (P.HALF, P.YEAR):
        raise Http404("Báo cáo sơ kết theo 6 tháng, tổng kết theo năm.")
    report = ReviewReport.objects.filter(unit=unit, kind=period.kind, period_start=period.start).first()
    if request.GET.get("tai") in DOCUMENT_TYPES:
        doc = documents.review_document(unit, period, report)
        return document_response(doc, f"bao-cao-{period.key}-{unit.pk}", request.GET["tai"])
    can_write = request.user.has_perm("reports.write_review", unit)
    error = ""
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Bạn không có quyền soạn báo cáo của đơn vị này.")
        fields = {
            name: request.POST.get(name, "") for name in actions.REVIEW_FIELDS if name not in ("date", "form")
        }
        fields["date"] = request.POST.get("date") or None
        form_code = request.POST.get("form")
        fields["form"] = ReportForm.objects.filter(code=form_code).first() if form_code else None
        try:
            actions.do_save_review_report(acting_user=request.user, unit=unit, period=period, **fields)
        except (ActionError, ValueError) as exc:
            error = getattr(exc, "message", "Ngày ban hành không hợp lệ.")
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect("reports:review", unit.pk, period.key)
    defaults = documents.default_texts(unit, period)
    return render(
        request,
        "reports/review.html",
        {
            "unit": unit,
            "period": period,
            "report": report,
            "defaults": defaults,
            "can_write": can_write,
            "error": error,
            "forms": ReportForm.objects.filter(is_active=True, period_kind=P.MONTH),
            "summary": documents.figures(unit, period, report),
            "chain": ancestors(unit),
            "other": [
                P.Period(P.HALF, period.start.replace(month=1)),
                P.Period(P.YEAR, period.start.replace(month=1)),
            ],
        },
    )


@login_required
def indicators(request):
    rows = list(
        Indicator.objects.select_related("breakdown", "numerator", "denominator")
        .prefetch_related("levels")
        .order_by("period_kind", "code")
    )
    for ind in rows:
        ind.computed_from = actions.computed_reason(ind) if ind.source == "C" else ""
    return render(
        request,
        "reports/indicators.html",
        {
            "indicators": rows,
            "forms": ReportForm.objects.prefetch_related("levels"),
        },
    )


def entry_url(sub: Submission) -> str:
    return reverse("reports:entry", args=[sub.unit_id, sub.form.code, sub.period.key])
