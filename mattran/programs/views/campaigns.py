"""Campaigns and movements: the list, one campaign's page, launching and editing one, joining it."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import fetch, form_error, paginate, require
from mattran.meetings.models import Meeting
from mattran.org.models import Unit
from mattran.org.queries import ancestors, children, subtree_ids
from mattran.reports.models import Indicator as ReportIndicator

from .. import actions, forms
from ..models import Campaign, CampaignParticipation, ProgramTask
from .common import command, own_unit, press, require_own_unit

VIEW = "programs.view_campaign"
FIELDS = ("kind", "name", "launching_body", "launched_on", "ends_on", "description")


@login_required
@require_safe
def campaigns(request: HttpRequest) -> HttpResponse:
    """The national campaigns, those launched above or below the user's unit, and those it takes part in."""
    unit = own_unit(request)
    qs = Campaign.objects.all()
    if unit is not None and not request.user.is_superuser:
        above = [u.pk for u in ancestors(unit, include_self=True)]
        qs = qs.filter(
            Q(is_national=True)
            | Q(launching_unit_id__in=above)
            | Q(launching_unit_id__in=subtree_ids(unit))
            | Q(pk__in=CampaignParticipation.objects.filter(unit=unit).values("campaign_id"))
        )
    qs = (
        qs.select_related("launching_unit__level")
        .annotate(n_units=Count("participations"))
        .order_by("-is_national", "-launched_on", "name")
    )
    can_create = unit is not None and request.user.has_perm("programs.create_campaign", unit)
    return render(
        request, "programs/campaigns.html", {"page": paginate(request, qs), "can_create": can_create}
    )


def _enrollable(unit: Unit) -> QuerySet[Unit]:
    """The units a unit may enrol in its campaign from the page: itself and its current direct children."""
    return (
        Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=children(unit).values("pk")))
        .select_related("level")
        .order_by("depth", "name")
    )


def _initial(campaign: Campaign | None, unit: Unit | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The form's initial values and the indicator rows: a new campaign's defaults, or the campaign's own."""
    if campaign is None:
        initial: dict[str, Any] = {"launched_on": timezone.localdate()}
        if unit is not None:
            initial |= {"launching_body": unit.committee_name, "participants": [unit.pk]}
        return initial, []
    initial = {f: getattr(campaign, f) for f in FIELDS}
    initial["participants"] = list(campaign.participations.values_list("unit_id", flat=True))
    rows = [
        {"name": i.name, "measure": i.measure, "indicator": i.indicator_code or None}
        for i in campaign.indicators.all()
    ]
    return initial, rows


def _save(
    request: HttpRequest, campaign: Campaign | None, unit: Unit | None, form: forms.CampaignForm, formset: Any
) -> Campaign:
    """Launch the campaign, or change it: one action with the form's fields, indicators and units."""
    data = dict(form.cleaned_data)
    indicators = [r for r in (f.row() for f in formset.forms) if r]
    participants = data.pop("participants", None)
    if campaign is None:
        return actions.do_create_campaign(
            acting_user=request.user,
            launching_unit=unit,
            indicators=indicators,
            participants=participants or [],
            **data,
        )
    return actions.do_update_campaign(
        campaign, acting_user=request.user, indicators=indicators, participants=participants, **data
    )


def _form_page(request: HttpRequest, *, campaign: Campaign | None, unit: Unit | None) -> HttpResponse:
    """The create and edit page: the campaign's fields, its indicators and (for a unit's campaign) its units."""
    initial, rows = _initial(campaign, unit)
    post = request.POST if request.method == "POST" else None
    form = forms.CampaignForm(post, units=_enrollable(unit) if unit is not None else None, initial=initial)
    formset = forms.CampaignIndicatorFormSet(post, initial=rows, prefix="chi-tieu")
    if post is not None and form.is_valid() and formset.is_valid():
        try:
            saved = _save(request, campaign, unit, form, formset)
        except PermissionDenied:
            raise
        except ActionError as exc:
            if exc.field == "indicators":
                formset.non_form_errors().append(exc.message)
            else:
                form_error(form, exc)
        else:
            messages.success(
                request, _("Đã tạo cuộc vận động, phong trào.") if campaign is None else _("Đã lưu.")
            )
            return redirect("programs:campaign", saved.pk)
    title = (
        _("Cuộc vận động, phong trào mới")
        if campaign is None
        else _("Sửa: %(name)s") % {"name": campaign.name}
    )
    return render(
        request,
        "programs/campaign_form.html",
        {"form": form, "formset": formset, "campaign": campaign, "title": title},
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    unit = require_own_unit(request)
    require(request, "programs.create_campaign", unit)
    return _form_page(request, campaign=None, unit=unit)


@login_required
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = fetch(
        request, Campaign.objects.select_related("launching_unit"), campaign_id, "programs.change_campaign"
    )
    return _form_page(request, campaign=campaign, unit=campaign.launching_unit)


def _can_join(request: HttpRequest, campaign: Campaign, unit: Unit | None) -> bool:
    return (
        unit is not None
        and request.user.has_perm("programs.enrol_campaign", unit)
        and not campaign.participations.filter(unit=unit).exists()
    )


def _units_to_enrol(request: HttpRequest, campaign: Campaign, unit: Unit | None) -> list[Unit]:
    """The units directly below the user's (below the centre for a superuser without one) not enrolled yet."""
    parent = unit
    if parent is None and request.user.is_superuser:
        parent = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).first()
    if parent is None or not request.user.has_perm("programs.enrol_campaign", parent):
        return []
    enrolled = set(campaign.participations.values_list("unit_id", flat=True))
    return [u for u in children(parent) if u.pk not in enrolled]


@login_required
@require_safe
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = fetch(request, Campaign.objects.select_related("launching_unit"), campaign_id, VIEW)
    unit = own_unit(request)
    participations = campaign.participations.select_related("unit__level")
    if unit is not None and not request.user.is_superuser and campaign.launching_unit_id != unit.pk:
        participations = participations.filter(unit_id__in=subtree_ids(unit))
    indicators = list(campaign.indicators.all())
    report_names = dict(
        ReportIndicator.objects.filter(
            code__in={i.indicator_code for i in indicators if i.indicator_code}
        ).values_list("code", "name")
    )
    tasks = ProgramTask.objects.filter(campaign=campaign, content__program__unit=unit)
    return render(
        request,
        "programs/campaign_detail.html",
        {
            "campaign": campaign,
            "indicators": [(i, report_names.get(i.indicator_code, "")) for i in indicators],
            "can_change": request.user.has_perm("programs.change_campaign", campaign),
            "participations": participations.order_by("unit__name")[:200],
            "tasks": tasks.select_related("content__program") if unit else [],
            "can_join": _can_join(request, campaign, unit),
            "enrollable": _units_to_enrol(request, campaign, unit),
            "figures": campaign.figures.select_related("unit", "indicator", "meeting")[:200],
            "meetings": campaign.meetings.select_related("unit").order_by("-starts_at")[:50],
            # the same test as the figure page: a participating unit the user may act for
            "can_record_figure": any(
                request.user.has_perm("programs.enrol_campaign", p.unit)
                for p in campaign.participations.select_related("unit")[:500]
            ),
        },
    )


@login_required
@command("programs:campaign")
def campaign_join(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The user's unit registers for the campaign, or the upper level (or the superuser) enrols a unit
    chosen from its units (``unit`` in the POST)."""
    campaign = fetch(request, Campaign, campaign_id, VIEW)
    chosen = request.POST.get("unit", "")
    if chosen:
        if not chosen.isdigit():
            messages.error(request, _("Chọn đơn vị đăng ký."))
            return redirect("programs:campaign", campaign.pk)
        unit = fetch(request, Unit.objects.select_related("level"), int(chosen), "programs.enrol_campaign")
    else:
        unit = require_own_unit(request)
        require(request, "programs.enrol_campaign", unit)
    return press(
        request,
        lambda: actions.do_join_campaign(campaign, acting_user=request.user, unit=unit),
        back=reverse("programs:campaign", args=[campaign.pk]),
        success=_("%(unit)s đã đăng ký tham gia.") % {"unit": unit.name},
    )


@login_required
def campaign_figure(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Record a campaign's figure for a unit taking part (the user's unit or one below it)."""
    campaign = fetch(request, Campaign, campaign_id, VIEW)
    units = [
        p.unit
        for p in campaign.participations.select_related("unit__level").order_by("unit__name")[:500]
        if request.user.has_perm("programs.enrol_campaign", p.unit)
    ]
    if not units:
        raise PermissionDenied(
            _("Đơn vị của bạn (và các đơn vị trực thuộc) chưa đăng ký tham gia cuộc vận động này.")
        )
    form = forms.CampaignFigureForm(
        request.POST or None, units=units, indicators=list(campaign.indicators.all())
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_campaign_figure(campaign, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi số liệu."))
            return redirect(reverse("programs:campaign", args=[campaign.pk]) + "#so-lieu")
    return render(
        request,
        "programs/form.html",
        {
            "form": form,
            "title": _("Ghi số liệu: %(campaign)s") % {"campaign": campaign.name},
            "submit": _("Ghi"),
        },
    )


@login_required
def campaign_attach(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Attach a campaign to a meeting that reviewed, launched or reported on it."""
    meeting = fetch(
        request,
        Meeting.objects.select_related("unit"),
        meeting_id,
        "meetings.record_meeting",
        on=attrgetter("unit"),
    )
    campaigns_ = list(Campaign.objects.exclude(meetings=meeting).order_by("name")[:500])
    form = forms.CampaignAttachForm(request.POST or None, campaigns=campaigns_)
    back = reverse("meetings:meeting", args=[meeting.pk])
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_attach_campaign_to_meeting(
                form.cleaned_data["campaign"], acting_user=request.user, meeting=meeting
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã gắn cuộc vận động với hội nghị."))
            return redirect(back)
    return render(
        request,
        "programs/form.html",
        {
            "form": form,
            "title": _("Gắn cuộc vận động, phong trào: %(meeting)s") % {"meeting": meeting.heading},
            "submit": _("Gắn"),
        },
    )
