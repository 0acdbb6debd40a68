"""The households a unit supports: the list (with its Excel import), one household, adding one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import form_error, paginate, require
from mattran.org.models import Unit

from .. import actions, beneficiaries, forms
from ..models import Beneficiary
from .common import XLSX, _form_page, _params


@login_required
def beneficiary_list(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "funds.view_fund", unit)
    if request.GET.get("mau") == "1":
        response = HttpResponse(beneficiaries.template_workbook(unit), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ho.xlsx"'
        return response
    form = forms.BeneficiaryImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST":
        require(request, "funds.manage_beneficiaries", unit)
        if form.is_valid():
            try:
                created, parsed = actions.do_import_beneficiaries(
                    acting_user=request.user, unit=unit, data=form.cleaned_data["file"].read()
                )
            except ActionError as exc:
                form_error(form, exc)
            else:
                if parsed.errors:
                    errors = parsed.errors
                else:
                    messages.success(request, _("Đã thêm %(created)s hộ.") % {"created": len(created)})
                    return redirect("funds:beneficiaries", unit.pk)
    areas = list(Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("sort_name"))
    filters = forms.BeneficiaryFilterForm(request.GET or None, areas=areas)
    households = Beneficiary.objects.filter(unit=unit).with_received().select_related("area")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            households = households.filter(search_name__contains=fold(data["q"]))
        if data["dien"]:
            households = households.filter(category=data["dien"])
        if data["khu"]:
            households = households.filter(area_id=data["khu"])
    return render(
        request,
        "funds/beneficiaries.html",
        {
            "unit": unit,
            "form": form,
            "filters": filters,
            "errors": errors,
            "page": paginate(request, households.order_by("search_name", "id")),
            "params": _params(request),
            "can_write": request.user.has_perm("funds.manage_beneficiaries", unit),
        },
    )


@login_required
def beneficiary_detail(request, beneficiary_id: int):
    household = get_object_or_404(Beneficiary.objects.select_related("unit", "area"), pk=beneficiary_id)
    require(request, "funds.view_fund", household)
    shares = list(
        household.shares.select_related(
            "disbursement__fund__unit", "disbursement__decision", "disbursement__entry__reversed_by"
        ).order_by("-disbursement__date", "-id")
    )
    received = [s for s in shares if not s.disbursement.cancelled]
    return render(
        request,
        "funds/beneficiary.html",
        {
            "household": household,
            "shares": shares,
            "total": sum(s.amount for s in received),
            "gifts": sum(s.gift_count or 0 for s in received),
        },
    )


@login_required
def new_beneficiary(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "funds.manage_beneficiaries", unit)
    areas = list(Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("sort_name"))
    form = forms.BeneficiaryForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area_id = data.pop("area")
        area = next((a for a in areas if a.pk == area_id), None)
        try:
            household = actions.do_add_beneficiary(acting_user=request.user, unit=unit, area=area, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm hộ %(household)s.") % {"household": household.head_name})
            return redirect("funds:beneficiaries", unit.pk)
    return _form_page(request, form, title=_("Thêm hộ — %(unit)s") % {"unit": unit}, back="funds:index")
