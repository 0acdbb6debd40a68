"""Fund pages for unit staff, and the public transparency portal (no login) under /quy/cong-khai/."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import document_response, form_error, id_param, paginate, require
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids

from . import actions, banks, beneficiaries, documents, forms, importing, queries, vietqr
from .models import (
    Appeal,
    BankAccount,
    BankStatement,
    Beneficiary,
    Decision,
    Disbursement,
    DisbursementKind,
    DisbursementShare,
    Fund,
    HouseState,
    LedgerEntry,
    Receipt,
)
from .public import public_page
from .rules import visible_shares

CSV_LIMIT = 10_000
PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOUSEHOLD_CHOICES = 1000


def _fund(request, fund_id: int, perm: str = "funds.view_fund") -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=fund_id)
    require(request, perm, fund)
    return fund


def _form_page(request, form, *, title: str, back: str, submit: str = "", multipart: bool = False):
    submit = submit or _("Lưu")
    return render(
        request,
        "funds/form.html",
        {"form": form, "title": title, "back": back, "submit": submit, "multipart": multipart},
    )


# --- staff pages -------------------------------------------------------------------------------------


@login_required
def index(request):
    funds = queries.funds_in_scope(request.user).order_by("unit__depth", "unit__search_name", "name")
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
def new_receipt(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    appeals = list(fund.appeals.all())
    form = forms.ReceiptForm(request.POST or None, appeals=appeals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        appeal_id = data.pop("appeal")
        appeal = next((a for a in appeals if a.pk == appeal_id), None)
        try:
            receipt = actions.do_record_receipt(acting_user=request.user, fund=fund, appeal=appeal, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi %(receipt)s.") % {"receipt": receipt})
            return redirect("funds:fund", fund.pk)
    return _form_page(
        request, form, title=_("Ghi khoản thu — %(fund)s") % {"fund": fund.name}, back="funds:index"
    )


@login_required
def receipt_document(request, receipt_id: int, fmt: str = "docx"):
    receipt = get_object_or_404(Receipt.objects.select_related("unit", "fund", "appeal"), pk=receipt_id)
    require(request, "funds.view_fund", receipt.fund)
    return document_response(
        documents.receipt_document(receipt), f"bien-lai-{receipt.year}-{receipt.number:04d}", fmt
    )


@login_required
def reverse_entry(request, entry_id: int):
    entry = get_object_or_404(LedgerEntry.objects.select_related("fund", "fund__unit"), pk=entry_id)
    require(request, "funds.post_entry", entry.fund)
    form = forms.ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_reverse_entry(
                acting_user=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi bút toán đảo."))
            return redirect("funds:fund", entry.fund_id)
    return _form_page(
        request,
        form,
        title=_("Đảo bút toán: %(entry)s") % {"entry": entry},
        back="funds:index",
        submit=_("Ghi bút toán đảo"),
    )


@login_required
def transfer(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    from mattran.org.queries import ancestors, subtree_ids

    related = [u.pk for u in ancestors(fund.unit)]
    targets = Fund.objects.filter(unit_id__in=subtree_ids(fund.unit)).exclude(
        pk=fund.pk
    ) | Fund.objects.filter(unit_id__in=related)
    form = forms.TransferForm(request.POST or None, targets=targets.select_related("unit")[:500])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = get_object_or_404(Fund, pk=data.pop("target"))
        try:
            actions.do_transfer(acting_user=request.user, source=fund, target=target, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã điều tiết."))
            return redirect("funds:fund", fund.pk)
    return _form_page(
        request, form, title=_("Điều tiết từ %(fund)s") % {"fund": fund.name}, back="funds:index"
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


@login_required
def account_detail(request, account_id: int):
    account = get_object_or_404(BankAccount.objects.select_related("unit", "fund"), pk=account_id)
    require(request, "funds.view_fund", account)
    can_write = request.user.has_perm("funds.import_statement", account)
    form = forms.StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request, "funds.import_statement", account)
        if form.is_valid():
            try:
                statement = actions.do_upload_statement(
                    acting_user=request.user, account=account, upload=form.cleaned_data["file"]
                )
            except ActionError as exc:
                form_error(form, exc)
            else:
                return redirect("funds:statement", statement.pk)
    return render(
        request,
        "funds/account.html",
        {
            "account": account,
            "form": form,
            "can_write": can_write,
            "statements": account.statements.order_by("-id")[:50],
            "unmatched_receipts": queries.unmatched_receipts(account)[:100],
            "unmatched_lines": paginate(request, queries.unmatched_lines(account)),
        },
    )


@login_required
@require_POST
def reconcile(request, account_id: int):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    require(request, "funds.import_statement", account)
    matched = actions.do_reconcile_account(acting_user=request.user, account=account)
    messages.success(request, _("Đã khớp %(matched)s khoản thu với sao kê.") % {"matched": matched})
    return redirect("funds:account", account.pk)


@login_required
def statement_detail(request, statement_id: int):
    statement = get_object_or_404(
        BankStatement.objects.select_related("account", "account__unit"), pk=statement_id
    )
    require(request, "funds.view_fund", statement.account)
    progress = importing.progress_of(statement.pk)
    since = importing.stalled_since(statement, progress=progress)
    context = {
        "statement": statement,
        "progress": progress,
        "running": statement.status in ("pending", "running"),
        "stalled_since": since,
        "stalled_minutes": int((timezone.now() - since).total_seconds() // 60) if since else 0,
        "can_requeue": since is not None
        and request.user.has_perm("funds.import_statement", statement.account),
    }
    if request.htmx:
        return render(request, "funds/_statement_status.html", context)
    return render(request, "funds/statement.html", context)


@login_required
@require_POST
def statement_requeue(request, statement_id: int):
    statement = get_object_or_404(BankStatement.objects.select_related("account__unit"), pk=statement_id)
    require(request, "funds.import_statement", statement.account)
    try:
        actions.do_requeue_statement(acting_user=request.user, statement=statement)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xếp lại việc nhập sao kê vào hàng đợi."))
    return redirect("funds:statement", statement.pk)


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
                created, parsed = beneficiaries.do_import_beneficiaries(
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
    areas = list(Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("search_name"))
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
        *Unit.objects.filter(parent=fund.unit, valid_to__isnull=True).order_by("search_name"),
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


def _params(request) -> str:
    """The list's GET parameters without the page number, for the pager links."""
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()


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
    areas = list(Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("search_name"))
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


# --- public portal -----------------------------------------------------------------------------------


def _public_fund(fund_id: int) -> Fund:
    return get_object_or_404(queries.public_funds(), pk=fund_id)


def _public_appeal(appeal_id: int) -> Appeal:
    appeal = get_object_or_404(Appeal.objects.select_related("fund", "fund__unit", "account"), pk=appeal_id)
    if not appeal.fund.public:
        raise Http404
    return appeal


@public_page
def public_index(request):
    funds = queries.public_funds().order_by("unit__depth", "unit__search_name", "name")
    appeals = (
        Appeal.objects.filter(fund__public=True)
        .select_related("fund", "fund__unit")
        .order_by("-opens_on")[:50]
    )
    return render(request, "funds/public/index.html", {"page": paginate(request, funds), "appeals": appeals})


def _statement_days(account: BankAccount | None, appeal: Appeal | None = None):
    if account is None or not account.public:
        return []
    if appeal is not None:
        return queries.bars(
            queries.daily_credits(account.pk, date_from=appeal.opens_on, date_to=appeal.closes_on)
        )
    return queries.bars(queries.daily_credits(account.pk))


@public_page
def public_fund(request, fund_id: int):
    fund = _public_fund(fund_id)
    account = fund.accounts.filter(public=True).first()
    context = {
        "fund": fund,
        "totals": queries.ledger_totals(fund),
        "allocations": queries.allocations(fund),
        "ledger_days": queries.bars(queries.daily_receipts(fund)),
        "statement_days": _statement_days(account),
        "account": account,
        "appeals": fund.appeals.order_by("-opens_on"),
    }
    return render(request, "funds/public/fund.html", context)


@public_page
def public_appeal(request, appeal_id: int):
    appeal = _public_appeal(appeal_id)
    fund = appeal.fund
    account = appeal.account if appeal.account and appeal.account.public else None
    days = _statement_days(account, appeal)
    context = {
        "appeal": appeal,
        "fund": fund,
        "totals": queries.ledger_totals(fund, appeal),
        "allocations": queries.allocations(fund, appeal),
        "ledger_days": queries.bars(queries.daily_receipts(fund, appeal)),
        "statement_days": days,
        "statement_total": sum(d["total"] for d in days),
        "statement_count": sum(d["count"] for d in days),
        "account": account,
        "bank": account.bank if account else None,
    }
    return render(request, "funds/public/appeal.html", context)


@public_page
def public_appeal_qr(request, appeal_id: int):
    appeal = _public_appeal(appeal_id)
    if appeal.account is None:
        raise Http404
    data = vietqr.payload(
        bank_bin=appeal.account.bank_bin, account=appeal.account.number, message=appeal.qr_message
    )
    return HttpResponse(vietqr.svg(data), content_type="image/svg+xml")


def _int_param(value) -> int | None:
    try:
        return int(str(value).replace(".", "").replace(",", "").strip()) if str(value).strip() else None
    except ValueError:
        return None


def line_query_from(params, accounts: list[BankAccount]) -> forms.PublicSearchForm | tuple:
    """Parse the shareable GET parameters of a statement search into a LineQuery (or the form's errors)."""
    form = forms.PublicSearchForm(params, accounts=accounts)
    form.is_valid()
    data = form.cleaned_data
    chosen = [a.pk for a in accounts]
    if data.get("ngan_hang"):
        chosen = [a.pk for a in accounts if a.bank_bin == data["ngan_hang"]]
    if data.get("tai_khoan"):
        chosen = [pk for pk in chosen if pk == data["tai_khoan"]]
    query = queries.LineQuery(
        text=data.get("q") or "",
        amount=data.get("so_tien"),
        amount_min=data.get("tu_tien"),
        amount_max=data.get("den_tien"),
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
        accounts=chosen or [0],
    )
    return form, query


@public_page
def public_search(request):
    accounts = list(queries.public_accounts())
    form, query = line_query_from(request.GET, accounts)
    # Pages as deep as the public API goes; a larger number (even 10²⁰) shows the last of them.
    page_number = min(
        max(1, _int_param(request.GET.get("trang")) or 1), queries.PUBLIC_MAX_OFFSET // PAGE + 1
    )
    if request.GET.get("dinh-dang") == "csv":
        return _csv_response(query)
    lines, more = ([], False)
    if not query.empty:
        lines, more = queries.search_lines(query, offset=(page_number - 1) * PAGE, limit=PAGE)
    params = request.GET.copy()
    params.pop("trang", None)
    params.pop("dinh-dang", None)
    context = {
        "form": form,
        "lines": lines,
        "more": more,
        "page_number": page_number,
        "query": query,
        "params": params.urlencode(),
        "searched": not query.empty,
        "offset": (page_number - 1) * PAGE,
    }
    if request.htmx:
        return render(request, "funds/public/_results.html", context)
    return render(request, "funds/public/search.html", context)


class _Echo:
    def write(self, value):
        return value


def _csv_response(query: queries.LineQuery) -> StreamingHttpResponse:
    def rows():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(
            [
                "Ngày",
                "Số bút toán",
                "Ghi nợ",
                "Ghi có",
                "Số dư",
                "Nội dung",
                "Ngân hàng",
                "Tài khoản",
                "Trang",
                "Dòng",
            ]
        )
        if query.empty:
            return
        offset = 0
        while offset < CSV_LIMIT:
            lines, more = queries.search_lines(query, offset=offset, limit=1000)
            for line in lines:
                yield writer.writerow(
                    [
                        line.date.isoformat(),
                        line.reference,
                        line.debit,
                        line.credit,
                        "" if line.balance is None else line.balance,
                        line.description,
                        banks.BY_BIN[line.account.bank_bin].short_name,
                        line.account.number,
                        line.page or "",
                        line.line,
                    ]
                )
            if not more:
                break
            offset += 1000

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sao-ke-tra-cuu.csv"'
    return response


@public_page
def public_check(request):
    accounts = list(queries.public_accounts())
    form = forms.ClaimForm(request.GET or None)
    lines = None
    if request.GET and form.is_valid():
        name, amount = form.cleaned_data["ten"], form.cleaned_data["so_tien"]
        chosen = [a.pk for a in accounts] or [0]
        lines = queries.check_claim(name, amount, chosen)
    return render(
        request,
        "funds/public/check.html",
        {"form": form, "lines": lines, "folded": fold(request.GET.get("ten", ""))},
    )
