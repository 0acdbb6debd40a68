"""Support paid from funds: decisions, disbursements (lists, one, a new one), houses and their progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import form_error, paginate, require
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids

from .. import actions, forms
from ..models import Beneficiary, Decision, Disbursement, DisbursementKind, DisbursementShare, HouseState
from ..rules import visible_shares
from .common import HOUSEHOLD_CHOICES, _form_page, _fund, _params


@login_required
def new_decision(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_create_decision(acting_user=request.user, unit=fund.unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi quyết định."))
            return redirect("funds:disbursement_new", fund.pk)
    return _form_page(
        request, form, title=_("Quyết định hỗ trợ — %(unit)s") % {"unit": fund.unit}, back="funds:index"
    )


@login_required
def new_disbursement(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    decisions = list(Decision.objects.filter(unit=fund.unit).order_by("-date", "-id")[:100])
    if not decisions:
        messages.info(request, _("Cần ghi quyết định hỗ trợ trước khi chi."))
        return redirect("funds:decision_new", fund.pk)
    households = (
        Beneficiary.objects.filter(unit=fund.unit).select_related("area").order_by("search_name", "id")
    )
    places = [
        fund.unit,
        *Unit.objects.filter(parent=fund.unit, valid_to__isnull=True).order_by("sort_name"),
    ]
    form = forms.DisbursementForm(
        request.POST or None,
        decisions=decisions,
        beneficiaries=households[:HOUSEHOLD_CHOICES],
        places=places,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision_id, chosen = data.pop("decision"), data.pop("beneficiaries")
        decision = next(d for d in decisions if d.pk == decision_id)
        place_id = data.pop("recipient_unit")
        data["recipient_unit"] = next((u for u in places if u.pk == place_id), None)
        if data.pop("all_households"):
            reached = list(households.filter(category=data["category"]))
        else:
            reached = list(households.filter(pk__in=chosen))
        try:
            disbursement = actions.do_record_disbursement(
                acting_user=request.user, fund=fund, decision=decision, beneficiaries=reached, **data
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi khoản chi."))
            return redirect("funds:disbursement", disbursement.pk)
    return _form_page(
        request, form, title=_("Ghi khoản chi — %(fund)s") % {"fund": fund.name}, back="funds:index"
    )


def _filter_disbursements(qs, form: forms.DisbursementFilterForm):
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["hinh_thuc"]:
        qs = qs.filter(kind=data["hinh_thuc"])
    if data["dien"]:
        qs = qs.filter(category=data["dien"])
    if data["quyet_dinh"]:
        qs = qs.filter(decision_id=data["quyet_dinh"])
    if data["tu_ngay"]:
        qs = qs.filter(date__gte=data["tu_ngay"])
    if data["den_ngay"]:
        qs = qs.filter(date__lte=data["den_ngay"])
    if data["q"]:
        folded = fold(data["q"])
        named = DisbursementShare.objects.filter(
            disbursement=OuterRef("pk"), beneficiary__search_name__contains=folded
        )
        qs = qs.filter(
            Q(description__icontains=data["q"]) | Q(decision__number__icontains=data["q"]) | Exists(named)
        )
    return qs


def _disbursement_page(request, qs, *, decisions, fund=None, unit, whole_tree=False):
    form = forms.DisbursementFilterForm(request.GET or None, decisions=decisions)
    qs = _filter_disbursements(qs, form)
    totals = qs.active().aggregate(total=Sum("amount"), gifts=Sum("gift_count"), count=Count("id"))
    totals["households"] = (
        DisbursementShare.objects.filter(disbursement__in=qs.active())
        .values("beneficiary")
        .distinct()
        .count()
    )
    return render(
        request,
        "funds/disbursements.html",
        {
            "fund": fund,
            "unit": unit,
            "form": form,
            "whole_tree": whole_tree,
            "extra": [("cay", "1")] if whole_tree else [],
            "totals": totals,
            "page": paginate(request, qs.listed().order_by("-date", "-id")),
            "params": _params(request),
            "can_write": fund is not None and request.user.has_perm("funds.post_entry", fund),
        },
    )


@login_required
def fund_disbursements(request, fund_id: int):
    fund = _fund(request, fund_id)
    decisions = Decision.objects.filter(unit=fund.unit).order_by("-date", "-id")[:200]
    return _disbursement_page(
        request, fund.disbursements.all(), decisions=decisions, fund=fund, unit=fund.unit
    )


@login_required
def unit_disbursements(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "funds.view_fund", unit)
    whole_tree = request.GET.get("cay") == "1"
    units = subtree_ids(unit) if whole_tree else [unit.pk]
    decisions = Decision.objects.filter(unit=unit).order_by("-date", "-id")[:200]
    qs = Disbursement.objects.filter(fund__unit_id__in=units)
    return _disbursement_page(request, qs, decisions=decisions, unit=unit, whole_tree=whole_tree)


@login_required
def disbursement_detail(request, disbursement_id: int):
    disbursement = get_object_or_404(
        Disbursement.objects.select_related(
            "fund__unit",
            "decision",
            "appeal",
            "recipient_unit",
            "entry__posted_by",
            "entry__reversed_by",
        ),
        pk=disbursement_id,
    )
    require(request, "funds.view_disbursement", disbursement)
    can_update = (
        disbursement.kind == DisbursementKind.HOUSE
        and disbursement.handed_over_on is None
        and not disbursement.cancelled
        and request.user.has_perm("funds.update_house", disbursement)
    )
    shares = (
        visible_shares(request.user, disbursement)
        .select_related("beneficiary__area")
        .order_by("beneficiary__search_name", "id")
    )
    return render(
        request,
        "funds/disbursement.html",
        {
            "d": disbursement,
            "can_view_fund": request.user.has_perm("funds.view_fund", disbursement.fund),
            "entry": disbursement.entry,
            "shares": paginate(request, shares),
            "steps": disbursement.progress_updates.select_related("recorded_by").order_by("date", "id"),
            "progress_form": forms.HouseProgressForm() if can_update else None,
            "can_reverse": not disbursement.cancelled
            and request.user.has_perm("funds.post_entry", disbursement.fund),
        },
    )


@login_required
def house_progress(request, disbursement_id: int):
    house = get_object_or_404(Disbursement.objects.select_related("fund__unit"), pk=disbursement_id)
    require(request, "funds.update_house", house)
    form = forms.HouseProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            step = actions.do_record_house_progress(
                acting_user=request.user, disbursement=house, **form.cleaned_data
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi tiến độ: %(stage)s %(percent)s%%.")
                % {"stage": step.get_stage_display(), "percent": step.percent},
            )
            return redirect("funds:disbursement", house.pk)
    return _form_page(
        request, form, title=_("Tiến độ nhà — %(house)s") % {"house": house.description}, back="funds:index"
    )


@login_required
def unit_houses(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "funds.view_fund", unit)
    houses = Disbursement.objects.houses().in_area(unit)
    states = houses.active().aggregate(
        **{state: Count("id", filter=_state_q(state)) for state in HouseState.values}
    )
    form = forms.HouseFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["tinh_trang"]:
            houses = houses.in_house_state(data["tinh_trang"])
        if data["loai"]:
            houses = houses.filter(house_work=data["loai"])
        if data["nam"]:
            houses = houses.filter(date__year=data["nam"])
    return render(
        request,
        "funds/houses.html",
        {
            "unit": unit,
            "form": form,
            "states": [(HouseState(k), v) for k, v in states.items()],
            "current": request.GET.get("tinh_trang", ""),
            "page": paginate(request, houses.listed().order_by("handed_over_on", "-date", "-id")),
            "params": _params(request),
        },
    )


def _state_q(state: str) -> Q:
    """The condition of a house state, for counting every state in one query."""
    if state == HouseState.HANDED_OVER:
        return Q(handed_over_on__isnull=False)
    waiting = Q(handed_over_on__isnull=True)
    if state == HouseState.FINISHED:
        return waiting & Q(house_progress=100)
    if state == HouseState.BUILDING:
        return waiting & Q(house_progress__gt=0, house_progress__lt=100)
    return waiting & (Q(house_progress=0) | Q(house_progress__isnull=True))
