"""The public portal (no login, phone-first): send an opinion with photos, follow it by tracking code, rate
the answer, read the published answers and each body's on-time rate. A sealed case's identity and every
submitter's personal data stay out of all of it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mattran.core.authz import PUBLIC
from mattran.core.errors import ActionError
from mattran.core.media import file_response
from mattran.core.web import form_error, id_param, paginate
from mattran.org import queries as org_queries
from mattran.org.models import Level, Unit

from . import actions, forms, queries
from .models import Attachment, Case, Status
from .public import allow

TOO_MANY = "Bạn gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau."
NOT_FOUND = (
    "Không tìm thấy ý kiến với mã này. Hãy kiểm tra lại mã (12 ký tự, trên giấy biên nhận hoặc tin nhắn)."
)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "petitions/public/message.html", {"message": _(TOO_MANY)}, status=429)
    response["Retry-After"] = "60"
    return response


def _portal_unit(unit_id: int) -> Unit:
    unit = Unit.objects.select_related("level").filter(pk=unit_id, valid_to__isnull=True).first()
    if unit is None or unit.level.code not in (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        raise Http404
    return unit


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:100]
    units = org_queries.search_units(q, level=Level.COMMUNE, limit=15) if q else []
    return render(
        request, "petitions/public/home.html", {"q": q, "units": units, "lookup": forms.LookupForm()}
    )


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _portal_unit(unit_id)
    form = forms.PublicForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not allow(request, "submit"):
            return _too_many(request)
        if request.POST.get("website"):
            # A robot filled the field people do not see: answer as if accepted, keep nothing.
            return render(
                request, "petitions/public/message.html", {"message": _("Cảm ơn bạn đã gửi ý kiến.")}
            )
        if form.is_valid():
            data = form.cleaned_data
            data.pop("website", None)
            try:
                case = actions.do_submit_public(acting_user=PUBLIC, unit=unit, **data)
            except ActionError as exc:
                form_error(form, exc)
            else:
                response = render(request, "petitions/public/sent.html", {"case": case, "unit": unit})
                response["Cache-Control"] = "private, no-store"
                return response
    return render(request, "petitions/public/submit.html", {"unit": unit, "form": form})


def _public_view(case: Case) -> dict:
    """What the code holder sees: status, dates, the answer and its document; no submitter, no cadre."""
    answered = case.status in (Status.ANSWERED, Status.INFORMED, Status.CLOSED)
    return {
        "code": case.display_code,
        "raw_code": case.code,
        "unit": case.unit.name,
        "kind": case.get_kind_display(),
        "field": case.field.name if case.field else "",
        "status": case.get_status_display()
        if case.status != Status.ESCALATED
        else _("Đã chuyển lên cấp trên"),
        "received_on": case.received_on,
        "agency": case.agency.name if case.agency else "",
        "forwarded_on": case.forwarded_on,
        "answer_due_on": case.answer_due_on,
        "answered": answered,
        "answer_text": case.answer_text if answered else "",
        "answered_on": case.answered_on if answered else None,
        "answer_reference": case.answer_reference if answered else "",
        "documents": list(case.attachments.filter(role=Attachment.Role.ANSWER)) if answered else [],
        "satisfied": case.satisfied,
        "can_rate": answered and case.satisfied is None,
    }


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = forms.LookupForm(request.GET or None)
    if not form.is_valid():
        return render(request, "petitions/public/lookup.html", {"lookup": form})
    if not allow(request, "lookup"):
        return _too_many(request)
    case = queries.by_code(form.cleaned_data["ma"])
    if case is None:
        # The same words and status for a code that does not exist and one the public may not see.
        return render(
            request, "petitions/public/lookup.html", {"lookup": form, "not_found": _(NOT_FOUND)}, status=404
        )
    view = _public_view(case)
    rate_form = forms.RateForm(initial={"ma": case.code})
    response = render(
        request, "petitions/public/lookup.html", {"lookup": form, "view": view, "rate_form": rate_form}
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    if not allow(request, "submit"):
        return _too_many(request)
    form = forms.RateForm(request.POST)
    case = queries.by_code(request.POST.get("ma", ""))
    if case is None or not form.is_valid():
        status = 404 if case is None else 400
        message = _(NOT_FOUND) if case is None else _("Chọn hài lòng hoặc chưa hài lòng.")
        return render(request, "petitions/public/message.html", {"message": message}, status=status)
    try:
        actions.do_rate_answer(
            case,
            acting_user=PUBLIC,
            satisfied=form.cleaned_data["satisfied"],
            comment=form.cleaned_data["comment"],
        )
    except ActionError as exc:
        return render(request, "petitions/public/message.html", {"message": exc.message}, status=exc.status)
    return render(
        request,
        "petitions/public/message.html",
        {"message": _("Cảm ơn bạn đã cho biết ý kiến về câu trả lời.")},
    )


@require_GET
def answer_document(request: HttpRequest, code: str, attachment_id: int) -> HttpResponseBase:
    if not allow(request, "lookup"):
        return _too_many(request)
    case = queries.by_code(code)
    if case is None or case.status not in (Status.ANSWERED, Status.INFORMED, Status.CLOSED):
        raise Http404
    att = case.attachments.filter(pk=attachment_id, role=Attachment.Role.ANSWER).first()
    if att is None:
        raise Http404
    return file_response(att.file, filename=att.name, content_type=att.content_type, as_attachment=False)


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, int]:
    year = id_param(request.GET.get("nam")) or timezone.localdate().year
    year = min(max(year, 2000), 2100)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), year


@require_GET
def answered(request: HttpRequest) -> HttpResponse:
    unit = None
    wanted = id_param(request.GET.get("don_vi"))
    if wanted:
        unit = Unit.objects.filter(pk=wanted).first()
    cases: QuerySet[Case] = queries.published(unit)
    page = paginate(request, cases, 20)
    start, end, year = _period(request)
    rates = queries.on_time_by_agency(unit, start, end) if unit is not None else []
    context = {"page": page, "unit": unit, "rates": rates, "year": year}
    return render(request, "petitions/public/answered.html", context)
