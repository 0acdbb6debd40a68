"""Fund pages for unit staff: the list, opening a fund, a fund's ledger, its appeals and accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.web import form_error, id_param, paginate, require
from mattran.org.models import Unit

from .. import actions, forms, queries
from ..rules import funds_in_scope
from .common import _form_page, _fund


@login_required
def index(request):
    funds = funds_in_scope(request.user).order_by("unit__depth", "unit__sort_name", "name")
    profile = profile_of(request.user)
    own = profile.unit if profile else None
    can_create = own is not None and request.user.has_perm("funds.manage_fund", own)
    return render(
        request, "funds/index.html", {"page": paginate(request, funds), "own": own, "can_create": can_create}
    )


@login_required
def create_fund(request):
    profile = profile_of(request.user)
    wanted = request.GET.get("don-vi")
    unit = get_object_or_404(Unit, pk=id_param(wanted) if wanted else (profile.unit_id if profile else 0))
    require(request, "funds.manage_fund", unit)
    form = forms.FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = actions.do_create_fund(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã mở %(fund)s.") % {"fund": fund.name})
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=_("Mở quỹ — %(unit)s") % {"unit": unit}, back="funds:index")


@login_required
def fund_detail(request, fund_id: int):
    fund = _fund(request, fund_id)
    entries = fund.entries.select_related("reversed_by").order_by("-date", "-id")
    return render(
        request,
        "funds/fund.html",
        {
            "fund": fund,
            "page": paginate(request, entries),
            "appeals": fund.appeals.select_related("account").order_by("-opens_on"),
            "accounts": fund.accounts.all(),
            "receipts": fund.receipts.order_by("-id")[:20],
            "disbursements": fund.disbursements.select_related("decision", "beneficiary").order_by("-id")[
                :20
            ],
            "can_write": request.user.has_perm("funds.post_entry", fund),
            "totals": queries.ledger_totals(fund),
        },
    )


@login_required
def new_appeal(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.manage_fund")
    accounts = list(fund.accounts.all())
    form = forms.AppealForm(request.POST or None, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account_id = data.pop("account")
        account = next((a for a in accounts if a.pk == account_id), None)
        try:
            appeal = actions.do_create_appeal(acting_user=request.user, fund=fund, account=account, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã mở lời kêu gọi %(appeal)s.") % {"appeal": appeal})
            if appeal.too_long:
                messages.warning(
                    request,
                    _(
                        "Thời gian tiếp nhận %(receiving_days)s ngày, quá 90 ngày theo Nghị định 93/2021/NĐ-CP."
                    )
                    % {"receiving_days": appeal.receiving_days},
                )
            return redirect("funds:fund", fund.pk)
    return _form_page(
        request, form, title=_("Lời kêu gọi — %(fund)s") % {"fund": fund.name}, back="funds:index"
    )


@login_required
def new_account(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.manage_fund")
    form = forms.AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_create_bank_account(
                acting_user=request.user, unit=fund.unit, fund=fund, **form.cleaned_data
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm tài khoản."))
            return redirect("funds:fund", fund.pk)
    return _form_page(
        request, form, title=_("Tài khoản nhận — %(fund)s") % {"fund": fund.name}, back="funds:index"
    )
