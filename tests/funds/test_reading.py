"""Reading a statement into batches of rows, in this process and in a child process (funds.reading).

The child gives the same batches and the same errors; a child that dies is reported with its last
words; a reader stopped early leaves no child behind; the rows are what the importer writes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from mattran.funds import reading
from mattran.funds.reading import LINE_COLUMNS, Batch, Finished, Target, read_batches, read_in_child
from mattran.funds.statements import StatementError
from tests.funds.statement_generators import Options, generate

TARGET = Target(account_id=7, statement_id=9, province_key=1, account_number="0011001932418")


def _records(records) -> tuple[list[Batch], Finished]:
    records = list(records)
    assert isinstance(records[-1], Finished)
    assert all(isinstance(r, Batch) for r in records[:-1])
    return records[:-1], records[-1]


def test_the_child_reads_what_this_process_reads(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(reading, "BATCH", 70)  # several batches from a small file (the child keeps 2,000)
    path = tmp_path / "vcb.pdf"
    generate("vcb_pdf", path, Options(lines=150, seed=5, account="0011001932418"))
    here, here_end = _records(read_batches(path, TARGET))
    there, there_end = _records(read_in_child(path, TARGET))
    assert [b.count for b in here] == [70, 70, 10] and [b.count for b in there] == [150]
    assert [row for b in here for row in json.loads(b.rows)] == json.loads(there[0].rows)
    assert here_end == there_end
    assert there_end.layout == "vcb_pdf" and there_end.report["lines"] == 150
    assert there_end.report["mismatches"] == [] and there_end.report["printed_balances"] > 0
    assert (there[-1].read, there[-1].pages) == (150, there_end.pages)

    row = dict(zip(LINE_COLUMNS, json.loads(there[0].rows)[0], strict=True))
    assert (row["account_id"], row["statement_id"], row["province_key"]) == (7, 9, 1)
    assert row["date"].startswith("20") and row["page"] == 1 and row["line"] >= 1
    assert row["search_text"] == row["search_text"].lower()
    assert row["amount"] == (row["credit"] or row["debit"]) > 0


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda p: p.write_bytes(b"%PDF-1.4 broken"), "PDF"),
        (lambda p: generate("vcb_table", p, Options(lines=40, invalid_amount_at=20)), "dòng"),
        (lambda p: generate("vcb_table", p, Options(lines=30, account="0999888777666")), "0999888777666"),
    ],
    ids=["corrupt-pdf", "non-integer-amount", "another-account"],
)
def test_the_child_raises_the_same_error(tmp_path: Path, make, expected) -> None:
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(StatementError) as here:
        list(read_batches(path, TARGET))
    with pytest.raises(StatementError) as there:
        list(read_in_child(path, TARGET))
    assert expected in there.value.message
    assert (there.value.message, there.value.page, there.value.line) == (
        here.value.message,
        here.value.page,
        here.value.line,
    )


def test_a_child_that_dies_is_reported_with_its_last_words(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=10))
    dying = (
        "import sys; sys.stdout.write('B'); sys.stderr.write('MemoryError: cannot allocate\\n'); sys.exit(3)"
    )
    monkeypatch.setattr(reading, "_child_command", lambda *args: [sys.executable, "-c", dying])
    with pytest.raises(StatementError, match=r"dừng bất thường \(mã thoát 3\): MemoryError: cannot allocate"):
        list(read_in_child(path, TARGET))


def _readers_of(path: Path) -> list[int]:
    """Process ids of children reading ``path`` (from /proc)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"mattran.funds.reading" in command and str(path).encode() in command:
            found.append(int(pid))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_stopping_early_kills_the_child(tmp_path: Path) -> None:
    path = tmp_path / "vcb.pdf"
    generate("vcb_pdf", path, Options(pages=1200, lines=None, account="0011001932418"))
    records = read_in_child(path, TARGET)
    first = next(records)
    assert isinstance(first, Batch) and first.count == reading.BATCH
    assert _readers_of(path)
    records.close()
    assert _readers_of(path) == []
