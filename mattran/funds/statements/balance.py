"""Streaming check of printed balances against the running balance of a statement.

The running balance starts at the opening balance. Where the caller and the header give none (the
published Vietcombank statement states none), it is derived at the first printed balance as that
balance minus the net movement (credits - debits) of the lines up to and including it; the lines
before it cannot be checked on their own and are covered by the later printed balances and by the
closing balance and totals when the file states them.

A printed balance is reported when it disagrees with the running balance computed from the start.
It is not reported when it agrees with the previous printed balance plus the movement since, even if
that one was wrong: the check then carries on from the bank's figure. So a misprinted balance is
reported once, and a missing or extra line once, not at every later balance.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import StatementHeader, StatementLine, location


@dataclass(frozen=True, slots=True)
class BalanceMismatch:
    """A printed figure that disagrees with the one computed from the lines."""

    page: int | None
    line: int | None
    expected: int
    printed: int
    kind: str = "balance"

    @property
    def difference(self) -> int:
        """Return printed minus expected."""
        return self.printed - self.expected

    def message(self) -> str:
        """Describe the mismatch in Vietnamese."""
        labels = {
            "balance": "Số dư",
            "opening_balance": "Số dư đầu kỳ",
            "closing_balance": "Số dư cuối kỳ",
            "total_debit": "Tổng ghi nợ",
            "total_credit": "Tổng ghi có",
        }
        where = location(self.page, self.line)
        place = f" ở {where}" if where else ""
        return (
            f"{labels.get(self.kind, self.kind)}{place} in {self.printed:,} nhưng tính được {self.expected:,}"
        )


@dataclass(slots=True)
class BalanceReport:
    """What the check found once the lines have all been read."""

    lines: int = 0
    total_debit: int = 0
    total_credit: int = 0
    opening_balance: int | None = None
    opening_derived: bool = False
    closing_balance: int | None = None
    printed_balances: int = 0
    mismatches: list[BalanceMismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether every printed figure agreed."""
        return not self.mismatches


class BalanceChecker:
    """Pass lines through unchanged while checking every printed balance; read ``report`` afterwards."""

    def __init__(
        self,
        lines: Iterable[StatementLine],
        *,
        opening_balance: int | None = None,
        header: StatementHeader | None = None,
    ) -> None:
        self._lines = lines
        self._opening = opening_balance
        self._header = header
        self.report = BalanceReport()
        self.finished = False

    def __iter__(self) -> Iterator[StatementLine]:
        report = self.report
        header = self._header
        opening = self._opening
        if opening is None and header is not None:
            opening = header.opening_balance
        running = opening
        local: int | None = None  # last printed balance plus the movement since
        net = 0
        debit_total = 0
        credit_total = 0
        count = 0
        printed_count = 0
        mismatches = report.mismatches
        for line in self._lines:
            count += 1
            debit_total += line.debit
            credit_total += line.credit
            printed = line.balance
            if running is None:
                net += line.credit - line.debit
                if printed is not None:
                    printed_count += 1
                    opening = printed - net
                    report.opening_derived = True
                    running = local = printed
            else:
                movement = line.credit - line.debit
                running += movement
                if local is not None:
                    local += movement
                if printed is not None:
                    printed_count += 1
                    if printed != running:
                        if printed == local:
                            running = printed
                        else:
                            mismatches.append(BalanceMismatch(line.page, line.line, running, printed))
                    local = printed
            yield line
        # The header may learn the opening balance only from the summary at the end of the file.
        if header is not None and header.opening_balance is not None:
            if opening is None:
                opening = header.opening_balance
                running = opening + net
            elif report.opening_derived and opening != header.opening_balance:
                mismatches.append(
                    BalanceMismatch(None, None, opening, header.opening_balance, "opening_balance")
                )
        report.lines = count
        report.total_debit = debit_total
        report.total_credit = credit_total
        report.printed_balances = printed_count
        report.opening_balance = opening
        report.closing_balance = running
        if header is not None:
            self._check_totals(header, running, debit_total, credit_total)
        self.finished = True

    def _check_totals(self, header: StatementHeader, closing: int | None, debit: int, credit: int) -> None:
        mismatches = self.report.mismatches
        if header.closing_balance is not None and closing is not None and header.closing_balance != closing:
            mismatches.append(BalanceMismatch(None, None, closing, header.closing_balance, "closing_balance"))
        if header.total_debit is not None and header.total_debit != debit:
            mismatches.append(BalanceMismatch(None, None, debit, header.total_debit, "total_debit"))
        if header.total_credit is not None and header.total_credit != credit:
            mismatches.append(BalanceMismatch(None, None, credit, header.total_credit, "total_credit"))


def check_balances(
    lines: Iterable[StatementLine],
    *,
    opening_balance: int | None = None,
    header: StatementHeader | None = None,
) -> BalanceReport:
    """Consume ``lines`` and return the balance report."""
    checker = BalanceChecker(lines, opening_balance=opening_balance, header=header)
    for _line in checker:
        pass
    return checker.report
