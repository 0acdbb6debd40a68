"""The balance checker and the amount parser on their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mattran.funds.statements import AmountError, StatementHeader, StatementLine, check_balances
from mattran.funds.statements.parsing import format_amount, parse_amount


def line(number: int, credit: int = 0, debit: int = 0, balance: int | None = None) -> StatementLine:
    return StatementLine(
        bank="VCB",
        account="0011001932418",
        date=dt.date(2024, 9, 1),
        reference=f"R{number}",
        debit=debit,
        credit=credit,
        balance=balance,
        description=f"ung ho {number}",
        page=1,
        line=number,
    )


def test_it_derives_the_opening_balance_from_the_first_printed_balance() -> None:
    report = check_balances([line(1, 100), line(2, 50, balance=1_150), line(3, 25, balance=1_175)])
    assert report.ok
    assert (report.opening_balance, report.opening_derived, report.closing_balance) == (1_000, True, 1_175)


def test_it_reports_a_misprinted_balance_once() -> None:
    lines = [line(1, 100, balance=1_100), line(2, 100, balance=1_999), line(3, 100, balance=1_300)]
    report = check_balances(lines, opening_balance=1_000)
    assert [(m.line, m.expected, m.printed) for m in report.mismatches] == [(2, 1_200, 1_999)]


def test_it_reports_a_missing_line_once_and_follows_the_bank_afterwards() -> None:
    # The bank's balances include a 500 credit the file does not list.
    lines = [line(1, 100, balance=1_100), line(2, 100, balance=1_700), line(3, 100, balance=1_800)]
    report = check_balances(lines, opening_balance=1_000)
    assert [(m.line, m.expected, m.printed) for m in report.mismatches] == [(2, 1_200, 1_700)]
    assert report.closing_balance == 1_800


def test_it_checks_the_closing_balance_and_totals_of_the_header() -> None:
    header = StatementHeader(opening_balance=1_000, closing_balance=1_400, total_credit=300, total_debit=0)
    report = check_balances([line(1, 100), line(2, 200)], header=header)
    kinds = [(m.kind, m.expected, m.printed) for m in report.mismatches]
    assert kinds == [("closing_balance", 1_300, 1_400)]
    assert "Số dư cuối kỳ" in report.mismatches[0].message()


def test_it_compares_a_derived_opening_balance_with_one_stated_at_the_end() -> None:
    header = StatementHeader()

    def lines() -> Iterator[StatementLine]:
        yield line(1, 100, balance=1_100)
        # As a PDF reader does when it reaches the summary on the last page.
        header.opening_balance = 900

    report = check_balances(lines(), header=header)
    assert [(m.kind, m.expected, m.printed) for m in report.mismatches] == [("opening_balance", 1_000, 900)]


@pytest.mark.parametrize(
    ("raw", "thousands", "value"),
    [
        ("10.847.331.843", ".", 10_847_331_843),
        ("3.000", ".", 3_000),
        ("500", ".", 500),
        ("1.000,00", ".", 1_000),
        ("1,000,000", ",", 1_000_000),
        ("-500,000", ",", -500_000),
        ("", ".", 0),
        (None, ".", 0),
        (250_000, ",", 250_000),
        (250_000.0, ",", 250_000),
    ],
)
def test_it_parses_amounts(raw: object, thousands: str, value: int) -> None:
    assert parse_amount(raw, thousands=thousands) == value


@pytest.mark.parametrize(
    ("raw", "thousands"), [("12,5", "."), ("1.000,50", "."), ("1.5", ","), ("10.00.0", "."), (12.5, ".")]
)
def test_it_refuses_amounts_that_are_not_whole_dong(raw: object, thousands: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount(raw, thousands=thousands, page=3, line=17)
    assert (raised.value.page, raised.value.line) == (3, 17)
    assert str(raised.value).startswith("Số tiền không hợp lệ ở trang 3, dòng 17: ")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([".", ","]))
def test_it_reads_back_every_formatted_amount(value: int, thousands: str) -> None:
    assert parse_amount(format_amount(value, thousands=thousands), thousands=thousands) == value
