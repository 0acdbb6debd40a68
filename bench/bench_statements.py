"""Benchmark statement parsing against naive baselines and print a Markdown table.

    .venv/bin/python bench/bench_statements.py --pages 12000 --csv-lines 2000000

Generates a Vietcombank 2024-layout PDF (the size of the September 2024 relief statement) and a
Vietcombank CSV export, then times parsing plus the balance check of each, next to a pdfplumber
page loop (on the first --baseline-pages pages: it is far too slow for the whole file) and a
csv.DictReader loop with float amounts.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mattran.funds.statements import BalanceChecker, open_statement  # noqa: E402
from tests.funds.statement_generators import Options, generate  # noqa: E402


def timed(action: Callable[[], int]) -> tuple[float, int]:
    """Run ``action`` and return (seconds, what it counted)."""
    start = time.perf_counter()
    count = action()
    return time.perf_counter() - start, count


def parse_with_balance_check(path: Path) -> int:
    """Stream every line through the balance checker and fail loudly if a balance disagrees."""
    statement = open_statement(path)
    checker = BalanceChecker(statement, header=statement.header)
    count = sum(1 for _ in checker)
    if not checker.report.ok:
        raise SystemExit(f"balance check failed: {checker.report.mismatches[:3]}")
    return count


def pdfplumber_baseline(path: Path, pages: int) -> int:
    """Extract the text of the first ``pages`` pages the usual way, splitting it into lines."""
    import pdfplumber

    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            text = page.extract_text() or ""
            count += sum(1 for line in text.splitlines() if line[:2].isdigit() and line[2:3] == "/")
            page.close()
    return pages if count else 0


def csv_baseline(path: Path) -> int:
    """Read the CSV with DictReader, parsing amounts as floats, as a quick script would."""
    count = 0
    balance = 0.0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for _ in range(8):
            handle.readline()
        for row in csv.DictReader(handle):
            if not row["Ngày GD/TNX Date"]:
                continue
            credit = float((row["Số tiền ghi có/Credit"] or "0").replace(".", ""))
            debit = float((row["Số tiền ghi nợ/Debit"] or "0").replace(".", ""))
            balance += credit - debit
            count += 1
    return count


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    """Generate the files, time the parsers and the baselines, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12_000, help="pages of the generated PDF")
    parser.add_argument("--csv-lines", type=int, default=2_000_000, help="transactions in the generated CSV")
    parser.add_argument("--baseline-pages", type=int, default=200, help="pages the pdfplumber loop reads")
    parser.add_argument(
        "--out", type=Path, default=None, help="directory for the files (default: a temp dir)"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the generated files in the temp dir")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="bench-statements-"))
    out.mkdir(parents=True, exist_ok=True)
    pdf_path = out / f"vcb-{args.pages}-pages.pdf"
    csv_path = out / f"vcb-{args.csv_lines}-lines.csv"

    options = Options(seed=args.seed, lines=None, pages=args.pages, collect=False)
    generated_pdf_seconds, _ = timed(lambda: generate("vcb_pdf", pdf_path, options).count)
    csv_options = Options(seed=args.seed, lines=args.csv_lines, collect=False)
    generated_csv_seconds, _ = timed(lambda: generate("vcb_table", csv_path, csv_options).count)

    pdf_seconds, pdf_lines = timed(lambda: parse_with_balance_check(pdf_path))
    baseline_pages = min(args.baseline_pages, args.pages)
    try:
        plumber_seconds, plumber_pages = timed(lambda: pdfplumber_baseline(pdf_path, baseline_pages))
    except ImportError:
        plumber_seconds, plumber_pages = float("nan"), 0
    csv_seconds, csv_lines = timed(lambda: parse_with_balance_check(csv_path))
    naive_seconds, naive_lines = timed(lambda: csv_baseline(csv_path))

    pdf_rate = args.pages / pdf_seconds
    plumber_rate = plumber_pages / plumber_seconds if plumber_pages else float("nan")
    csv_rate = csv_lines / csv_seconds
    naive_rate = naive_lines / naive_seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"Machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}")
    print(f"Command: {' '.join(sys.argv)}")
    print(
        f"Files: {pdf_path} ({pdf_path.stat().st_size / 1e6:.0f} MB), {csv_path} ({csv_path.stat().st_size / 1e6:.0f} MB)"
    )
    print()
    print("| what | data | seconds | rate | vs baseline |")
    print("|---|---|---:|---:|---:|")
    print(
        f"| parse VCB PDF + balance check | {args.pages:,} pages, {pdf_lines:,} lines | {pdf_seconds:.1f} "
        f"| {pdf_rate:,.0f} pages/s | {pdf_rate / plumber_rate:.1f}× |"
    )
    print(
        f"| baseline: pdfplumber extract_text loop | first {plumber_pages:,} pages | {plumber_seconds:.1f} "
        f"| {plumber_rate:,.1f} pages/s | 1.0× |"
    )
    print(
        f"| parse VCB CSV + balance check | {csv_lines:,} lines | {csv_seconds:.1f} "
        f"| {csv_rate:,.0f} lines/s | {csv_rate / naive_rate:.2f}× |"
    )
    print(
        f"| baseline: csv.DictReader + float | {naive_lines:,} lines | {naive_seconds:.1f} "
        f"| {naive_rate:,.0f} lines/s | 1.0× |"
    )
    print(
        f"| generate VCB PDF | {args.pages:,} pages | {generated_pdf_seconds:.1f} | "
        f"{args.pages / generated_pdf_seconds:,.0f} pages/s | |"
    )
    print(
        f"| generate VCB CSV | {args.csv_lines:,} lines | {generated_csv_seconds:.1f} | "
        f"{args.csv_lines / generated_csv_seconds:,.0f} lines/s | |"
    )
    print()
    print(f"Peak resident memory of the whole run: {peak_mb:,.0f} MB")
    if args.out is None and not args.keep:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
