"""The cadres' pages of citizens' cases: the list (own unit or subtree, overdue first and red), intake,
the case page with one form per next step, documents and files. Thin: fetch and authorise, parse, call one
action, answer."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError
from mattran.core.media import file_response
from mattran.core.models import AuditEntry
from mattran.core.sheets import SheetField, upload_page, xlsx_response
from mattran.core.web import document_response, fetch, form_error, id_param, paginate, require
from mattran.meetings.models import Meeting
from mattran.org.models import Unit
from mattran.org.queries import central_unit

from . import actions, documents, forms, queries
from .actions import batch
from .models import OPEN_STATUSES, Attachment, Case, CouncilSession, Kind, Status, Submitter
from .rules import may_see_identity


def _unit(request: HttpRequest) -> Unit:
    """The unit the list is about: ?don_vi=<id> (within the reader's scope) or the user's own."""
    wanted = id_param(request.GET.get("don_vi"))
    if wanted:
        return fetch(request, Unit, wanted, "petitions.view_case")
    profile = profile_of(request.user)
    if profile is not None:
        return profile.unit
    central = central_unit() if request.user.is_superuser else None  # the superuser reads the whole tree
    if central is None:
        raise DjangoPermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return central


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    today = timezone.localdate()
    subtree = request.GET.get("cap_duoi") == "1"
    base = queries.cases_of(unit, subtree=subtree)
    cases = queries.overdue_first(queries.filtered(base, request.GET, today), today)
    page = paginate(request, cases, 50)
    context = {
        "unit": unit,
        "page": page,
        "today": today,
        "subtree": subtree,
        "overdue_by_agency": queries.overdue_by_agency(base, today),
        "overdue_total": base.overdue(today).count(),
        "open_total": base.filter(status__in=OPEN_STATUSES).count(),
        "statuses": Status.choices,
        "kinds": Kind.choices,
        "params": request.GET,
        "can_receive": request.user.has_perm("petitions.receive_case", unit),
        "query": "&".join(f"{k}={v}" for k, v in request.GET.items() if k != "trang"),
    }
    return render(request, "petitions/index.html", context)


@login_required
def new_case(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    require(request, "petitions.receive_case", unit)
    form = forms.CaseForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = None
        if data.get("meeting"):
            meeting = Meeting.objects.filter(pk=data["meeting"]).first()
            if meeting is None:
                form.add_error("meeting", _("Không có hội nghị mã số này."))
        if not form.errors:
            try:
                case = actions.do_receive_case(
                    acting_user=request.user,
                    unit=unit,
                    kind=data["kind"],
                    summary=data["summary"],
                    text=data["text"],
                    received_on=data["received_on"],
                    channel=data["channel"],
                    field=data["field"],
                    urgency=data["urgency"],
                    residential_area=data["residential_area"],
                    address=data["address"],
                    submitters=[
                        {
                            "full_name": data["full_name"],
                            "phone": data["phone"],
                            "email": data["email"],
                            "address": data["submitter_address"],
                        }
                    ],
                    anonymous=data["anonymous"],
                    reception=data["reception"],
                    meeting=meeting,
                    council_session=data["council_session"],
                    allow_publish=data["allow_publish"],
                    files=data["uploads"],
                )
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã tiếp nhận vụ việc %(c)s.") % {"c": case.display_code})
                return redirect("petitions:case", case.pk)
    return render(
        request,
        "petitions/form.html",
        {"unit": unit, "form": form, "title": _("Tiếp nhận ý kiến, kiến nghị, đơn thư")},
    )


def _history(case: Case) -> list[AuditEntry]:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Case)
    return list(
        AuditEntry.objects.filter(content_type=ct, object_id=str(case.pk))
        .select_related("actor")
        .order_by("at", "id")
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = fetch(
        request,
        Case.objects.select_related("unit", "field", "agency", "merged_into"),
        case_id,
        "petitions.view_case",
    )
    can_handle = request.user.has_perm("petitions.handle_case", case)
    can_identity = may_see_identity(request.user, case)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "case": case,
        "today": today,
        "overdue": case.is_overdue(today),
        "can_handle": can_handle,
        "can_identity": can_identity,
        # An ordinary case shows its submitters to its readers; a sealed one only after an audited reveal.
        "submitters": list(case.submitters.all()) if (can_identity and not case.sealed) else None,
        "submitter_count": case.submitters.count(),
        "attachments": list(case.attachments.all()),
        "history": _history(case),
        "handlers": list(case.handlers.all()),
    }
    if can_handle:
        context.update(
            classify_form=forms.ClassifyForm(
                initial={
                    "kind": case.kind,
                    "field": case.field_id,
                    "urgency": case.urgency,
                    "summary": case.summary,
                }
            ),
            forward_form=forms.ForwardForm(unit=case.unit, initial={"forwarded_on": today}),
            answer_form=forms.AnswerForm(initial={"answered_on": today}),
            date_form=forms.DateForm(initial={"day": today}),
            reason_form=forms.ReasonForm(),
            publish_form=forms.PublishForm(initial={"public_summary": case.public_summary}),
            cadres=list(actions_common_cadres(case)),
        )
    return render(request, "petitions/case.html", context)


def actions_common_cadres(case: Case) -> list[Any]:
    from .actions._common import unit_cadres

    return unit_cadres(case.unit_id)


def _case_for(request: HttpRequest, case_id: int) -> Case:
    return fetch(request, Case.objects.select_related("unit"), case_id, "petitions.handle_case")


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("petitions:case", case.pk)


def _refused(request: HttpRequest, case: Case, exc: ActionError) -> HttpResponse:
    messages.error(request, exc.message)
    return redirect("petitions:case", case.pk)


@login_required
@require_POST
def classify(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    form = forms.ClassifyForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, ActionError(_("Chọn loại, lĩnh vực và mức độ.")))
    try:
        actions.do_classify_case(case, acting_user=request.user, **form.cleaned_data)
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã phân loại."))


@login_required
@require_POST
def forward(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    form = forms.ForwardForm(request.POST, unit=case.unit)
    if not form.is_valid():
        return _refused(
            request, case, ActionError(_("Chọn cơ quan trong danh bạ của đơn vị và ngày chuyển."))
        )
    try:
        actions.do_forward_case(case, acting_user=request.user, **form.cleaned_data)
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã chuyển; tải công văn chuyển để trình ký."))


@login_required
@require_POST
def answer(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    form = forms.AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(
            request, case, ActionError(_("Ghi nội dung, ngày trả lời và đính kèm văn bản trả lời."))
        )
    try:
        actions.do_record_answer(case, acting_user=request.user, **form.cleaned_data)
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã ghi trả lời."))


@login_required
@require_POST
def inform(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    form = forms.DateForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, ActionError(_("Nhập ngày.")))
    try:
        actions.do_inform_citizen(case, acting_user=request.user, informed_on=form.cleaned_data["day"])
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã ghi thông báo kết quả cho người dân."))


@login_required
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    try:
        actions.do_close_case(case, acting_user=request.user)
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã kết thúc vụ việc."))


@login_required
@require_POST
def reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    try:
        actions.do_reopen_case(case, acting_user=request.user, reason=request.POST.get("reason", ""))
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã mở lại vụ việc."))


@login_required
@require_POST
def escalate(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    try:
        upper = actions.do_escalate_case(
            case, acting_user=request.user, reason=request.POST.get("reason", "")
        )
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(
        request, case, _("Đã chuyển lên %(u)s (mã %(c)s).") % {"u": upper.unit.name, "c": upper.display_code}
    )


@login_required
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    from django.contrib.auth import get_user_model

    ids = [id_param(v) for v in request.POST.getlist("handlers")]
    people = list(get_user_model().objects.filter(pk__in=ids))
    try:
        actions.do_assign_handlers(case, acting_user=request.user, handlers=people)
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã giao người xử lý."))


@login_required
@require_POST
def merge(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    codes = [c for c in request.POST.get("codes", "").replace(",", " ").split() if c.strip()]
    found = [queries.by_code(c) for c in codes]
    if not codes or any(c is None for c in found):
        return _refused(
            request, case, ActionError(_("Ghi mã tra cứu của các vụ việc trùng (cách nhau dấu phẩy)."))
        )
    try:
        actions.do_merge_cases(case, acting_user=request.user, duplicates=[c for c in found if c is not None])
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã gộp %(n)s vụ việc trùng.") % {"n": len(found)})


@login_required
@require_POST
def split(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    ids = [id_param(v) for v in request.POST.getlist("submitters")]
    chosen = list(Submitter.objects.filter(pk__in=ids, case=case))
    try:
        new = actions.do_split_case(
            case, acting_user=request.user, submitters=chosen, summary=request.POST.get("summary", "")
        )
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã tách thành vụ việc %(c)s.") % {"c": new.display_code})


@login_required
@require_POST
def publish(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for(request, case_id)
    try:
        actions.do_publish_case(
            case, acting_user=request.user, public_summary=request.POST.get("public_summary", "")
        )
    except ActionError as exc:
        return _refused(request, case, exc)
    return _done(request, case, _("Đã công khai trên cổng thông tin."))


@login_required
@require_POST
def identity(request: HttpRequest, case_id: int) -> HttpResponse:
    """The sealed submitters, after the audited reveal (a POST: a page view that writes the audit log)."""
    case = fetch(request, Case.objects.select_related("unit"), case_id, "petitions.view_case")
    people = actions.do_reveal_identity(case, acting_user=request.user)
    response = render(request, "petitions/identity.html", {"case": case, "submitters": people})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponseBase:
    case = fetch(request, Case, case_id, "petitions.view_case")
    att = Attachment.objects.filter(pk=attachment_id, case=case).first()
    if att is None:
        from django.http import Http404

        raise Http404
    # A denouncer's own papers may name them: the assigned handlers only.
    if case.sealed and att.role == Attachment.Role.EVIDENCE and not may_see_identity(request.user, case):
        raise DjangoPermissionDenied(_("Danh tính người tố cáo được bảo mật."))
    return file_response(att.file, filename=att.name, content_type=att.content_type)


@login_required
@require_GET
def forwarding_letter(request: HttpRequest, case_id: int) -> HttpResponse:
    case = fetch(request, Case.objects.select_related("unit", "agency"), case_id, "petitions.view_case")
    return document_response(documents.forwarding_letter(case), f"cong-van-chuyen-{case.code}")


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    can_receive = request.user.has_perm("petitions.receive_case", unit)
    form = forms.CouncilSessionForm(request.POST or None)
    reception_form = forms.ReceptionForm(request.POST or None, prefix="tiep")
    if request.method == "POST":
        require(request, "petitions.receive_case", unit)
        target = reception_form if request.POST.get("what") == "reception" else form
        if target.is_valid():
            try:
                if target is reception_form:
                    actions.do_create_reception_session(
                        acting_user=request.user, unit=unit, **target.cleaned_data
                    )
                else:
                    actions.do_create_council_session(
                        acting_user=request.user, unit=unit, **target.cleaned_data
                    )
            except ActionError as exc:
                form_error(target, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("petitions:sessions")
    from .models import ReceptionSession

    context = {
        "unit": unit,
        "form": form,
        "reception_form": reception_form,
        "can_receive": can_receive,
        "sessions": CouncilSession.objects.filter(unit=unit),
        "receptions": ReceptionSession.objects.filter(unit=unit)[:30],
    }
    return render(request, "petitions/sessions.html", context)


@login_required
@require_GET
def voters_report(request: HttpRequest, session_id: int) -> HttpResponse:
    session = fetch(request, CouncilSession.objects.select_related("unit"), session_id, "petitions.view_case")
    cases = list(
        session.cases.exclude(status=Status.MERGED)
        .select_related("field", "agency")
        .order_by("field__order", "pk")
    )
    return document_response(documents.voters_report(session, cases), f"kien-nghi-cu-tri-{session.pk}")


@login_required
def deadline_rules(request: HttpRequest) -> HttpResponse:
    """The deadline rules and their legal basis; the superuser changes the number of days."""
    from .models import DeadlineRule

    if not request.user.has_perm("petitions.manage_rules"):
        require(request, "petitions.view_case", _unit(request))
    can_manage = request.user.has_perm("petitions.manage_rules")
    if request.method == "POST":
        rule = fetch(request, DeadlineRule, id_param(request.POST.get("rule")), "petitions.manage_rules")
        try:
            actions.do_set_deadline_rule(
                rule,
                acting_user=request.user,
                working_days=id_param(request.POST.get("working_days")),
                legal_basis=request.POST.get("legal_basis", ""),
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã lưu."))
        return redirect("petitions:rules")
    rules_ = DeadlineRule.objects.all()
    return render(request, "petitions/rules.html", {"rules": rules_, "can_manage": can_manage})


class ImportForm(django_forms.Form):
    file = SheetField()


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    """The Excel batch: download the template, upload it filled; all rows or none."""
    unit = _unit(request)
    require(request, "petitions.receive_case", unit)
    if request.GET.get("mau") == "1":
        return xlsx_response(batch.template(), "mau-tiep-nhan-y-kien.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)

    def done(outcome: Any) -> HttpResponse:
        messages.success(request, _("Đã tiếp nhận %(n)s vụ việc từ tệp Excel.") % {"n": len(outcome[0])})
        return redirect("petitions:index")

    return upload_page(
        request,
        form,
        run=lambda data: actions.do_import_cases(
            acting_user=request.user, unit=unit, data=data["file"].read()
        ),
        errors=lambda outcome: outcome[1],
        done=done,
        template="petitions/import.html",
        context={"unit": unit},
        submit=_("Kiểm tra và nhập"),
        cancel=reverse("petitions:index"),
    )
