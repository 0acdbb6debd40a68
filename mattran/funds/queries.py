"""Reads over funds and statements: the statement search, claim checks, totals, reconciliation lists.

The statement search is index-backed on both databases; the query is a phrase whose words match as
prefixes ("nguyen van a" finds "Nguyễn Văn An"; words of one letter match whole):
- SQLite: an FTS5 external-content table over ``search_text`` with prefix indexes for 2 to 7 letters
  (migrations 0002, 0004), read in rowid order so a LIMIT stops early;
- PostgreSQL: a GIN index on the generated ``search_vector`` (migration 0003), which holds each word
  and its prefixes of 2 to 10 letters marked ``~``; the query is a phrase of those exact lexemes
  (``'ngu~' <-> 'van~' <-> 'a'``), a longer word a ``:*`` prefix.
An exact amount uses the B-tree index on (amount, id). Results come in statement order (id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, QuerySet, Sum

from mattran.core.text import fold

from .models import (
    Appeal,
    BankAccount,
    BeneficiaryCategory,
    Disbursement,
    EntryKind,
    Fund,
    LedgerEntry,
    Receipt,
    ReceiptMethod,
    StatementLine,
)

FTS_TABLE = "funds_statementline_fts"
MAX_QUERY_WORDS = 8


@dataclass
class LineQuery:
    """What a statement search asks for; empty fields do not filter."""

    text: str = ""
    amount: int | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    accounts: list[int] = field(default_factory=list)
    direction: str = ""  # "in" (credits), "out" (debits) or "" (both)

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()[:MAX_QUERY_WORDS]

    @property
    def empty(self) -> bool:
        return not (self.words or self.amount is not None or self.amount_min is not None
                    or self.amount_max is not None or self.date_from or self.date_to)  # fmt: skip


def fts_expression(words: list[str]) -> str:
    """Return the FTS5 phrase for ``words``: each word a prefix, except one-letter words."""
    return " + ".join(f'"{w}"' + (" *" if len(w) > 1 else "") for w in words)


PREFIX_LEXEME_MAX = 10  # as in funds_search_vector() (migration 0003)


def tsquery_expression(words: list[str]) -> str:
    """Return the PostgreSQL tsquery (text form) of the phrase ``words`` over ``search_vector``."""
    terms = []
    for w in words:
        w = w.replace("'", "").replace("\\", "")
        if not w:
            continue
        if len(w) == 1:
            terms.append(f"'{w}'")
        elif len(w) <= PREFIX_LEXEME_MAX:
            terms.append(f"'{w}~'")
        else:
            terms.append(f"'{w}':*")
    return " <-> ".join(terms)


def like_pattern(words: list[str]) -> str:
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return "%" + "%".join(escaped) + "%"


def _filters(query: LineQuery, table: str) -> tuple[list[str], list]:
    where, params = [], []
    if query.accounts:
        where.append(f"{table}.account_id IN ({', '.join(['%s'] * len(query.accounts))})")
        params.extend(query.accounts)
    if query.amount is not None:
        where.append(f"{table}.amount = %s")
        params.append(query.amount)
    if query.amount_min is not None:
        where.append(f"{table}.amount >= %s")
        params.append(query.amount_min)
    if query.amount_max is not None:
        where.append(f"{table}.amount <= %s")
        params.append(query.amount_max)
    if query.date_from:
        where.append(f"{table}.date >= %s")
        params.append(query.date_from)
    if query.date_to:
        where.append(f"{table}.date <= %s")
        params.append(query.date_to)
    if query.direction == "in":
        where.append(f"{table}.credit > 0")
    elif query.direction == "out":
        where.append(f"{table}.debit > 0")
    return where, params


def search_line_ids(query: LineQuery, *, offset: int = 0, limit: int = 50) -> list[int]:
    """Return the ids of matching lines, in statement order, one page of them."""
    table = StatementLine._meta.db_table
    where, params = _filters(query, "l")
    words = query.words
    if words and connection.vendor == "sqlite":
        sql = f"SELECT l.id FROM {FTS_TABLE} f JOIN {table} l ON l.id = f.rowid WHERE f.{FTS_TABLE} MATCH %s"
        params = [fts_expression(words), *params]
        if where:
            sql += " AND " + " AND ".join(where)
        sql += " ORDER BY f.rowid LIMIT %s OFFSET %s"
    elif words and connection.vendor == "postgresql":
        return _search_postgres(tsquery_expression(words), where, params, offset=offset, limit=limit)
    else:
        if words:
            where.insert(0, "l.search_text LIKE %s")
            params.insert(0, like_pattern(words))
        sql = f"SELECT l.id FROM {table} l"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY l.id LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


DENSE_WINDOW = 4000  # lines read in statement order before asking the GIN index (PostgreSQL)


def _search_postgres(tsquery: str, where: list[str], params: list, *, offset: int, limit: int) -> list[int]:
    """Return one page of ids matching ``tsquery`` and the other filters, in statement order.

    The planner cannot tell how often the words of a phrase occur together ("xin cam on" is in one line
    out of twelve, "nguyen van an" in one out of ten thousand), and a wrong guess either sorts a huge
    bitmap of candidates or walks the whole table in id order. So: first read the first DENSE_WINDOW
    lines that pass the other filters, in id order, and keep those that match; if that fills the page
    these are exactly the first matches. Otherwise the GIN index finds every candidate (few, since the
    phrase is rare) and they are sorted.
    """
    table = StatementLine._meta.db_table
    rest = (" WHERE " + " AND ".join(where)) if where else ""
    with connection.cursor() as cursor:
        if offset + limit <= 1000:
            cursor.execute(
                f"SELECT id FROM (SELECT l.id, l.search_vector FROM {table} l{rest} ORDER BY l.id LIMIT %s) w "
                "WHERE w.search_vector @@ %s::tsquery ORDER BY w.id LIMIT %s",
                [*params, DENSE_WINDOW, tsquery, offset + limit],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if len(ids) == offset + limit:
                return ids[offset:]
        conditions = " AND ".join(["l.search_vector @@ %s::tsquery", *where])
        cursor.execute(
            f"SELECT l.id FROM {table} l WHERE {conditions} ORDER BY l.id LIMIT %s OFFSET %s",
            [tsquery, *params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


def search_lines(query: LineQuery, *, offset: int = 0, limit: int = 50) -> tuple[list[StatementLine], bool]:
    """Return one page of matching lines (with their account) and whether more follow."""
    ids = search_line_ids(query, offset=offset, limit=limit + 1)
    more = len(ids) > limit
    ids = ids[:limit]
    by_id = StatementLine.objects.select_related("account", "statement").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id], more


def check_claim(name: str, amount: int, accounts: list[int]) -> list[StatementLine]:
    """Return the credit lines of ``amount`` whose message or counterparty holds ``name``."""
    lines, _more = search_lines(
        LineQuery(text=name, amount=amount, accounts=accounts, direction="in"), limit=20
    )
    return lines


def public_accounts() -> QuerySet:
    """Accounts whose statements are published."""
    return BankAccount.objects.filter(public=True).select_related("unit", "fund")


def public_funds() -> QuerySet:
    return Fund.objects.filter(public=True, unit__valid_to__isnull=True).select_related("unit")


def daily_credits(
    account_id: int, *, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict]:
    """Return [{date, total, count}] of credits per day on an account (cached until the next import)."""
    last = (
        StatementLine.objects.filter(account_id=account_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    key = f"funds:daily:{account_id}:{last}:{date_from}:{date_to}"
    rows = cache.get(key)
    if rows is None:
        qs = StatementLine.objects.filter(account_id=account_id, credit__gt=0)
        if date_from:
            qs = qs.filter(date__gte=date_from)
        if date_to:
            qs = qs.filter(date__lte=date_to)
        rows = list(qs.values("date").annotate(total=Sum("credit"), count=Count("id")).order_by("date"))
        cache.set(key, rows, 600)
    return rows


def daily_receipts(fund: Fund, appeal: Appeal | None = None) -> list[dict]:
    """Return [{date, total, count}] of receipts posted to a fund (or an appeal) per day."""
    qs = LedgerEntry.objects.filter(fund=fund, kind=EntryKind.RECEIPT)
    if appeal is not None:
        qs = qs.filter(appeal=appeal)
    return list(qs.values("date").annotate(total=Sum("amount"), count=Count("id")).order_by("date"))


def bars(rows: list[dict]) -> list[dict]:
    """Add a width in percent to daily rows for the HTML bar chart."""
    top = max((r["total"] for r in rows), default=0) or 1
    return [{**r, "width": max(1, round(100 * r["total"] / top))} for r in rows]


def ledger_totals(fund: Fund, appeal: Appeal | None = None) -> dict:
    """Return received, disbursed and transferred sums of a fund (or an appeal), net of reversals."""
    qs = LedgerEntry.objects.filter(fund=fund)
    if appeal is not None:
        qs = qs.filter(appeal=appeal)
    sums = {k: 0 for k in ("received", "disbursed", "transferred_in", "transferred_out")}
    kinds = {
        EntryKind.RECEIPT: "received",
        EntryKind.OPENING: "received",
        EntryKind.DISBURSEMENT: "disbursed",
        EntryKind.TRANSFER_IN: "transferred_in",
        EntryKind.TRANSFER_OUT: "transferred_out",
    }
    for row in qs.exclude(kind=EntryKind.REVERSAL).values("kind").annotate(total=Sum("amount")):
        sums[kinds[row["kind"]]] += abs(row["total"])
    reversals = qs.filter(kind=EntryKind.REVERSAL).select_related("reverses")
    for entry in reversals:
        sums[kinds[entry.reverses.kind]] -= abs(entry.amount)
    return sums


def allocations(fund: Fund, appeal: Appeal | None = None) -> dict:
    """Return disbursements grouped by recipient unit and by beneficiary category (not cancelled)."""
    qs = Disbursement.objects.filter(fund=fund, entry__reversed_by__isnull=True)
    if appeal is not None:
        qs = qs.filter(appeal=appeal)
    by_unit = list(
        qs.values("recipient_unit__name").annotate(total=Sum("amount"), count=Count("id")).order_by("-total")
    )
    by_category = [
        {**row, "label": BeneficiaryCategory(row["category"]).label}
        for row in qs.values("category").annotate(total=Sum("amount"), count=Count("id")).order_by("-total")
    ]
    gifts = qs.filter(kind="gift").aggregate(count=Sum("gift_count"), total=Sum("amount"))
    transfers = list(
        LedgerEntry.objects.filter(fund=fund, kind=EntryKind.TRANSFER_OUT, reversed_by__isnull=True)
        .values("date", "amount", "description")
        .order_by("date")
    )
    return {"by_unit": by_unit, "by_category": by_category, "gifts": gifts, "transfers": transfers}


# --- reconciliation ----------------------------------------------------------------------------------

DATE_WINDOW = dt.timedelta(days=3)


def name_matches(name: str, text: str) -> bool:
    """Whether every word of the folded name appears, in order, in the folded text."""
    words = fold(name).split()
    if not words:
        return False
    haystack = f" {text} "
    position = 0
    for word in words:
        found = haystack.find(f" {word} ", position)
        if found < 0:
            return False
        position = found + len(word) + 1
    return True


def match_receipt(receipt: Receipt) -> StatementLine | None:
    """Return the unmatched credit line for a transfer receipt: same amount, ±3 days, donor name."""
    candidates = StatementLine.objects.filter(
        account_id=receipt.account_id,
        amount=receipt.amount,
        credit__gt=0,
        date__gte=receipt.received_on - DATE_WINDOW,
        date__lte=receipt.received_on + DATE_WINDOW,
        receipt__isnull=True,
    ).order_by("date", "id")[:200]
    for line in candidates:
        if receipt.donor_kind == "anonymous" or name_matches(receipt.donor_name, line.search_text):
            return line
    return None


def unmatched_receipts(account: BankAccount) -> QuerySet:
    return Receipt.objects.filter(
        account=account, method=ReceiptMethod.TRANSFER, cancelled=False, statement_line__isnull=True
    ).order_by("received_on", "id")


def unmatched_lines(account: BankAccount) -> QuerySet:
    return StatementLine.objects.filter(account=account, credit__gt=0, receipt__isnull=True).order_by("id")


def funds_in_scope(user) -> QuerySet:
    """Funds a user may read: everything for a superuser, else their own subtree's."""
    from mattran.accounts.rules import profile_of
    from mattran.org.queries import scope_q

    qs = Fund.objects.select_related("unit")
    if user.is_superuser:
        return qs
    profile = profile_of(user)
    if profile is None:
        return qs.none()
    units = scope_q(profile.unit_id)
    from mattran.org.models import Unit

    return qs.filter(unit__in=Unit.objects.filter(units))
