"""The real first three pages of the Vietcombank relief statement published in September 2024."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mattran.funds.statements import (
    BalanceChecker,
    StatementLine,
    detect_layout,
    open_statement,
)

EXAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/examples/statements/vietcombank-0011001932418-2024-09-01_10-pages-1-3.pdf"
)
FOOTER_AND_HEADER_WORDS = (
    "Page ",
    "of 12028",
    "Telex",
    "Swift",
    "BFTV",
    "www.vietcombank.com.vn",
    "Contact center",
    "1900.54.54.13",
    "Postal address",
    "TRAN QUANG KHAI",
    "S.R. VIETNAM",
    "Ngày GD",
    "TNX Date",
    "Doc No",
    "Số tiền ghi",
    "Debit",
    "Credit",
    "Balance",
    "Số dư",
    "Nội dung chi tiết",
    "Transactions in detail",
    "ACCOUNT STATEMENT",
    "SAO KÊ",
)

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="the shared example statement is not present")


@pytest.fixture(scope="module")
def statement() -> tuple[list[StatementLine], object]:
    opened = open_statement(EXAMPLE)
    return list(opened), opened


def test_it_detects_the_vietcombank_pdf_layout() -> None:
    assert detect_layout(EXAMPLE).name == "vcb_pdf"


def test_it_reads_every_transaction_of_the_three_pages(statement) -> None:
    lines, _ = statement
    # Counted on the rendered pages: 12 rows on page 1, 18 on page 2, 19 on page 3.
    assert len(lines) == 49
    per_page = {page: [line.line for line in lines if line.page == page] for page in (1, 2, 3)}
    assert per_page == {1: list(range(1, 13)), 2: list(range(1, 19)), 3: list(range(1, 20))}
    assert all(line.page is not None and line.line >= 1 for line in lines)


def test_it_reads_the_first_and_last_transaction_exactly(statement) -> None:
    lines, _ = statement
    first, last = lines[0], lines[-1]
    assert (first.date, first.reference, first.debit, first.credit, first.balance) == (
        dt.date(2024, 9, 1),
        "5213.45946",
        0,
        50_000,
        None,
    )
    assert first.description == "292976.010924.013647.xin cam on"
    assert (first.bank, first.account, first.page, first.line) == ("VCB", "0011001932418", 1, 1)
    assert (last.date, last.reference, last.debit, last.credit, last.balance) == (
        dt.date(2024, 9, 4),
        "5216.38958",
        0,
        6_000,
        None,
    )
    assert last.description == "119629.040924.121848.NGUYEN MINH TIEN chuyen tien"
    assert (last.page, last.line) == (3, 19)


def test_it_reads_the_large_amount_with_dot_separators(statement) -> None:
    lines, _ = statement
    line = next(line for line in lines if line.reference == "5017.44381")
    assert line.credit == 5_000_000
    assert (line.page, line.line) == (3, 1)


def test_it_joins_wrapped_messages_without_header_or_footer_text(statement) -> None:
    lines, _ = statement
    by_position = {(line.page, line.line): line.description for line in lines}
    assert by_position[(2, 4)] == (
        "MBVCB.6924605040.gia dinh Dung Thuy Giang chuc to quoc khoe manh, binh an, hanh phuc, "
        "thinh vuong, cam on.CT tu 1018144916 HOANG THANH THUY toi 0011001932418 MAT TRAN TO QUOC VN - "
        "BAN CUU TRO TW"
    )
    assert by_position[(2, 3)] == (
        "055464.020924.064157.Ung Ho Nha Nuoc Viet Nam Va Giup do Nguoi dan (by TPBank ChatPay)"
    )
    for line in lines:
        for word in FOOTER_AND_HEADER_WORDS:
            assert word not in line.description, (line.page, line.line, word)
        assert line.description == " ".join(line.description.split())


def test_it_joins_a_word_cut_at_the_end_of_a_line_without_a_space(statement) -> None:
    lines, _ = statement
    by_position = {(line.page, line.line): line.description for line in lines}
    # Bank trace numbers too long for a line are cut mid-word; ordinary words wrap at spaces.
    assert by_position[(1, 5)] == (
        "020097040509011046122024JDC5013867.96713.104607.Vietcombank:0011001932418:DANG THI THANH MHS533583"
    )
    assert by_position[(1, 8)] == (
        "020097040509011137472024Y7ZE058213.33462.113747.Vietcombank:0011001932418:NGUYEN THI VAN chuyen tien"
    )
    assert (
        by_position[(1, 11)]
        == "PARTNER.DIRECT_DEBITS_VCB.ZLP.ZP6R34H953F5.20240901.Nguyet chuyen tien qua Zalopay"
    )
    assert by_position[(3, 18)] == (
        "020097040509041212082024EMJ2007202.20559.121208.Vietcombank:0011001932418:HOANG VAN ANH chuyen tien"
    )


def test_it_reads_balances_only_where_printed(statement) -> None:
    lines, _ = statement
    printed = [(line.page, line.line, line.balance) for line in lines if line.balance is not None]
    assert printed == [
        (2, 2, 10_847_331_843),
        (2, 7, 10_847_903_843),
        (2, 16, 10_849_014_843),
    ]


def test_it_reads_the_account_block(statement) -> None:
    _, opened = statement
    header = opened.header
    assert header.account == "0011001932418"
    assert header.holder == "MAT TRAN TO QUOC VN - BAN CUU TRO TW"
    assert header.currency == "VND"
    assert (header.period_from, header.period_to) == (dt.date(2024, 9, 1), dt.date(2024, 9, 10))
    assert header.pages == 3  # the pages of this file (the bank footer says "of 12028" for the whole export)
    assert header.opening_balance is None


def test_it_passes_the_balance_check_deriving_the_opening_balance() -> None:
    opened = open_statement(EXAMPLE)
    checker = BalanceChecker(opened, header=opened.header)
    lines = list(checker)
    report = checker.report
    assert report.ok, report.mismatches
    assert report.printed_balances == 3
    # First printed balance (10,847,331,843 after the 14th line) less the 149,000 credited so far.
    assert report.opening_derived
    assert report.opening_balance == 10_847_182_843
    assert report.total_credit == sum(line.credit for line in lines) == 8_022_000
    assert report.closing_balance == 10_847_182_843 + 8_022_000


def test_it_gives_distinct_stable_fingerprints(statement) -> None:
    lines, _ = statement
    fingerprints = [line.fingerprint for line in lines]
    assert len(set(fingerprints)) == len(lines)
    assert all(len(value) == 64 for value in fingerprints)
    assert [line.fingerprint for line in open_statement(EXAMPLE)] == fingerprints
