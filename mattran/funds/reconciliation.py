"""Reconciliation: transfer receipts matched to the credit lines of the account's bank statements (same
amount, within three days, the donor's name in the line's text), and what is left unmatched on each side."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from mattran.core.text import fold

from .models import BankAccount, Receipt, ReceiptMethod, StatementLine

DATE_WINDOW = dt.timedelta(days=3)


def name_matches(name: str, text: str) -> bool:
    """Whether every word of the folded name appears, in order, in the folded text."""
    words = fold(name).split()
    if not words:
        return False
    haystack = f" {text} "
    position = 0
    for word in words:
        found = haystack.find(f" {word} ", position)
        if found < 0:
            return False
        position = found + len(word) + 1
    return True


def match_receipt(receipt: Receipt) -> StatementLine | None:
    """Return the unmatched credit line for a transfer receipt: same amount, ±3 days, donor name."""
    candidates = StatementLine.objects.filter(
        account_id=receipt.account_id,
        amount=receipt.amount,
        credit__gt=0,
        date__gte=receipt.received_on - DATE_WINDOW,
        date__lte=receipt.received_on + DATE_WINDOW,
        receipt__isnull=True,
    ).order_by("date", "id")[:200]
    for line in candidates:
        if receipt.donor_kind == "anonymous" or name_matches(receipt.donor_name, line.search_text):
            return line
    return None


def unmatched_receipts(account: BankAccount) -> QuerySet[Receipt]:
    """The account's transfer receipts that no statement line confirms yet."""
    return Receipt.objects.filter(
        account=account, method=ReceiptMethod.TRANSFER, cancelled=False, statement_line__isnull=True
    ).order_by("received_on", "id")


def unmatched_lines(account: BankAccount) -> QuerySet[StatementLine]:
    """The account's credit lines that no receipt claims yet."""
    return StatementLine.objects.filter(account=account, credit__gt=0, receipt__isnull=True).order_by("id")
