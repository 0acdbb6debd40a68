"""Reads over funds and statements: the statement search, claim checks, totals (the reconciliation lists
are in ``reconciliation.py``).

The statement search is a phrase whose words match as prefixes of neighbouring words ("nguyen van an"
finds "Nguyễn Văn An" and "Nguyễn Văn Anh"); a word of one letter matches whole ("nguyen van a" finds
"Nguyễn Văn A" only). Results come in statement order (id). Both databases index each word and also
each pair of neighbouring words as one term (``_`` + two letters + ``_`` + two letters: ``_ng_va``,
migration 0006), so a rare name made of common words ("bao", "van") reads only the lines where its
words are neighbours; the folded text is then checked against the phrase (``phrase_like``, then
``phrase_regex``; on PostgreSQL a line holding the phrase as typed, ``whole_phrase_likes``, needs no regex):
- SQLite: a contentless FTS5 table of the folded text with prefix indexes for 2 to 7 letters, and one of
  the pair terms without (migration 0008), read in rowid order so a LIMIT stops early (``_search_sqlite``);
- PostgreSQL: a GIN index on ``search_vector`` (a one-letter word, the prefixes of 2 to 10 characters of
  longer words marked ``~`` — those holding a digit at 2, 4, 6 and 10 only —, the pair terms: ``terms.py``,
  migrations 0010 and 0011) for rare phrases, and a B-tree on id that includes the folded
  text for common ones, read in order (``_search_postgres``).
An exact amount uses the B-tree index on (amount, id).
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum

from mattran.core.replica import read_connection as connection  # the search only reads
from mattran.core.text import fold

from . import banks
from .models import (
    Appeal,
    BankAccount,
    BeneficiaryCategory,
    Disbursement,
    EntryKind,
    Fund,
    LedgerEntry,
    StatementLine,
)
from .terms import pair_term, prefix_lexeme

FTS_TABLE = "funds_statementline_fts"  # the folded words, with prefix indexes (SQLite)
PAIRS_TABLE = "funds_statementline_pairs"  # the pair terms, looked up whole (SQLite, migration 0008)
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
    published: bool = False  # only lines of published accounts (checked in the same SQL query)
    bank_bin: str = ""  # with ``published``: only that bank's accounts

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()[:MAX_QUERY_WORDS]

    @property
    def empty(self) -> bool:
        return not (self.words or self.amount is not None or self.amount_min is not None
                    or self.amount_max is not None or self.date_from or self.date_to)  # fmt: skip


def pair_terms(words: list[str]) -> list[str]:
    """Return the index terms of the neighbouring words of a phrase, each once (``_ng_va``)."""
    terms = []
    for a, b in zip(words, words[1:], strict=False):
        term = pair_term(a, b)
        if term not in terms:
            terms.append(term)
    return terms


def fts_expression(words: list[str]) -> str:
    """Return the FTS5 phrase for ``words``: each word a prefix, except one-letter words whole."""
    words = [w for w in (w.replace('"', "") for w in words) if w]
    return " + ".join(f'"{w}"' + (" *" if len(w) > 1 else "") for w in words)


FTS_PREFIX_MAX = 7  # the longest prefix index of the FTS5 table (migration 0004)


def phrase_regex(words: list[str]) -> str:
    """Return a regular expression (Python and PostgreSQL alike) for the phrase ``words`` in folded text."""
    parts = []
    for i, word in enumerate(words):
        w = "".join(c if c.isalnum() else "\\" + c for c in word)
        last = i == len(words) - 1
        if len(word) == 1:
            parts.append(w + ("( |$)" if last else ""))
        else:
            parts.append(w + ("" if last else "[^ ]*"))
    return "(^| )" + " ".join(parts)


def like_pattern(words: list[str]) -> str:
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return "%" + "%".join(escaped) + "%"


def _filters(query: LineQuery, table: str) -> tuple[list[str], list]:
    where, params = [], []
    if query.accounts:
        where.append(f"{table}.account_id IN ({', '.join(['%s'] * len(query.accounts))})")
        params.extend(query.accounts)
    if query.published:
        accounts = BankAccount._meta.db_table
        bank = " AND a.bank_bin = %s" if query.bank_bin else ""
        published = f"SELECT a.id FROM {accounts} a WHERE a.public{bank}"
        # PostgreSQL: an array computed once, not a join per line read.
        where.append(
            f"{table}.account_id = ANY(ARRAY({published}))"
            if connection.vendor == "postgresql"
            else f"{table}.account_id IN ({published})"
        )
        params.extend([query.bank_bin] if query.bank_bin else [])
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
    return [row[0] for row in _search(query, offset=offset, limit=limit, columns=ID_COLUMN)]


ID_COLUMN = "l.id"
# The public fields of a line (``_line_dict``), read with the page itself: one query, not two.
LINE_COLUMNS = (
    "l.id, l.date, l.reference, l.debit, l.credit, l.balance, l.description, l.bank, a.number, l.page, "
    "l.line, a.bank_bin"
)


def _joined(columns: str) -> str:
    """The join that ``columns`` needs besides the line ``l``: its account ``a`` for the public fields."""
    return "" if columns == ID_COLUMN else f" JOIN {BankAccount._meta.db_table} a ON a.id = l.account_id"


def _search(query: LineQuery, *, offset: int, limit: int, columns: str) -> list[tuple]:
    """Return ``columns`` of one page of matching lines, in statement order."""
    table = StatementLine._meta.db_table
    where, params = _filters(query, "l")
    words = query.words
    if words and connection.vendor == "sqlite":
        return _search_sqlite(words, where, params, offset=offset, limit=limit, columns=columns)
    if words and connection.vendor == "postgresql":
        return _search_postgres(words, where, params, offset=offset, limit=limit, columns=columns)
    if words:
        where.insert(0, "l.search_text LIKE %s")
        params.insert(0, like_pattern(words))
    sql = f"SELECT {columns} FROM {table} l{_joined(columns)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY l.id LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return cursor.fetchall()


def _rows_of(cursor, ids: list[int], columns: str) -> list[tuple]:
    """Return ``columns`` of the lines ``ids``, in that order."""
    if columns == ID_COLUMN or not ids:
        return [(pk,) for pk in ids] if columns == ID_COLUMN else []
    cursor.execute(
        f"SELECT {columns} FROM {StatementLine._meta.db_table} l{_joined(columns)} "
        f"WHERE l.id IN ({', '.join(['%s'] * len(ids))})",
        ids,
    )
    by_id = {row[0]: row for row in cursor.fetchall()}
    return [by_id[pk] for pk in ids if pk in by_id]


CANDIDATES = 10_000  # lines with a phrase's pair terms below which they drive the search (SQLite)


def _search_sqlite(
    words: list[str], where: list[str], params: list, *, offset: int, limit: int, columns: str
) -> list[tuple]:
    """Return one page of ids of lines holding the phrase ``words`` and passing ``where``, in order.

    FTS5 reads its matches in rowid order and stops at the LIMIT, so a common phrase is quick. A phrase
    of prefixes walks every line that holds all of its words, which for a rare phrase of common words
    ("vu bao my": "bao" is in most messages) is most of the table; and a prefix longer than the prefix
    indexes (7 letters) makes FTS5 merge every matching term's list before the first row. So:

    - when fewer than CANDIDATES lines hold the phrase's pair terms (counted in the index, cheaply), the
      pair terms alone drive the search (exact tokens of the pairs table, in rowid order) and each
      candidate's folded text is checked (LIKE, then ``phrase_regex``; REGEXP is Django's SQLite function);
    - otherwise the phrase query, each word a prefix of at most 7 letters, then the same check when a
      word was longer.

    All matches are among the candidates either way, so the first matches found are the first matches.
    """
    table = StatementLine._meta.db_table
    rest = "".join(f" AND {w}" for w in where)
    check = " AND l.search_text LIKE %s ESCAPE '\\' AND l.search_text REGEXP %s"
    check_params = [phrase_like(words), phrase_regex(words)]
    match = fts_expression([w[:FTS_PREFIX_MAX] for w in words])
    exact = all(len(w) <= FTS_PREFIX_MAX for w in words)
    fts = FTS_TABLE
    with connection.cursor() as cursor:
        if pairs := pair_terms(words):
            pair_match = " AND ".join(f'"{t}"' for t in pairs)
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {PAIRS_TABLE} WHERE {PAIRS_TABLE} MATCH %s LIMIT %s)",
                [pair_match, CANDIDATES],
            )
            if cursor.fetchone()[0] < CANDIDATES:
                match, exact, fts = pair_match, False, PAIRS_TABLE
        cursor.execute(
            f"SELECT {columns} FROM {fts} f JOIN {table} l ON l.id = f.rowid{_joined(columns)} "
            f"WHERE f.{fts} MATCH %s{rest}{'' if exact else check} ORDER BY f.rowid LIMIT %s OFFSET %s",
            [match, *params, *([] if exact else check_params), limit, offset],
        )
        return cursor.fetchall()


PROBE = 1000  # lines read in order to check that a phrase the statistics call rare is (PostgreSQL)
COMMON_PAIR = 0.02  # a pair term in more than this share of lines makes the probe worth it
RARE_WORD = 0.05  # a word in fewer lines than this share joins the pair terms in the GIN condition
MANY_PAIRS = 4  # how much higher the estimate of a phrase of several pairs may be and still count as rare
RARE_ESTIMATE = 3000  # at most this many lines (estimated) with the phrase's rarest terms: a rare phrase
RARE_CAP = 3000  # the most GIN candidates read unordered before reading in order instead
LAST_CAP = 20_000  # the same after ORDERED_MAX lines read in order, before reading on to the end
ORDERED_MAX = 100_000  # the most lines read in order before the GIN index is asked after all


def index_terms(words: list[str]) -> list[str]:
    """Return the exact lexemes a phrase's lines must hold: its pair terms, then its words' prefixes."""
    words = [w for w in (w.replace("'", "").replace("\\", "") for w in words) if w]
    terms = pair_terms(words)
    for w in words:
        term = w if len(w) == 1 else prefix_lexeme(w)
        if term not in terms:
            terms.append(term)
    return terms


def _like_escaped(words: list[str]) -> list[str]:
    return [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]


def phrase_like(words: list[str]) -> str:
    """Return a LIKE pattern that every line holding the phrase ``words`` matches (a cheap first test)."""
    escaped = _like_escaped(words)
    return "%" + escaped[0] + "%" + "".join(f" {w}%" for w in escaped[1:])


def whole_phrase_likes(words: list[str]) -> list[str]:
    """Return LIKE patterns of the phrase ``words`` written out whole: a line matching one holds the phrase.

    Most lines that hold a phrase hold it as typed ("minh tuan" in "... nguyen minh tuan ung ho"): these
    patterns say so at the cost of a LIKE, where ``phrase_regex`` (needed for "minhx tuan", and to
    refuse "minh ... tuan") costs ten times more on PostgreSQL. Each word but the last is whole here, the
    last a prefix, or whole when it is one letter (as in ``phrase_regex``).
    """
    phrase = " ".join(_like_escaped(words))
    if len(words[-1]) > 1:
        return [f"{phrase}%", f"% {phrase}%"]
    return [phrase, f"{phrase} %", f"% {phrase}", f"% {phrase} %"]


STATS_SECONDS = 600  # how long a process keeps the lexeme frequencies it read from pg_stats
_stats: dict = {"read": -STATS_SECONDS, "frequencies": {}, "floor": 0.0, "rows": 0}


def _lexeme_frequencies(cursor):
    """Return (frequency of a lexeme, number of lines) as ANALYZE last saw them (PostgreSQL).

    The frequencies of the most common lexemes of ``search_vector`` (about 10,000: migration 0006 sets
    the column's statistics target), read from pg_stats at most every STATS_SECONDS per process; a
    lexeme not among them is rarer than the rarest listed, and counts as half of that (as the planner
    does). Before the first ANALYZE every lexeme counts as rare.
    """
    if time.monotonic() - _stats["read"] > STATS_SECONDS:
        table = StatementLine._meta.db_table
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
            "WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'search_vector'",
            [table],
        )
        row = cursor.fetchone()
        elems, freqs, rows = row if row else (None, None, 0)
        if elems and freqs:
            _stats["frequencies"] = dict(zip(elems, freqs, strict=False))
            _stats["floor"] = freqs[len(elems)] / 2  # after the lexemes' frequencies: their minimum
        else:
            _stats["frequencies"], _stats["floor"] = {}, 0.0
        _stats["rows"] = max(0, int(rows or 0))
        _stats["read"] = time.monotonic()
    frequencies, floor = _stats["frequencies"], _stats["floor"]
    return (lambda lexeme: frequencies.get(lexeme, floor)), _stats["rows"]


def _search_postgres(
    words: list[str], where: list[str], params: list, *, offset: int, limit: int, columns: str
) -> list[tuple]:
    """Return ``columns`` of one page of lines holding the phrase ``words`` and passing ``where``, in order.

    Two indexes serve the two kinds of phrase (migrations 0003, 0006). A common phrase ("ung ho" is in
    most lines) is found by reading the lines in id order and stopping at the page's end: the B-tree on
    id that also holds the folded text (``INCLUDE (account_id, search_text)``) makes that an index-only
    scan, where a LIKE pattern rejects most lines at once and ``phrase_regex`` decides (unless the phrase is
    written out whole: ``whole_phrase_likes``). A rare phrase is found by the GIN index, whose candidates
    come in no useful order (table order need not be id order) and are all fetched and sorted. The
    planner, asked for ``ORDER BY id LIMIT n``, cannot tell the kinds apart (it multiplies the
    frequencies of the words as if they were unrelated), so:

    1. estimate how many lines hold the phrase's pair terms, and each of its words, from the lexeme
       frequencies ANALYZE keeps (``_lexeme_frequencies``; for several pairs their product, as the
       planner would) and take the rarest. At most RARE_ESTIMATE: fetch those candidates from the GIN
       index (exact lexemes: read fast), check them and sort — unless there are more than RARE_CAP
       after all. When a pair alone is common, the first PROBE lines in id order are read first: a
       full page there is exactly the first matches, and their rate bounds the estimate from below;
    2. otherwise read the lines in id order, up to ORDERED_MAX lines: a full page is the answer;
    3. then fetch the remaining candidates of its pair terms and rarer words from the GIN index, or if
       there are more than LAST_CAP of those too, read in order to the end.

    Every step is exact for the ids it covers, so the result is the same as one ordered scan.
    """
    table = StatementLine._meta.db_table
    rest = "".join(f" AND {w}" for w in where)
    # LIKE rejects most lines at once; of the rest, those holding the phrase as typed need no regex.
    whole = whole_phrase_likes(words)
    check = f"l.search_text LIKE %s AND ({'l.search_text LIKE %s OR ' * len(whole)}l.search_text ~ %s)"
    check_params = [phrase_like(words), *whole, phrase_regex(words)]
    terms = index_terms(words)
    pairs = " & ".join(f"'{t}'" for t in pair_terms(words)) or f"'{terms[0]}'"
    need = offset + limit
    with connection.cursor() as cursor:

        def in_order(after: int, rows: int, wanted: int) -> list[int]:
            cursor.execute(
                f"SELECT l.id FROM (SELECT l.id, l.search_text FROM {table} l WHERE l.id > %s{rest} "
                f"ORDER BY l.id LIMIT %s) l WHERE {check} ORDER BY l.id LIMIT %s",
                [after, *params, rows, *check_params, wanted],
            )
            return [row[0] for row in cursor.fetchall()]

        def page_in_order(rows: int) -> list[tuple]:
            """Up to ``need`` matches among the first ``rows`` lines in id order, with their columns."""
            cursor.execute(
                f"SELECT {columns} FROM (SELECT l.id FROM (SELECT l.id, l.search_text FROM {table} l "
                f"WHERE true{rest} ORDER BY l.id LIMIT %s) l WHERE {check} ORDER BY l.id LIMIT %s) m "
                f"JOIN {table} l ON l.id = m.id{_joined(columns)} ORDER BY l.id",
                [*params, rows, *check_params, need],
            )
            return cursor.fetchall()

        def candidates(after: int, tsquery: str) -> list[int] | None:
            cursor.execute(
                f"SELECT l.id, {check} FROM {table} l WHERE l.id > %s AND l.search_vector @@ %s::tsquery{rest} "
                "LIMIT %s",
                [*check_params, after, tsquery, *params, LAST_CAP],
            )
            rows = cursor.fetchall()
            return sorted(pk for pk, ok in rows if ok) if len(rows) < LAST_CAP else None

        def page_of_candidates(tsquery: str) -> list[tuple] | None:
            """The page among the GIN candidates, sorted, with its columns (one query); None if too many."""
            cursor.execute(
                f"WITH c AS MATERIALIZED (SELECT l.id, {check} AS ok FROM {table} l "
                f"WHERE l.search_vector @@ %s::tsquery{rest} LIMIT %s) "
                f"SELECT n.n, {columns} FROM (SELECT count(*) AS n FROM c) n "
                "LEFT JOIN (SELECT c.id FROM c WHERE c.ok ORDER BY c.id LIMIT %s OFFSET %s) p ON true "
                f"LEFT JOIN {table} l ON l.id = p.id{_joined(columns).replace(' JOIN', ' LEFT JOIN')} "
                "ORDER BY l.id",
                [*check_params, tsquery, *params, RARE_CAP, limit, offset],
            )
            found = cursor.fetchall()
            if found[0][0] >= RARE_CAP:
                return None
            return [row[1:] for row in found if row[1] is not None]

        frequency, rows = _lexeme_frequencies(cursor)
        pair_list = pair_terms(words) or [terms[0]]
        rare, rarest = min(
            (rows * math.prod(frequency(t) for t in pair_list), pairs),
            *((rows * frequency(t), f"'{t}'") for t in terms if not t.startswith("_")),
        )
        # The GIN index reads the rarest word's posting list fast, and it often halves the candidates.
        word, word_frequency = min(
            ((f"'{t}'", frequency(t)) for t in terms if not t.startswith("_")), key=lambda pair: pair[1]
        )
        condition = pairs if word_frequency > RARE_WORD or not pair_terms(words) else f"{pairs} & {word}"
        # Two or more pairs of common words ("qua kho" gives "_qu_kh") multiply to far more lines than
        # hold them together: a rare name's estimate is high, while the GIN candidates stay few.
        threshold = RARE_ESTIMATE * (MANY_PAIRS if len(pair_list) > 1 else 1)
        if rare <= threshold:
            # Pairs of one phrase can go together far more often than their product says ("tro bao
            # so"): when one of them alone is common, a short read in order checks the estimate.
            if max(rows * frequency(t) for t in pair_list) > COMMON_PAIR * rows:
                ids = in_order(0, PROBE, need)
                if len(ids) >= need:
                    return _rows_of(cursor, ids[offset:need], columns)
                rare = max(rare, max(0, len(ids) - 2) * rows // PROBE)  # two in the probe may be chance
            if rare <= threshold and (page := page_of_candidates(condition)) is not None:
                return page
        found = page_in_order(ORDERED_MAX)
        if len(found) >= need:
            return found[offset:]
        ids = [row[0] for row in found]
        cursor.execute(
            f"SELECT count(*), max(l.id) FROM (SELECT l.id FROM {table} l WHERE true{rest} ORDER BY l.id "
            "LIMIT %s) l",
            [*params, ORDERED_MAX],
        )
        seen, last = cursor.fetchone()
        if seen < ORDERED_MAX:  # that was every line that passes the filters
            return found[offset:need]
        # The pairs and the rarer words: a common word's posting list is slow to walk.
        narrower = [f"'{t}'" for t in terms if t.startswith("_") or frequency(t) <= RARE_WORD]
        found = candidates(last, " & ".join(narrower or [pairs]))
        if found is None:
            found = in_order(last, 2**62, need - len(ids))
        return _rows_of(cursor, [*ids, *found][offset:need], columns)


def search_lines(query: LineQuery, *, offset: int = 0, limit: int = 50) -> tuple[list[StatementLine], bool]:
    """Return one page of matching lines (with their account) and whether more follow."""
    ids = search_line_ids(query, offset=offset, limit=limit + 1)
    more = len(ids) > limit
    ids = ids[:limit]
    by_id = StatementLine.objects.select_related("account", "statement").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id], more


def _line_dict(row: tuple) -> dict:
    """The public fields of a line (``LINE_COLUMNS``) in the order of its JSON (``funds.api.LineOut``):
    the date as ISO text, the bank's short name from the account's BIN as ``LineOut`` shows it."""
    bank = banks.bank_by_bin(row[11])
    return {
        "id": row[0],
        "date": str(row[1]),
        "reference": row[2],
        "debit": row[3],
        "credit": row[4],
        "balance": row[5],
        "description": row[6],
        "bank": bank.short_name if bank else row[7],
        "account": row[8],
        "page": row[9],
        "line": row[10],
    }


def search_line_rows(query: LineQuery, *, offset: int = 0, limit: int = 50) -> tuple[list[dict], bool]:
    """Return one page of matching lines as public dicts and whether more follow.

    The lean path of the public API: no model instances, and the page's fields come with the search's
    last query rather than from one more.
    """
    rows = _search(query, offset=offset, limit=limit + 1, columns=LINE_COLUMNS)
    return [_line_dict(row) for row in rows[:limit]], len(rows) > limit


CLAIM_LIMIT = 20
PUBLIC_MAX_OFFSET = 10_000  # how deep the public search pages go (API and pages): narrow the search beyond


def claim_query(name: str, amount: int, accounts: list[int], *, published: bool = False) -> LineQuery:
    """The search of a claim: credit lines of ``amount`` whose message or counterparty holds ``name``."""
    return LineQuery(text=name, amount=amount, accounts=accounts, direction="in", published=published)


def check_claim(name: str, amount: int, accounts: list[int]) -> list[StatementLine]:
    """Return the credit lines of ``amount`` whose message or counterparty holds ``name``."""
    lines, _more = search_lines(claim_query(name, amount, accounts), limit=CLAIM_LIMIT)
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
