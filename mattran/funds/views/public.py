"""The public transparency portal (no login) under /quy/cong-khai/: funds, appeals, statement search."""

from __future__ import annotations

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from mattran.core.exports import csv_writer
from mattran.core.text import fold
from mattran.core.web import paginate

from .. import banks, forms, queries, vietqr
from ..models import Appeal, BankAccount, Fund
from ..public import public_page
from .common import CSV_LIMIT, PAGE


def _public_fund(fund_id: int) -> Fund:
    return get_object_or_404(queries.public_funds(), pk=fund_id)


def _public_appeal(appeal_id: int) -> Appeal:
    appeal = get_object_or_404(Appeal.objects.select_related("fund", "fund__unit", "account"), pk=appeal_id)
    if not appeal.fund.public:
        raise Http404
    return appeal


@public_page
def public_index(request):
    funds = queries.public_funds().order_by("unit__depth", "unit__sort_name", "name")
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
        writer = csv_writer(_Echo())
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
