"""Bank statements for unit staff: an account's page (upload, imports, unmatched lines), an import's progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.errors import ActionError
from mattran.core.web import form_error, paginate, require

from .. import actions, forms, importing, reconciliation
from ..models import BankAccount, BankStatement


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
            "unmatched_receipts": reconciliation.unmatched_receipts(account)[:100],
            "unmatched_lines": paginate(request, reconciliation.unmatched_lines(account)),
        },
    )


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
