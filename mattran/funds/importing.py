"""Import a bank statement file into the database: streamed, balance-checked, all or nothing.

The actions that register and import a file (``actions.statements.do_create_statement`` and
``do_import_statement``) authorise their actor and call ``run_import`` here; this module holds no action.

Design: the BankStatement row is committed first (so a failure leaves a record with its report);
``funds.reading`` then reads the file through the BalanceChecker into batches of rows — in a child
process for a large file, so parsing and writing run on two processor cores — and each batch is written
by one statement that skips lines already kept (``_insert_lines``), all inside ONE transaction. A line's
identity is its content and its occurrence in the file (``reading.occurrence_fingerprint``: the n-th
identical donation of a day is a line of its own); the unique (account, fingerprint) constraint makes a
re-import of the same file, or of an overlapping statement, add exactly the lines not yet kept, and after
each batch the account is checked to hold every line of it with the same amounts (``_check_kept``). If the file cannot be read, an amount is not whole đồng, or a printed balance
disagrees with the lines, the transaction rolls back: no line of the file is kept, and the statement row
records why (page, line). Memory stays flat: at most a few batches are read ahead of the writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.errors import ActionError

from .banks import bank_by_bin
from .models import BankStatement, StatementLine, StatementStatus
from .reading import LINE_COLUMNS, Batch, Target, read_batches, read_in_child
from .statements import StatementError
from .statements.model import location
from .terms import vector_text

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


def _insert_lines(rows: str) -> None:
    """Write a batch (the JSON array of rows from ``reading``) in one statement; a line already kept
    (its fingerprint) is skipped.

    One statement per batch, the rows unpacked by the database: little Python work per line here, and
    SQLite gives up Python's lock once per batch rather than at every line. On PostgreSQL the line's
    search terms (``terms.vector_text``) go with it, computed here rather than by the database
    (migration 0011): the database's core is the one the reader process does not use.
    """
    table = StatementLine._meta.db_table
    columns = ", ".join(LINE_COLUMNS)
    if connection.vendor == "sqlite":
        picks = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(LINE_COLUMNS)))
        sql = f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {picks} FROM json_each(%s) ORDER BY key"
        params = [rows]
    else:
        fields = {field.column: field for field in StatementLine._meta.concrete_fields}
        picks = ", ".join(
            f"(value ->> {i})::{fields[column].db_type(connection)}" for i, column in enumerate(LINE_COLUMNS)
        )
        text = LINE_COLUMNS.index("search_text")
        vectors = json.dumps([vector_text(row[text]) for row in json.loads(rows)], ensure_ascii=False)
        # A line already kept is skipped before its row is built (a re-import, or an overlapping statement).
        account, fingerprint = LINE_COLUMNS.index("account_id"), LINE_COLUMNS.index("fingerprint")
        sql = (
            f"INSERT INTO {table} ({columns}, search_vector) SELECT {picks}, v.terms::tsvector "
            "FROM json_array_elements(%s::json) WITH ORDINALITY AS r(value, n) "
            "JOIN json_array_elements_text(%s::json) WITH ORDINALITY AS v(terms, n) USING (n) "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} kept WHERE kept.account_id = (value ->> {account})::bigint "
            f"AND kept.fingerprint = value ->> {fingerprint}) ORDER BY n ON CONFLICT DO NOTHING"
        )
        params = [rows, vectors]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _check_kept(batch: Batch, account_id: int) -> None:
    """Check that every line of a batch is now one of the account's lines, with the same amounts.

    Added now or kept by an earlier import of an overlapping file: either way the account holds exactly
    one line per identity (the unique constraint), and the count and sums of the batch's identities among
    the account's lines must be the batch's own. Anything else (a line that was not written, an identity
    shared by lines of different amounts) stops the import: nothing of the file is kept.
    """
    table = StatementLine._meta.db_table
    at = LINE_COLUMNS.index("fingerprint")
    if connection.vendor == "sqlite":
        ids = f"SELECT json_extract(value, '$[{at}]') FROM json_each(%s)"
    else:
        ids = f"SELECT value ->> {at} FROM json_array_elements(%s::json)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum(credit), 0), coalesce(sum(debit), 0) FROM {table} "
            f"WHERE account_id = %s AND fingerprint IN ({ids})",
            [account_id, batch.rows],
        )
        count, credit, debit = cursor.fetchone()
    if (count, credit, debit) != (batch.count, batch.credit, batch.debit):
        raise _Rollback(
            _(
                "Sau khi ghi, %(count)s dòng của tệp (ghi có %(credit)s đ, ghi nợ %(debit)s đ) không khớp với "
                "%(kept)s dòng tài khoản đang giữ (ghi có %(kept_credit)s đ, ghi nợ %(kept_debit)s đ)%(where)s; "
                "không dòng nào của tệp được giữ. Hãy báo quản trị hệ thống."
            )
            % {
                "count": _dots(batch.count),
                "credit": _dots(batch.credit),
                "debit": _dots(batch.debit),
                "kept": _dots(count),
                "kept_credit": _dots(credit),
                "kept_debit": _dots(debit),
                "where": _(" (các dòng đến trang %(page)s)") % {"page": batch.page} if batch.page else "",
            }
        )


def _dots(number: int) -> str:
    """1.234.567, as Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


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
            raise ActionError(_("Sao kê này đã được nhập."), status=409, code="conflict")
        raise ActionError(_("Sao kê này đang được nhập ở một tiến trình khác."), status=409, code="conflict")
    account = statement.account
    key = progress_key(statement.pk)
    _report_progress(statement.pk, 0, None, None)
    bank = bank_by_bin(account.bank_bin)
    target = Target(
        account.pk,
        statement.pk,
        account.province_key,
        account.number,
        bank=bank.code if bank else account.bank_bin,
        bank_title=bank.short_name if bank else account.bank_bin,
    )
    try:
        in_child = os.path.getsize(statement.file_path) >= settings.FUNDS_IMPORT_CHILD_MIN_BYTES
    except OSError:  # gone: the reader says so in its words
        in_child = False
    records = (read_in_child if in_child else read_batches)(statement.file_path, target, layout=layout)
    error: dict | None = None
    read = 0
    written_credit = written_debit = 0
    end = None
    try:
        with transaction.atomic():
            for record in records:
                if not isinstance(record, Batch):
                    end = record
                    continue
                _insert_lines(record.rows)
                _check_kept(record, account.pk)
                written_credit += record.credit
                written_debit += record.debit
                read = record.read
                _report_progress(statement.pk, read, record.page, record.pages)
                if progress:
                    progress(read, record.page)
            if end.report["mismatches"]:
                raise _Rollback(end.report["mismatches"][0]["message"])
            # The statement's totals are the sums of the lines written (and found kept), nothing else.
            if (written_credit, written_debit) != (end.report["total_credit"], end.report["total_debit"]):
                raise _Rollback(
                    _("Tổng của các dòng đã ghi không bằng tổng của sao kê; không dòng nào được giữ.")
                )
            if progress:
                progress(read, end.pages)
            added = StatementLine.objects.filter(statement_id=statement.pk).count()
    except StatementError as exc:
        error = {"error": exc.message, "page": exc.page, "line": exc.line}
    except _Rollback as exc:
        error = {"error": str(exc)}
    finally:
        records.close()
        progress_cache().delete(key)
    mismatches = end.report["mismatches"] if end is not None else []
    if error is not None or mismatches:
        error = error or {"error": mismatches[0]["message"]}
        error["mismatches"] = mismatches[:200]
        error["lines_read"] = read
        _fail(statement, error["error"], error)
        audit.record(
            "funds.import_failed", actor=acting_user, unit=account.unit, obj=statement, summary=error["error"]
        )
        return statement
    report = end.report
    statement.status = StatementStatus.DONE
    statement.layout = end.layout
    statement.period_from = dt.date.fromisoformat(end.period_from) if end.period_from else None
    statement.period_to = dt.date.fromisoformat(end.period_to) if end.period_to else None
    statement.pages = end.pages
    statement.lines_read = report["lines"]
    statement.lines_added = added
    statement.total_credit = report["total_credit"]
    statement.total_debit = report["total_debit"]
    statement.opening_balance = report["opening_balance"]
    statement.closing_balance = report["closing_balance"]
    statement.report = {
        "printed_balances": report["printed_balances"],
        "opening_derived": report["opening_derived"],
        "mismatches": [],
        "duplicates": report["lines"] - added,
    }
    statement.error = ""
    statement.finished_at = timezone.now()
    statement.save()
    audit.record(
        "funds.import_statement",
        actor=acting_user,
        unit=account.unit,
        obj=statement,
        summary=f"{report['lines']} dòng đọc, {added} dòng mới",
    )
    return statement


def describe_error(report: dict) -> str:
    """Return the error of a failed import with its position."""
    where = location(report.get("page"), report.get("line"))
    return f"{report.get('error', '')}" + (
        f" ({where})" if where and where not in report.get("error", "") else ""
    )
