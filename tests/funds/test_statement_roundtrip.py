"""Every layout reads back exactly what its generator wrote."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from mattran.funds.statements import BalanceChecker, detect_layout, get_layout, open_statement
from tests.funds.statement_generators import Options, generate, to_ascii, transactions

TABLE_LAYOUTS = ("vcb_table", "vcb_amount", "vietinbank", "bidv")


def test_it_round_trips_the_vietcombank_pdf(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "vcb.pdf", Options(lines=120, seed=7))
    assert written.lines is not None and written.pages is not None and written.pages >= 6
    opened = open_statement(written.path)
    assert opened.layout.name == "vcb_pdf"
    assert list(opened) == written.lines
    assert opened.header == written.header


def test_it_prints_the_balance_only_on_the_last_line_of_each_day(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "vcb.pdf", Options(lines=90, seed=3, days=5))
    lines = list(open_statement(written.path))
    printed = [line for line in lines if line.balance is not None]
    assert len(printed) == 5
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        last_of_day = following is None or following.date != line.date
        assert (line.balance is not None) == last_of_day


def test_it_wraps_long_messages_over_several_pdf_lines(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "vcb.pdf", Options(lines=60, seed=11))
    from mattran.funds.statements.pdfsource import PageText, pdf_document

    with pdf_document(written.path) as doc:
        page = PageText(doc, 1)
        text = page.text
        page.close()
    longest = max(written.lines or [], key=lambda line: len(line.description))
    assert longest.description not in text.replace("\r\n", " ")
    assert any("Page 2 of" in part for part in text.splitlines())


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_round_trips_each_table_layout(tmp_path: Path, layout: str, suffix: str) -> None:
    written = generate(layout, tmp_path / f"{layout}{suffix}", Options(lines=75, seed=5))
    assert written.lines is not None and len(written.lines) == 75
    assert detect_layout(written.path).name == layout
    opened = open_statement(written.path)
    assert list(opened) == written.lines
    assert opened.header == written.header


@pytest.mark.parametrize("layout", ["vcb_pdf", *TABLE_LAYOUTS])
def test_it_passes_the_balance_check_on_generated_files(tmp_path: Path, layout: str) -> None:
    suffix = ".pdf" if layout == "vcb_pdf" else ".csv"
    written = generate(layout, tmp_path / f"s{suffix}", Options(lines=80, seed=9))
    opened = open_statement(written.path)
    checker = BalanceChecker(opened, header=opened.header)
    assert sum(1 for _ in checker) == 80
    assert checker.report.ok, checker.report.mismatches
    assert checker.report.closing_balance == written.header.closing_balance


def test_it_generates_the_same_file_from_the_same_seed(tmp_path: Path) -> None:
    first = generate("vcb_pdf", tmp_path / "a.pdf", Options(lines=30, seed=42))
    second = generate("vcb_pdf", tmp_path / "b.pdf", Options(lines=30, seed=42))
    assert first.path.read_bytes() == second.path.read_bytes()
    other = generate("vcb_pdf", tmp_path / "c.pdf", Options(lines=30, seed=43))
    assert other.lines != first.lines


def test_it_generates_vietnamese_donors_with_diacritics() -> None:
    txns = list(transactions(Options(lines=300, seed=1), bank="VCB"))
    with_marks = [txn for txn in txns if txn.description != to_ascii(txn.description)]
    assert len(with_marks) > 20
    assert all(unicodedata.is_normalized("NFC", txn.description) for txn in txns)
    assert [txn.date for txn in txns] == sorted(txn.date for txn in txns)
    assert txns[0].date == dt.date(2024, 9, 1) and txns[-1].date == dt.date(2024, 9, 10)


def test_it_fills_exactly_the_requested_number_of_pdf_pages(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "p.pdf", Options(pages=4, lines=None, seed=2))
    opened = open_statement(written.path)
    lines = list(opened)
    assert written.pages == 4 and opened.header.pages == 4
    assert {line.page for line in lines} == {1, 2, 3, 4}
    assert lines == written.lines
    assert lines[-1].balance is not None


def test_it_lists_every_layout_in_the_registry() -> None:
    assert get_layout("vcb_pdf").kinds == frozenset({"pdf"})
    for layout in TABLE_LAYOUTS:
        assert get_layout(layout).kinds == frozenset({"csv", "xlsx"})
