"""The supervision pages: the dashboard, a programme, an activity step by step with its documents, and the
recommendations with their answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.media import file_response
from mattran.core.web import document_response, fetch, id_param, paginate, require
from mattran.meetings.models import Meeting
from mattran.org.models import Agency, MemberOrganization, Unit, UnitClosure

from .. import actions, documents, forms, queries
from ..models import (
    ActivityStatus,
    CriticismDraft,
    Recommendation,
    RecommendationStatus,
    Session,
    SessionPhoto,
    SubjectKind,
    SupervisionActivity,
    SupervisionProgramme,
)
from .common import MANAGE, VIEW, _own_unit, _press, _run, command

# --- dashboard -----------------------------------------------------------------------------------------------


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The unit's (and its subtree's) supervision this year: programmes, recommendations by body, criticism."""
    unit = _own_unit(request)
    require(request, VIEW, unit)
    year = id_param(request.GET.get("nam")) or timezone.localdate().year
    today = timezone.localdate()
    recs = queries.in_subtree(Recommendation.objects.all(), unit)
    ctx = {
        "unit": unit,
        "year": year,
        "progress": queries.programme_progress(unit, year),
        "by_body": queries.recommendations_by_body(unit, day=today)[:20],
        "overdue": queries.open_overdue(recs, today).count(),
        "waiting": recs.filter(status=RecommendationStatus.OPEN).count(),
        "drafts": queries.in_subtree(CriticismDraft.objects.all(), unit).select_related("unit")[:20],
        "own_programme": SupervisionProgramme.objects.filter(unit=unit, year=year).first(),
        "can_manage": request.user.has_perm(MANAGE, unit),
        "programme_form": forms.ProgrammeForm(initial={"year": year}),
    }
    return render(request, "oversight/index.html", ctx)


@login_required
@command("oversight:index")
def programme_create(request: HttpRequest) -> HttpResponse:
    unit = _own_unit(request)
    require(request, MANAGE, unit)
    form = forms.ProgrammeForm(request.POST)
    if form.is_valid():
        try:
            programme = actions.do_create_programme(acting_user=request.user, unit=unit, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("oversight:index")
        return redirect("oversight:programme", programme.pk)
    messages.error(request, _("Năm không hợp lệ."))
    return redirect("oversight:index")


# --- programme -----------------------------------------------------------------------------------------------


def _meetings(programme: SupervisionProgramme) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        unit_id=programme.unit_id, starts_at__year__in=[programme.year - 1, programme.year]
    ).order_by("-starts_at")


def _orgs(unit_id: int) -> QuerySet[MemberOrganization]:
    return MemberOrganization.objects.filter(unit_id=unit_id, valid_to__isnull=True)


def _agencies(unit: Unit) -> QuerySet[Agency]:
    """The competent bodies a unit may address: its own directory and those of the units above it."""
    above = UnitClosure.objects.filter(descendant_id=unit.pk, valid_to__isnull=True).values("ancestor_id")
    return Agency.objects.filter(Q(unit_id=unit.pk) | Q(unit_id__in=above), active=True).order_by(
        "unit_id", "name"
    )


def _programme_page(request: HttpRequest, programme: SupervisionProgramme, **bound: Any) -> HttpResponse:
    ctx = {
        "programme": programme,
        "activities": programme.activities.select_related("follows").order_by("planned_start", "pk"),
        "can_manage": request.user.has_perm(MANAGE, programme),
        "adopt_form": forms.AdoptForm(meetings=_meetings(programme)),
        "activity_form": forms.ActivityAddForm(orgs=_orgs(programme.unit_id)),
        **bound,
    }
    return render(request, "oversight/programme.html", ctx, status=400 if bound else 200)


@login_required
@require_safe
def programme(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _programme_page(request, fetch(request, SupervisionProgramme, programme_id, VIEW))


@login_required
@command("oversight:programme")
def programme_adopt(request: HttpRequest, programme_id: int) -> HttpResponse:
    p = fetch(request, SupervisionProgramme, programme_id, MANAGE)
    return _run(
        request,
        forms.AdoptForm(request.POST, meetings=_meetings(p)),
        lambda d: actions.do_adopt_programme(p, acting_user=request.user, meeting=d["meeting"]),
        done=reverse("oversight:programme", args=[p.pk]),
        again=lambda f: _programme_page(request, p, adopt_form=f),
        success=_("Đã ghi nhận chương trình được thông qua."),
    )


@login_required
@command("oversight:programme")
def programme_add_activity(request: HttpRequest, programme_id: int) -> HttpResponse:
    p = fetch(request, SupervisionProgramme, programme_id, MANAGE)
    return _run(
        request,
        forms.ActivityAddForm(request.POST, orgs=_orgs(p.unit_id)),
        lambda d: actions.do_add_activity(p, acting_user=request.user, **d),
        done=reverse("oversight:programme", args=[p.pk]),
        again=lambda f: _programme_page(request, p, activity_form=f),
        success=_("Đã thêm hoạt động giám sát."),
    )


@login_required
@command("oversight:programme")
def programme_publish(request: HttpRequest, programme_id: int) -> HttpResponse:
    p = fetch(request, SupervisionProgramme, programme_id, MANAGE)
    publish = request.POST.get("published") == "1"
    return _press(
        request,
        lambda: actions.do_publish_programme(p, acting_user=request.user, published=publish),
        back=reverse("oversight:programme", args=[p.pk]),
    )


# --- activity ------------------------------------------------------------------------------------------------

ACTIVITY_FORMS: dict[str, Callable[[SupervisionActivity, Any, Any], django_forms.Form]] = {
    "subject_form": lambda a, post, files: forms.SubjectForm(post),
    "team_form": lambda a, post, files: forms.TeamForm(post, orgs=_orgs(a.unit_id)),
    "plan_form": lambda a, post, files: forms.PlanForm(post),
    "notice_form": lambda a, post, files: forms.NoticeForm(post),
    "session_form": lambda a, post, files: forms.SessionForm(post),
    "finding_form": lambda a, post, files: forms.FindingForm(post),
    "conclude_form": lambda a, post, files: forms.ConcludeForm(post),
    "recommendation_form": lambda a, post, files: forms.RecommendationForm(post, agencies=_agencies(a.unit)),
}


def _activity_page(request: HttpRequest, activity: SupervisionActivity, **bound: Any) -> HttpResponse:
    can_manage = request.user.has_perm(MANAGE, activity)
    ctx: dict[str, Any] = {
        "activity": activity,
        "programme": activity.programme,
        "can_manage": can_manage,
        "Status": ActivityStatus,
        "answer_form": forms.AnswerForm(),
        "blank_answer_form": forms.AnswerForm(),
        "photo_form": forms.PhotoForm(),
        "blank_photo_form": forms.PhotoForm(),
        "addressees": sorted({r.addressee for r in activity.recommendations.all()}),
        **queries.activity_page_data(activity),
    }
    if can_manage:
        ctx.update({name: make(activity, None, None) for name, make in ACTIVITY_FORMS.items()})
    # Persons under supervision: only to the unit's editors, and each read is audited.
    if request.user.has_perm("oversight.view_persons", activity):
        ctx["persons"] = actions.do_read_subject_persons(activity, acting_user=request.user)
    else:
        ctx["persons_count"] = activity.subjects.filter(kind=SubjectKind.PERSON).count()
    ctx.update(bound)
    return render(request, "oversight/activity.html", ctx, status=400 if bound else 200)


@login_required
@require_safe
def activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = fetch(request, SupervisionActivity.objects.select_related("programme", "unit"), activity_id, VIEW)
    return _activity_page(request, a)


def _step(
    name: str, call: Callable[[SupervisionActivity, HttpRequest, django_forms.Form], Any], success: str
) -> Callable[..., HttpResponse]:
    """The view of one step of an activity: the form ``name`` parsed, the action called."""

    @login_required
    @command("oversight:activity")
    def view(request: HttpRequest, activity_id: int) -> HttpResponse:
        a = fetch(
            request, SupervisionActivity.objects.select_related("programme", "unit"), activity_id, MANAGE
        )
        form = ACTIVITY_FORMS[name](a, request.POST, request.FILES)
        return _run(
            request,
            form,
            lambda d: call(a, request, form),
            done=reverse("oversight:activity", args=[a.pk]),
            again=lambda f: _activity_page(request, a, **{name: f}),
            success=success,
        )

    return view


def _data(form: django_forms.Form) -> dict[str, Any]:
    return dict(form.cleaned_data)


activity_subject = _step(
    "subject_form",
    lambda a, r, f: actions.do_add_subject(a, acting_user=r.user, **_data(f)),
    _("Đã thêm đối tượng giám sát."),
)
activity_team = _step(
    "team_form",
    lambda a, r, f: actions.do_establish_team(
        a,
        acting_user=r.user,
        decision_number=f.cleaned_data["decision_number"],
        decision_on=f.cleaned_data["decision_on"],
        members=cast(forms.TeamForm, f).members(),
    ),  # fmt: skip
    _("Đã thành lập đoàn giám sát."),
)
activity_plan = _step(
    "plan_form",
    lambda a, r, f: actions.do_record_plan(a, acting_user=r.user, **_data(f)),
    _("Đã ghi kế hoạch."),
)
activity_notice = _step(
    "notice_form",
    lambda a, r, f: actions.do_notify_subject(a, acting_user=r.user, **_data(f)),
    _("Đã ghi thông báo giám sát."),
)
activity_session = _step(
    "session_form",
    lambda a, r, f: actions.do_record_session(a, acting_user=r.user, **_data(f)),
    _("Đã ghi buổi làm việc."),
)
activity_finding = _step(
    "finding_form",
    lambda a, r, f: actions.do_add_finding(a, acting_user=r.user, **_data(f)),
    _("Đã ghi kết quả giám sát."),
)
activity_conclude = _step(
    "conclude_form",
    lambda a, r, f: actions.do_conclude_activity(a, acting_user=r.user, **_data(f)),
    _("Đã kết luận giám sát."),
)
activity_recommend = _step(
    "recommendation_form",
    lambda a, r, f: actions.do_make_recommendation(a, acting_user=r.user, **_data(f)),
    _("Đã ghi kiến nghị."),
)


@login_required
@command("oversight:index")
def session_photo(request: HttpRequest, session_id: int) -> HttpResponse:
    session = fetch(request, Session.objects.select_related("activity"), session_id, MANAGE)
    a = session.activity
    return _run(
        request,
        forms.PhotoForm(request.POST, request.FILES),
        lambda d: actions.do_add_session_photo(session, acting_user=request.user, **d),
        done=reverse("oversight:activity", args=[a.pk]),
        again=lambda f: _activity_page(request, a, photo_form=f, photo_for=session.pk),
        success=_("Đã lưu ảnh hiện trường."),
    )


@login_required
@require_safe
def photo_file(request: HttpRequest, photo_id: int) -> HttpResponseBase:
    photo = fetch(request, SessionPhoto, photo_id, VIEW)
    return file_response(photo.file, filename=photo.name, as_attachment=False)


@login_required
@command("oversight:activity")
def activity_follow_up(request: HttpRequest, activity_id: int) -> HttpResponse:
    a = fetch(request, SupervisionActivity, activity_id, MANAGE)
    return _press(
        request,
        lambda: actions.do_plan_follow_up(a, acting_user=request.user),
        back=reverse("oversight:activity", args=[a.pk]),
        success=_("Đã đưa việc giám sát lại vào chương trình."),
    )


DOCUMENTS: dict[str, tuple[Callable[[SupervisionActivity], Any], str]] = {
    "quyet-dinh": (documents.team_decision, "quyet-dinh-thanh-lap-doan-giam-sat"),
    "ke-hoach": (documents.plan_document, "ke-hoach-giam-sat"),
    "thong-bao": (documents.notice_document, "thong-bao-giam-sat"),
    "bao-cao": (documents.report_document, "bao-cao-ket-qua-giam-sat"),
}


@login_required
@require_safe
def activity_document(request: HttpRequest, activity_id: int, kind: str, fmt: str) -> HttpResponse:
    a = fetch(request, SupervisionActivity.objects.select_related("programme", "unit"), activity_id, VIEW)
    if kind not in DOCUMENTS:
        raise Http404
    build, filename = DOCUMENTS[kind]
    return document_response(build(a), f"{filename}-{a.pk}", fmt)


@login_required
@require_safe
def recommendation_letter(request: HttpRequest, activity_id: int, fmt: str) -> HttpResponse:
    a = fetch(request, SupervisionActivity.objects.select_related("programme", "unit"), activity_id, VIEW)
    addressee = request.GET.get("co-quan", "")
    if not a.recommendations.filter(addressee=addressee).exists():
        raise Http404
    return document_response(documents.recommendation_letter(a, addressee), f"van-ban-kien-nghi-{a.pk}", fmt)


# --- recommendations -----------------------------------------------------------------------------------------


@login_required
@require_safe
def recommendations(request: HttpRequest) -> HttpResponse:
    unit = _own_unit(request)
    require(request, VIEW, unit)
    today = timezone.localdate()
    qs = queries.in_subtree(Recommendation.objects.all(), unit).select_related("unit", "activity")
    which = request.GET.get("loc", "")
    if which == "qua-han":
        qs = queries.open_overdue(qs, today)
    elif which == "cho":
        qs = qs.filter(status=RecommendationStatus.OPEN)
    page = paginate(request, qs.order_by("status", "due_on", "pk"))
    return render(
        request,
        "oversight/recommendations.html",
        {
            "unit": unit,
            "page": page,
            "today": today,
            "which": which,
            "by_body": queries.recommendations_by_body(unit, day=today),
        },
    )


@login_required
@command("oversight:recommendations")
def recommendation_answer(request: HttpRequest, rec_id: int) -> HttpResponse:
    rec = fetch(request, Recommendation.objects.select_related("activity"), rec_id, MANAGE)
    a = rec.activity
    return _run(
        request,
        forms.AnswerForm(request.POST, request.FILES),
        lambda d: actions.do_answer_recommendation(rec, acting_user=request.user, **d),
        done=reverse("oversight:activity", args=[a.pk]),
        again=lambda f: _activity_page(request, a, answer_form=f, answer_for=rec.pk),
        success=_("Đã ghi câu trả lời kiến nghị."),
    )


@login_required
@command("oversight:recommendations")
def recommendation_close(request: HttpRequest, rec_id: int) -> HttpResponse:
    rec = fetch(request, Recommendation.objects.select_related("activity"), rec_id, MANAGE)
    return _press(
        request,
        lambda: actions.do_close_recommendation(
            rec, acting_user=request.user, note=request.POST.get("note", "")
        ),
        back=reverse("oversight:activity", args=[rec.activity_id]),
    )


@login_required
@require_safe
def answer_file(request: HttpRequest, rec_id: int) -> HttpResponseBase:
    rec = fetch(request, Recommendation, rec_id, VIEW)
    if not rec.answer_file:
        raise Http404
    return file_response(rec.answer_file, filename=rec.answer_file_name)
