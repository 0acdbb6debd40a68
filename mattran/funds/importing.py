"""Import a bank statement file into the database: streamed, balance-checked, all or nothing.

Design: the BankStatement row is committed first (so a failure leaves a record with its report);
the lines are then read with ``open_statement()`` through the BalanceChecker and written in batches,
one ``executemany`` each that skips lines already kept (``_insert_lines``), inside ONE transaction. The
unique (account, fingerprint) constraint makes a re-import of the same file, or of an overlapping statement, add nothing. If the
file cannot be read, an amount is not whole đồng, or a printed balance disagrees with the lines, the
transaction rolls back: no line of the file is kept, and the statement row records why (page, line).
Memory stays flat: a reader thread parses at most a few batches ahead of the writer (``read_ahead``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.functions import Now
from django.utils import timezone

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.text import fold

from .models import BankAccount, BankStatement, StatementLine, StatementStatus
from .statements import BalanceChecker, StatementError, open_statement
from .statements.model import location

BATCH = 2000
Progress = Callable[[int, int | None], None]


class _Rollback(Exception):
    pass


def progress_key(statement_id: int) -> str:
    return f"funds:import:{statement_id}"


def progress_cache():
    """The cache every process shares for progress (the worker writes, the web pages read)."""
    return caches["progress"]


def progress_of(statement_id: int) -> dict:
    """Return how far a running import has got: lines read, current page, pages in the file.

    ``at`` (seconds since the epoch) is when the run last wrote it: a run writes at its start and after
    every batch of lines, so an entry that stops changing tells a run that has died.
    """
    return progress_cache().get(progress_key(statement_id)) or {}


def _report_progress(statement_id: int, lines: int, page: int | None, pages: int | None) -> None:
    progress_cache().set(
        progress_key(statement_id), {"lines": lines, "page": page, "pages": pages, "at": time.time()}, 3600
    )


# A queued import no run has taken after this long: no worker is running, or its task was lost.
PENDING_STALLED_AFTER = dt.timedelta(minutes=2)
# A running import that has written no progress for this long: its process was killed (a run writes
# after every batch of lines, which takes well under a second even on a slow disk).
RUNNING_STALLED_AFTER = dt.timedelta(minutes=5)


def stalled_since(
    statement: BankStatement, now: dt.datetime | None = None, *, progress: dict | None = None
) -> dt.datetime | None:
    """Return when a waiting or running import last showed any life, if that is too long ago.

    None while it is in hand (or finished). A stalled import can be queued again
    (``actions.do_requeue_statement``): nothing of a dead run was kept, its transaction ended with it.
    ``progress``: what ``progress_of`` returned, when the caller has already read it.
    """
    now = now or timezone.now()
    if statement.status == StatementStatus.PENDING:
        last, limit = statement.queued_at or statement.created_at, PENDING_STALLED_AFTER
    elif statement.status == StatementStatus.RUNNING:
        last, limit = (
            statement.started_at or statement.queued_at or statement.created_at,
            RUNNING_STALLED_AFTER,
        )
        beat = (progress if progress is not None else progress_of(statement.pk)).get("at")
        if beat:
            last = max(last, dt.datetime.fromtimestamp(beat, tz=dt.UTC))
    else:
        return None
    return last if now - last > limit else None


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


SEARCH_TEXT_MAX = 600  # characters; the ordered search index keeps the text in B-tree entries (0006)


def search_text_of(description: str, counterparty: str | None) -> str:
    """Return the folded text the search index holds for a line."""
    return fold(f"{description} {counterparty or ''}")[:SEARCH_TEXT_MAX].rstrip()


@transaction.atomic
def do_create_statement(
    *, acting_user, account: BankAccount, path: str | Path, file_name: str = ""
) -> BankStatement:
    """Register a statement file to import into an account (pending)."""
    path = Path(path)
    if not path.exists():
        raise ActionError(f"Không tìm thấy tệp: {path}", field="file")
    statement = BankStatement.objects.create(
        account=account,
        file_name=(file_name or path.name)[:300],
        file_path=str(path),
        sha256=file_sha256(path),
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
        queued_at=timezone.now(),
    )
    audit.record("funds.create_statement", actor=acting_user, unit=account.unit, obj=statement)
    return statement


def _fail(statement: BankStatement, message: str, report: dict) -> None:
    statement.status = StatementStatus.FAILED
    statement.error = message[:500]
    statement.report = report
    statement.lines_added = 0
    statement.finished_at = timezone.now()
    statement.save(update_fields=["status", "error", "report", "lines_added", "finished_at"])


def mark_failed(statement_id: int, message: str) -> None:
    """Record an import that stopped on an unexpected error (the task's last resort)."""
    statement = BankStatement.objects.filter(pk=statement_id).exclude(status=StatementStatus.DONE).first()
    if statement is not None:
        _fail(statement, message, {"error": message})


LINE_COLUMNS = (
    "account_id", "statement_id", "province_key", "bank", "fingerprint", "date", "reference", "debit",
    "credit", "amount", "balance", "description", "counterparty", "page", "line", "search_text",
)  # fmt: skip


def _insert_lines(rows: list[tuple]) -> None:
    """Write a batch of lines (tuples in LINE_COLUMNS order); a line already kept (its fingerprint) is skipped.

    Plain tuples and one ``executemany`` rather than ``bulk_create``: no model instance per line (a third
    faster to re-import a file, docs/benchmarks.md). The search index follows
    by the database's own means (FTS5 triggers on SQLite, the generated column and its GIN on PostgreSQL).
    """
    table = StatementLine._meta.db_table
    columns = ", ".join(LINE_COLUMNS)
    marks = ", ".join(["%s"] * len(LINE_COLUMNS))
    if connection.vendor == "sqlite":
        sql = f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})"
    else:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _row_batches(checker, header, account, statement, counted: dict, *, sqlite: bool):
    """Yield (rows, lines read so far, page) for every BATCH lines of the file, then the rest."""
    batch: list[tuple] = []
    line = None
    for line in checker:
        if (
            not counted["read"]
            and header.account
            and header.account.lstrip("0") != account.number.lstrip("0")
        ):
            raise _Rollback(f"Sao kê của tài khoản {header.account}, không phải {account.number}")
        counted["read"] += 1
        batch.append(
            (
                account.pk,
                statement.pk,
                account.province_key,
                line.bank,
                line.fingerprint,
                line.date.isoformat() if sqlite else line.date,
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
            yield batch, counted["read"], line.page
            batch = []
    if batch or line is None:
        yield batch, counted["read"], header.pages


_DONE = object()


def read_ahead(items, depth: int = 4):
    """Yield what ``items`` yields, producing it on another thread up to ``depth`` items ahead.

    An exception in the producer is raised here, in order; when the consumer stops early (an error, or
    a KeyboardInterrupt), the producer is told to stop and is waited for, so the file it reads is
    never used by two threads.
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


def run_import(
    statement: BankStatement,
    *,
    acting_user=None,
    layout: str | None = None,
    progress: Progress | None = None,
) -> BankStatement:
    """Read the statement's file into StatementLine rows; on any error keep nothing and record why."""
    # Claim the statement in one UPDATE: of two runs (a task retried while the CLI runs, say) one wins.
    claimed = BankStatement.objects.filter(
        pk=statement.pk, status__in=[StatementStatus.PENDING, StatementStatus.FAILED]
    ).update(status=StatementStatus.RUNNING, started_at=Now())
    statement = BankStatement.objects.select_related("account", "account__unit").get(pk=statement.pk)
    if not claimed:
        if statement.status == StatementStatus.DONE:
            raise ActionError("Sao kê này đã được nhập.", status=409, code="conflict")
        raise ActionError("Sao kê này đang được nhập ở một tiến trình khác.", status=409, code="conflict")
    account = statement.account
    key = progress_key(statement.pk)
    _report_progress(statement.pk, 0, None, None)
    try:
        opened = open_statement(statement.file_path, layout=layout)
    except StatementError as exc:
        _fail(statement, exc.message, {"error": exc.message, "page": exc.page, "line": exc.line})
        return statement
    header = opened.header
    checker = BalanceChecker(opened, header=header)
    error: dict | None = None
    counted = {"read": 0}
    try:
        with transaction.atomic():
            batches = _row_batches(
                checker, header, account, statement, counted, sqlite=connection.vendor == "sqlite"
            )
            # The file is read on one thread while this one writes: the database's work (SQLite's
            # inserts, or waiting for PostgreSQL) runs without Python's lock, the parsing with it.
            for rows, read, page in read_ahead(batches):
                if rows:
                    _insert_lines(rows)
                _report_progress(statement.pk, read, page, header.pages)
                if progress:
                    progress(read, page)
            report = checker.report
            if not report.ok:
                first = report.mismatches[0]
                raise _Rollback(first.message())
            added = StatementLine.objects.filter(statement_id=statement.pk).count()
    except StatementError as exc:
        error = {"error": exc.message, "page": exc.page, "line": exc.line}
    except _Rollback as exc:
        error = {"error": str(exc)}
    finally:
        progress_cache().delete(key)
    mismatches = [
        {
            "kind": m.kind,
            "page": m.page,
            "line": m.line,
            "expected": m.expected,
            "printed": m.printed,
            "message": m.message(),
        }
        for m in checker.report.mismatches
    ]
    if error is not None or mismatches:
        error = error or {"error": mismatches[0]["message"]}
        error["mismatches"] = mismatches[:200]
        error["lines_read"] = counted["read"]
        _fail(statement, error["error"], error)
        audit.record(
            "funds.import_failed", actor=acting_user, unit=account.unit, obj=statement, summary=error["error"]
        )
        return statement
    report = checker.report
    statement.status = StatementStatus.DONE
    statement.layout = opened.layout.name
    statement.period_from = header.period_from
    statement.period_to = header.period_to
    statement.pages = header.pages
    statement.lines_read = report.lines
    statement.lines_added = added
    statement.total_credit = report.total_credit
    statement.total_debit = report.total_debit
    statement.opening_balance = report.opening_balance
    statement.closing_balance = report.closing_balance
    statement.report = {
        "printed_balances": report.printed_balances,
        "opening_derived": report.opening_derived,
        "mismatches": [],
        "duplicates": report.lines - added,
    }
    statement.error = ""
    statement.finished_at = timezone.now()
    statement.save()
    audit.record(
        "funds.import_statement",
        actor=acting_user,
        unit=account.unit,
        obj=statement,
        summary=f"{report.lines} dòng đọc, {added} dòng mới",
    )
    return statement


def do_import_statement(
    *,
    acting_user,
    account: BankAccount,
    path: str | Path,
    file_name: str = "",
    layout: str | None = None,
    progress: Progress | None = None,
) -> BankStatement:
    """Register and import a statement file in one call (the CLI and the tests use this)."""
    statement = do_create_statement(acting_user=acting_user, account=account, path=path, file_name=file_name)
    return run_import(statement, acting_user=acting_user, layout=layout, progress=progress)


def describe_error(report: dict) -> str:
    """Return the error of a failed import with its position."""
    where = location(report.get("page"), report.get("line"))
    return f"{report.get('error', '')}" + (
        f" ({where})" if where and where not in report.get("error", "") else ""
    )
