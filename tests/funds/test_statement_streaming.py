"""Parsing streams: memory stays flat however many pages the statement has."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from mattran.funds.statements import BalanceChecker, open_statement
from tests.funds.statement_generators import Options, generate

# Python allocations only; pdfium's own memory is freed page by page, and what it keeps per document is freed
# by opening the document again every REOPEN_PAGES pages (not traced here).
PEAK_BOUND = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "vcb-2000-pages.pdf"
    generate("vcb_pdf", path, Options(pages=2000, lines=None, seed=2024, collect=False))
    return path


def test_it_parses_a_2000_page_pdf_in_flat_memory(big_pdf: Path) -> None:
    opened = open_statement(big_pdf)
    checker = BalanceChecker(opened, header=opened.header)
    tracemalloc.start()
    try:
        count = sum(1 for _ in checker)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert opened.header.pages == 2000
    assert count > 30_000
    assert checker.report.ok, checker.report.mismatches[:3]
    assert peak < PEAK_BOUND, f"peak {peak / 1e6:.1f} MB"


def test_it_reads_the_same_lines_when_it_opens_the_document_again_between_pages(
    big_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mattran.funds.statements.layouts import vcb_pdf

    def lines() -> list[tuple]:
        opened = open_statement(big_pdf)
        checker = BalanceChecker(opened, header=opened.header)
        found = [(x.page, x.line, x.fingerprint, x.balance) for x in checker]
        assert checker.report.ok and opened.header.pages == 2000
        return found

    whole = lines()
    monkeypatch.setattr(vcb_pdf, "REOPEN_PAGES", 7)  # a message running over a reopening is joined too
    assert lines() == whole


def test_it_parses_a_large_csv_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    generate("vcb_table", path, Options(lines=50_000, collect=False))
    opened = open_statement(path)
    tracemalloc.start()
    try:
        count = sum(1 for _ in opened)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000
    assert peak < 2 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
