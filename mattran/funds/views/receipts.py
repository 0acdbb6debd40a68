"""Receipts: recording one, its biên lai as a document, matching receipts to statement lines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.errors import ActionError
from mattran.core.web import document_response, form_error, require

from .. import actions, documents, forms
from ..models import BankAccount, Receipt
from .common import _form_page, _fund


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
@require_POST
def reconcile(request, account_id: int):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    require(request, "funds.import_statement", account)
    matched = actions.do_reconcile_account(acting_user=request.user, account=account)
    messages.success(request, _("Đã khớp %(matched)s khoản thu với sao kê.") % {"matched": matched})
    return redirect("funds:account", account.pk)
