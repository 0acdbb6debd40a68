"""The directory of competent bodies of a unit: list, add, correct, take out of use."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from mattran.core.errors import ActionError
from mattran.core.web import fetch, form_error

from . import actions
from .models import Agency, AgencyKind, Unit


class AgencyForm(forms.Form):
    name = forms.CharField(label=_l("Tên cơ quan"), max_length=250)
    kind = forms.ChoiceField(label=_l("Loại"), choices=AgencyKind.choices)
    address = forms.CharField(label=_l("Địa chỉ"), max_length=300, required=False)
    email = forms.EmailField(label=_l("Thư điện tử"), required=False)


@login_required
def agencies(request, unit_id: int):
    unit = fetch(request, Unit, unit_id, "org.view_agencies")
    can_manage = request.user.has_perm("org.manage_agencies", unit)
    form = AgencyForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            fetch(request, Unit, unit_id, "org.manage_agencies")
        if form.is_valid():
            try:
                actions.do_create_agency(acting_user=request.user, unit=unit, **form.cleaned_data)
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã thêm %(name)s.") % {"name": form.cleaned_data["name"]})
                return redirect("org:agencies", unit.pk)
    rows = Agency.objects.filter(unit=unit).order_by("-active", "kind", "name")
    context = {"unit": unit, "agencies": rows, "form": form, "can_manage": can_manage}
    return render(request, "org/agencies.html", context)


@login_required
def agency_edit(request, agency_id: int):
    agency = fetch(request, Agency.objects.select_related("unit"), agency_id, "org.manage_agencies")
    initial = {"name": agency.name, "kind": agency.kind, "address": agency.address, "email": agency.email}
    form = AgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_agency(agency, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("org:agencies", agency.unit_id)
    title = _("Sửa cơ quan")
    return render(
        request, "org/form.html", {"unit": agency.unit, "form": form, "title": title, "submit": _("Lưu")}
    )


@login_required
@require_POST
def agency_toggle(request, agency_id: int):
    agency = fetch(request, Agency.objects.select_related("unit"), agency_id, "org.manage_agencies")
    try:
        actions.do_set_agency_active(agency, acting_user=request.user, active=not agency.active)
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect("org:agencies", agency.unit_id)
