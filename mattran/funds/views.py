"""Fund pages for unit staff, and the public transparency portal (no login) under /quy/cong-khai/."""

from __future__ import annotations

import csv
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import close_old_connections
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import form_error, paginate, require
from mattran.org.models import Unit

from . import actions, banks, beneficiaries, forms, importing, queries, vietqr
from .documents import receipt_docx
from .models import (
    Appeal,
    BankAccount,
    BankStatement,
    Beneficiary,
    Decision,
    Fund,
    LedgerEntry,
    Receipt,
)
from .public import public_page

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UPLOAD_DIR = Path(getattr(settings, "MEDIA_ROOT", tempfile.gettempdir())) / "statements"
CSV_LIMIT = 10_000
PAGE = 50


def _fund(request, fund_id: int, perm: str = "funds.view_fund") -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=fund_id)
    require(request, perm, fund)
    return fund


def _form_page(request, form, *, title: str, back: str, submit: str = "Lưu", multipart: bool = False):
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
    unit = get_object_or_404(Unit, pk=request.GET.get("don-vi") or (profile.unit_id if profile else 0))
    require(request, "funds.manage_fund", unit)
    form = forms.FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = actions.do_create_fund(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã mở {fund.name}.")
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Mở quỹ — {unit}", back="funds:index")


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
            messages.success(request, f"Đã ghi {receipt}.")
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Ghi khoản thu — {fund.name}", back="funds:index")


@login_required
def receipt_document(request, receipt_id: int):
    receipt = get_object_or_404(Receipt.objects.select_related("unit", "fund", "appeal"), pk=receipt_id)
    require(request, "funds.view_fund", receipt.fund)
    response = HttpResponse(receipt_docx(receipt), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="bien-lai-{receipt.year}-{receipt.number:04d}.docx"'
    )
    return response


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
            messages.success(request, "Đã ghi bút toán đảo.")
            return redirect("funds:fund", entry.fund_id)
    return _form_page(
        request, form, title=f"Đảo bút toán: {entry}", back="funds:index", submit="Ghi bút toán đảo"
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
            messages.success(request, "Đã điều tiết.")
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Điều tiết từ {fund.name}", back="funds:index")


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
            messages.success(request, f"Đã mở lời kêu gọi {appeal}.")
            if appeal.too_long:
                messages.warning(
                    request,
                    f"Thời gian tiếp nhận {appeal.receiving_days} ngày, quá 90 ngày theo Nghị định 93/2021/NĐ-CP.",
                )
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Lời kêu gọi — {fund.name}", back="funds:index")


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
            messages.success(request, "Đã thêm tài khoản.")
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Tài khoản nhận — {fund.name}", back="funds:index")


def _start_import(statement: BankStatement, user) -> None:
    """Run the import in this process: in a thread (the page polls its progress) unless told inline."""
    if not getattr(settings, "FUNDS_IMPORT_IN_THREAD", True):
        importing.run_import(statement, acting_user=user)
        return

    def work() -> None:
        close_old_connections()
        try:
            importing.run_import(statement, acting_user=user)
        finally:
            close_old_connections()

    threading.Thread(target=work, name=f"import-statement-{statement.pk}", daemon=True).start()


@login_required
def account_detail(request, account_id: int):
    account = get_object_or_404(BankAccount.objects.select_related("unit", "fund"), pk=account_id)
    require(request, "funds.view_fund", account)
    can_write = request.user.has_perm("funds.import_statement", account)
    form = forms.StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request, "funds.import_statement", account)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=UPLOAD_DIR, delete=False, suffix=Path(upload.name).suffix
            ) as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            statement = importing.do_create_statement(
                acting_user=request.user, account=account, path=out.name, file_name=upload.name
            )
            _start_import(statement, request.user)
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
    messages.success(request, f"Đã khớp {matched} khoản thu với sao kê.")
    return redirect("funds:account", account.pk)


@login_required
def statement_detail(request, statement_id: int):
    statement = get_object_or_404(
        BankStatement.objects.select_related("account", "account__unit"), pk=statement_id
    )
    require(request, "funds.view_fund", statement.account)
    progress = cache.get(importing.progress_key(statement.pk)) or {}
    context = {
        "statement": statement,
        "progress": progress,
        "running": statement.status in ("pending", "running"),
    }
    if request.htmx:
        return render(request, "funds/_statement_status.html", context)
    return render(request, "funds/statement.html", context)


@login_required
def beneficiary_list(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "funds.view_fund", unit)
    if request.GET.get("mau") == "1":
        response = HttpResponse(
            beneficiaries.template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
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
                    messages.success(request, f"Đã thêm {len(created)} hộ.")
                    return redirect("funds:beneficiaries", unit.pk)
    households = Beneficiary.objects.filter(unit=unit).select_related("area").order_by("search_name", "id")
    return render(
        request,
        "funds/beneficiaries.html",
        {
            "unit": unit,
            "form": form,
            "errors": errors,
            "page": paginate(request, households),
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
            messages.success(request, "Đã ghi quyết định.")
            return redirect("funds:disbursement_new", fund.pk)
    return _form_page(request, form, title=f"Quyết định hỗ trợ — {fund.unit}", back="funds:index")


@login_required
def new_disbursement(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    decisions = list(Decision.objects.filter(unit=fund.unit).order_by("-date")[:100])
    households = list(Beneficiary.objects.filter(unit=fund.unit).order_by("search_name")[:1000])
    if not decisions:
        messages.info(request, "Cần ghi quyết định hỗ trợ trước khi chi.")
        return redirect("funds:decision_new", fund.pk)
    form = forms.DisbursementForm(request.POST or None, decisions=decisions, beneficiaries=households)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision_id, beneficiary_id = data.pop("decision"), data.pop("beneficiary")
        decision = next(d for d in decisions if d.pk == decision_id)
        beneficiary = next((b for b in households if b.pk == beneficiary_id), None)
        try:
            actions.do_record_disbursement(
                acting_user=request.user, fund=fund, decision=decision, beneficiary=beneficiary, **data
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi khoản chi.")
            return redirect("funds:fund", fund.pk)
    return _form_page(request, form, title=f"Ghi khoản chi — {fund.name}", back="funds:index")


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
    page_number = max(1, _int_param(request.GET.get("trang")) or 1)
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
