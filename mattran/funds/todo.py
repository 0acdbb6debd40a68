"""Bank statements to import or to fix, for the home page's to-do list (core.todo)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.todo import TodoItem

from .models import BankAccount, BankStatement, StatementStatus

# The statement of a month is due within this many days of the next month (the ledger is then reconciled).
STATEMENT_DAYS = 10


def statement_items(user: Any) -> list[TodoItem]:
    """Failed imports of the unit's accounts to fix; accounts whose last month's statement is not in."""
    profile = profile_of(user)
    if profile is None or not user.has_perm("funds.import_statement", profile.unit):
        return []
    section = _("Quỹ")
    today = timezone.localdate()
    items: list[TodoItem] = []
    failed = (
        BankStatement.objects.filter(account__unit=profile.unit, status=StatementStatus.FAILED)
        .select_related("account")
        .order_by("-created_at")
    )
    for statement in failed[:10]:
        items.append(
            TodoItem(
                title=_("Sửa lỗi nhập sao kê %(file)s") % {"file": statement.file_name},
                url=reverse("funds:statement", args=[statement.pk]),
                section=section,
                overdue=True,
            )
        )
    month_start = today.replace(day=1)
    last_month_end = month_start - dt.timedelta(days=1)
    due = month_start + dt.timedelta(days=STATEMENT_DAYS - 1)
    accounts = BankAccount.objects.filter(unit=profile.unit).annotate(covered_to=Max("statements__period_to"))
    for account in accounts.order_by("pk")[:20]:
        if account.covered_to is not None and account.covered_to >= last_month_end:
            continue
        items.append(
            TodoItem(
                title=_("Nhập sao kê tháng %(month)s của tài khoản %(account)s")
                % {"month": last_month_end.strftime("%m/%Y"), "account": account},
                url=reverse("funds:account", args=[account.pk]),
                section=section,
                due=due,
                overdue=today > due,
            )
        )
    return items
