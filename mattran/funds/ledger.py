"""Checks of the ledger invariants, used by ``mattran check-ledger`` and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Sum

from .models import Fund, LedgerEntry


@dataclass
class LedgerCheck:
    funds: int = 0
    entries: int = 0
    transfers: int = 0
    problems: list[str] = field(default_factory=list)


def check_ledger() -> LedgerCheck:
    """Compare every stored balance with the sum of its entries, and check each transfer nets to zero."""
    result = LedgerCheck()
    sums = dict(
        LedgerEntry.objects.values_list("fund_id")
        .annotate(total=Sum("amount"))
        .values_list("fund_id", "total")
    )
    for fund_id, name, balance in Fund.objects.values_list("pk", "name", "balance").iterator():
        result.funds += 1
        total = sums.get(fund_id) or 0
        if total != balance:
            result.problems.append(f"Quỹ #{fund_id} {name}: số dư {balance:,} nhưng tổng bút toán {total:,}")
        if balance < 0:
            result.problems.append(f"Quỹ #{fund_id} {name}: số dư âm {balance:,}")
    result.entries = LedgerEntry.objects.count()
    groups = (
        LedgerEntry.objects.filter(transfer_group__isnull=False)
        .values("transfer_group")
        .annotate(total=Sum("amount"), n=Count("id"))
    )
    for group in groups:
        result.transfers += 1
        if group["total"] != 0 or group["n"] != 2:
            result.problems.append(
                f"Điều tiết {group['transfer_group']}: {group['n']} bút toán, tổng {group['total']:,} (phải 2 và 0)"
            )
    return result
