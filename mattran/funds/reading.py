"""Read a statement file into batches of database rows — in this process, or in a child process.

No Django here: ``funds.importing`` writes what this module reads. A batch is the JSON text of up to
BATCH rows in ``LINE_COLUMNS`` order, ready to be handed whole to one INSERT (``json_each`` on SQLite,
``json_array_elements`` on PostgreSQL), so the writer does no work per line in Python.

A large file is read in a child process (``python -m mattran.funds.reading``; ``read_in_child``): the
parsing then has a processor core to itself, while the writer waits for the database. In one process the
two shared Python's lock, and the writer, which gives it up and takes it back at every line, waited
for it most of the time (docs/benchmarks.md). The child writes one record per line to its output:

- ``B`` + JSON ``{"count", "read", "page", "pages"}`` + TAB + the rows' JSON: a batch;
- ``E`` + JSON: the end — the layout, the header's figures and the balance check's report;
- ``X`` + JSON ``{"message", "page", "line"}``: the file cannot be imported (``StatementError``).

The pipe holds back a child that runs ahead, so memory stays flat whatever the file's size. A child that
dies without an ``E`` or ``X`` (killed, out of memory) is reported as such, with its last error line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mattran.core.text import fold

from .banks import BY_CODE
from .statements import BalanceChecker, StatementError, open_statement

BATCH = 2000
SEARCH_TEXT_MAX = 600  # characters; the ordered search index keeps the text in B-tree entries (0006)

# The columns of a batch's rows, in order (funds_statementline).
LINE_COLUMNS = (
    "account_id", "statement_id", "province_key", "bank", "fingerprint", "date", "reference", "debit",
    "credit", "amount", "balance", "description", "counterparty", "page", "line", "search_text",
)  # fmt: skip


def search_text_of(description: str, counterparty: str | None) -> str:
    """Return the folded text the search index holds for a line."""
    return fold(f"{description} {counterparty or ''}")[:SEARCH_TEXT_MAX].rstrip()


@dataclass(frozen=True, slots=True)
class Target:
    """Where the lines go: the values every row repeats, and the account number the file must be of."""

    account_id: int
    statement_id: int
    province_key: int | None
    account_number: str
    bank: str = ""  # the account's bank as the readers name it (StatementLine.bank: "VCB", "BIDV"…)
    bank_title: str = ""  # its name for people ("Vietcombank")


@dataclass(frozen=True, slots=True)
class Batch:
    rows: str  # JSON array of ``count`` rows in LINE_COLUMNS order
    count: int
    read: int  # lines read so far
    page: int | None  # the page of the last line
    pages: int | None  # pages in the file, when it says
    credit: int = 0  # the batch's sums, checked against the account's lines once it is written
    debit: int = 0


@dataclass(frozen=True, slots=True)
class Finished:
    """What is known once every line has been read."""

    layout: str
    pages: int | None
    period_from: str | None  # ISO dates
    period_to: str | None
    report: dict  # the BalanceReport's figures; "mismatches" as dicts with their message


def _report_dict(report) -> dict:
    return {
        "lines": report.lines,
        "total_debit": report.total_debit,
        "total_credit": report.total_credit,
        "opening_balance": report.opening_balance,
        "opening_derived": report.opening_derived,
        "closing_balance": report.closing_balance,
        "printed_balances": report.printed_balances,
        "mismatches": [
            {
                "kind": m.kind,
                "page": m.page,
                "line": m.line,
                "expected": m.expected,
                "printed": m.printed,
                "message": m.message(),
            }
            for m in report.mismatches
        ],
    }


def occurrence_fingerprint(content: str, occurrence: int) -> str:
    """The identity of a line: its content's fingerprint (``StatementLine.fingerprint``: account, date,
    reference, amounts, message) and which occurrence of that content it is in the file.

    A statement's lines are a multiset: 830 donations of 200,000 đ with the same message on one day are
    830 lines, the n-th of them in a file a different transaction from the (n+1)-th. Re-reading the same
    file, or another export covering the same days (a daily and a monthly statement), gives each of them
    the same identity again, so the import adds exactly the ones not yet kept. The first occurrence keeps
    the content's fingerprint itself: lines kept before this rule (one per content) keep their identity,
    and re-importing their file adds the repeats that were wrongly merged then.
    """
    if occurrence == 1:
        return content
    return hashlib.sha256(f"{content}#{occurrence}".encode()).hexdigest()


def _bank_name(code: str) -> str:
    bank = BY_CODE.get(code)
    return bank.short_name if bank else code


def _check_account(opened, header, target: Target) -> None:
    """Refuse a file of another bank or another account, in words the unit's accountant can act on."""
    bank = opened.layout.bank
    if target.bank and bank != target.bank:
        raise StatementError(
            f"Tệp này là sao kê của ngân hàng {_bank_name(bank)}, nhưng tài khoản "
            f"{target.account_number} mở tại {target.bank_title or target.bank}. Hãy chọn đúng tài khoản, "
            "hoặc tải lên sao kê do ngân hàng của tài khoản này cấp."
        )
    if not header.account:
        raise StatementError(
            "Tệp sao kê không ghi số tài khoản, nên không xác nhận được đây là sao kê của tài khoản "
            f"{target.account_number}. Hãy tải xuống lại sao kê đầy đủ (có phần đầu ghi số tài khoản)."
        )
    if header.account.lstrip("0") != target.account_number.lstrip("0"):
        raise StatementError(
            f"Tệp này là sao kê của tài khoản {header.account}, không phải tài khoản {target.account_number}. "
            "Hãy chọn đúng tài khoản, hoặc tải lên đúng tệp sao kê."
        )


def read_batches(
    path: str | Path, target: Target, *, layout: str | None = None
) -> Iterator[Batch | Finished]:
    """Yield the file's lines as batches of rows, then ``Finished``; raise StatementError if it cannot be read."""
    opened = open_statement(path, layout=layout)
    header = opened.header
    checker = BalanceChecker(opened, header=header)
    constants = (target.account_id, target.statement_id, target.province_key)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    batch: list[tuple] = []
    read = 0
    page = None
    credit = debit = 0
    seen: dict[str, int] = {}  # content fingerprint → how many times it has occurred in the file so far
    for line in checker:
        if not read:
            _check_account(opened, header, target)
        read += 1
        page = line.page
        content = line.fingerprint
        occurrence = seen[content] = seen.get(content, 0) + 1
        credit += line.credit
        debit += line.debit
        batch.append(
            (
                *constants,
                line.bank,
                occurrence_fingerprint(content, occurrence),
                line.date.isoformat(),
                line.reference[:100],
                line.debit,
                line.credit,
                line.credit or line.debit,
                line.balance,
                line.description,
                (line.counterparty or "")[:200],
                line.page,
                line.line,
                search_text_of(line.description, line.counterparty),
            )
        )
        if len(batch) >= BATCH:
            yield Batch(dumps(batch), len(batch), read, page, header.pages, credit, debit)
            batch = []
            credit = debit = 0
    if not read:
        _check_account(opened, header, target)
    if batch:
        yield Batch(dumps(batch), len(batch), read, page, header.pages, credit, debit)
    yield Finished(
        layout=opened.layout.name,
        pages=header.pages,
        period_from=header.period_from.isoformat() if header.period_from else None,
        period_to=header.period_to.isoformat() if header.period_to else None,
        report=_report_dict(checker.report),
    )


# --- the child process ---------------------------------------------------------------------------


def _child_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Read a bank statement into batches of rows (for funds.importing)"
    )
    parser.add_argument("path")
    parser.add_argument(
        "--target", required=True, help="JSON: account_id, statement_id, province_key, account_number"
    )
    parser.add_argument("--layout")
    args = parser.parse_args(argv)
    out = sys.stdout.buffer
    try:
        for record in read_batches(args.path, Target(**json.loads(args.target)), layout=args.layout):
            if isinstance(record, Batch):
                meta = {
                    "count": record.count,
                    "read": record.read,
                    "page": record.page,
                    "pages": record.pages,
                    "credit": record.credit,
                    "debit": record.debit,
                }
                out.write(b"B" + json.dumps(meta).encode() + b"\t" + record.rows.encode() + b"\n")
            else:
                end = {
                    "layout": record.layout,
                    "pages": record.pages,
                    "period_from": record.period_from,
                    "period_to": record.period_to,
                    "report": record.report,
                }
                out.write(b"E" + json.dumps(end).encode() + b"\n")
            out.flush()
    except StatementError as exc:
        out.write(
            b"X" + json.dumps({"message": exc.message, "page": exc.page, "line": exc.line}).encode() + b"\n"
        )
        out.flush()
    except BrokenPipeError:  # the importer stopped reading (it failed, or was stopped): nothing to say
        return 1
    return 0


# --- the importer's side -------------------------------------------------------------------------

_DONE = object()


def read_ahead(items, depth: int = 4):
    """Yield what ``items`` yields, producing it on another thread up to ``depth`` items ahead.

    An exception in the producer is raised here, in order; when the consumer stops early (an error, or
    a KeyboardInterrupt), the producer is told to stop and is waited for.
    """
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
        except BaseException as exc:  # handed to the consumer, which raises it
            put((_DONE, exc))
            return
        put((_DONE, None))

    thread = threading.Thread(target=produce, name="statement-reader", daemon=True)
    thread.start()
    try:
        while True:
            item, exc = buffer.get()
            if exc is not None:
                raise exc
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        thread.join()


def _child_command(path: str | Path, target: Target, layout: str | None) -> list[str]:
    """The command line of the child process that reads ``path``."""
    command = [sys.executable, "-m", "mattran.funds.reading", str(path), "--target", json.dumps(
        {"account_id": target.account_id, "statement_id": target.statement_id,
         "province_key": target.province_key, "account_number": target.account_number,
         "bank": target.bank, "bank_title": target.bank_title}
    )]  # fmt: skip
    return [*command, "--layout", layout] if layout else command


def _child_env() -> dict[str, str]:
    """The environment of the child: this one, with the directory that holds ``mattran`` on its path."""
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}


def read_in_child(
    path: str | Path, target: Target, *, layout: str | None = None
) -> Iterator[Batch | Finished]:
    """``read_batches`` run by a child process; the same records, the same errors.

    A thread reads the child's output a few batches ahead, so the child goes on parsing while the
    caller waits for the database. If the caller stops early, the child is killed.
    """
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            _child_command(path, target, layout), stdout=subprocess.PIPE, stderr=errors, env=_child_env()
        )
        records = read_ahead(iter(child.stdout.readline, b""))
        ended = False
        try:
            for raw in records:
                if not raw.endswith(b"\n"):
                    break  # cut off: the child died while writing it
                kind, body = raw[:1], raw[1:]
                if kind == b"B":
                    meta, rows = body.split(b"\t", 1)
                    meta = json.loads(meta)
                    yield Batch(rows[:-1].decode(), **meta)
                elif kind == b"E":
                    ended = True
                    yield Finished(**json.loads(body))
                elif kind == b"X":
                    ended = True
                    failure = json.loads(body)
                    raise StatementError(failure["message"], page=failure["page"], line=failure["line"])
            if not ended:
                code = child.wait()
                errors.seek(0)
                said = [line for line in errors.read().decode(errors="replace").splitlines() if line.strip()]
                reason = f": {said[-1].strip()}" if said else ""
                raise StatementError(
                    "Việc đọc tệp sao kê bị dừng giữa chừng (máy chủ có thể thiếu bộ nhớ hoặc vừa khởi động "
                    "lại); không dòng nào được giữ. Hãy tải tệp lên để nhập lại; nếu lỗi lặp lại, báo quản trị hệ thống. "
                    f"Chi tiết kỹ thuật: tiến trình đọc sao kê dừng bất thường (mã thoát {code}){reason}"
                )
        finally:
            if child.poll() is None:
                child.kill()
            records.close()  # the reading thread ends: the killed child's output is closed
            child.stdout.close()
            child.wait()


if __name__ == "__main__":
    sys.exit(_child_main())
