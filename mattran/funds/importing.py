"""Import a bank statement file into the database: streamed, balance-checked, all or nothing.

Design: the BankStatement row is committed first (so a failure leaves a record with its report);
the lines are then read with ``open_statement()`` through the BalanceChecker and written in batches
with ``bulk_create(ignore_conflicts=True)`` inside ONE transaction. The unique (account, fingerprint)
constraint makes a re-import of the same file, or of an overlapping statement, add nothing. If the
file cannot be read, an amount is not whole đồng, or a printed balance disagrees with the lines, the
transaction rolls back: no line of the file is kept, and the statement row records why (page, line).
Memory stays flat: one batch of lines at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.core.cache import caches
from django.db import transaction
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
    """Return how far a running import has got: lines read, current page, pages in the file."""
    return progress_cache().get(progress_key(statement_id)) or {}


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
    ).update(status=StatementStatus.RUNNING)
    statement = BankStatement.objects.select_related("account", "account__unit").get(pk=statement.pk)
    if not claimed:
        if statement.status == StatementStatus.DONE:
            raise ActionError("Sao kê này đã được nhập.", status=409, code="conflict")
        raise ActionError("Sao kê này đang được nhập ở một tiến trình khác.", status=409, code="conflict")
    account = statement.account
    key = progress_key(statement.pk)
    try:
        opened = open_statement(statement.file_path, layout=layout)
    except StatementError as exc:
        _fail(statement, exc.message, {"error": exc.message, "page": exc.page, "line": exc.line})
        return statement
    header = opened.header
    checker = BalanceChecker(opened, header=header)
    error: dict | None = None
    read = 0
    try:
        with transaction.atomic():
            batch: list[StatementLine] = []
            for line in checker:
                if not read and header.account and header.account.lstrip("0") != account.number.lstrip("0"):
                    raise _Rollback(
                        f"Sao kê của tài khoản {header.account}, không phải {account.number}",
                    )
                read += 1
                amount = line.credit or line.debit
                batch.append(
                    StatementLine(
                        account_id=account.pk,
                        statement_id=statement.pk,
                        province_key=account.province_key,
                        bank=line.bank,
                        fingerprint=line.fingerprint,
                        date=line.date,
                        reference=line.reference[:100],
                        debit=line.debit,
                        credit=line.credit,
                        amount=amount,
                        balance=line.balance,
                        description=line.description,
                        counterparty=(line.counterparty or "")[:200],
                        page=line.page,
                        line=line.line,
                        search_text=search_text_of(line.description, line.counterparty),
                    )
                )
                if len(batch) >= BATCH:
                    StatementLine.objects.bulk_create(batch, ignore_conflicts=True)
                    batch.clear()
                    progress_cache().set(key, {"lines": read, "page": line.page, "pages": header.pages}, 3600)
                    if progress:
                        progress(read, line.page)
            if batch:
                StatementLine.objects.bulk_create(batch, ignore_conflicts=True)
            if progress:
                progress(read, header.pages)
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
        error["lines_read"] = read
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
