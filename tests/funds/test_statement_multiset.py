"""No line lost or invented: a statement's lines are a multiset.

Identical donations on one day (same amount, same message, no reference of their own) are as many lines as
the bank printed; re-importing a file adds nothing; a daily and a monthly export of the same days add up to
exactly the lines of the days, whatever the order they come in; the statement's totals are the sums of its
lines; a blank amount stops the import at its row.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mattran.funds.actions import do_import_statement
from mattran.funds.models import BankStatement, StatementLine, StatementStatus
from tests.conftest import SYSTEM
from tests.funds.statement_generators import Options, generate

START = dt.date(2024, 9, 10)
OPENING = 1_000_000_000
MESSAGES = ("ung ho dong bao mien bac", "ung ho bao so 3", "Nguyễn Văn An ủng hộ đồng bào bão Yagi")

# (day offset, credit, debit, message): few distinct values, so a list of them repeats lines a great deal.
LINE = st.one_of(
    st.tuples(
        st.integers(0, 2), st.sampled_from((100_000, 200_000, 500_000)), st.just(0), st.sampled_from(MESSAGES)
    ),
    st.tuples(st.integers(0, 2), st.just(0), st.just(50_000_000), st.just("Chuyen tien ho tro tinh Yen Bai")),
)
LINES = st.lists(LINE, min_size=1, max_size=40).map(lambda lines: tuple(sorted(lines, key=lambda x: x[0])))
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _write(folder: Path, name: str, lines, *, first_day: int = 0, days: int = 3) -> Path:
    """A Vietcombank amount-column export (no reference, no balance) of ``lines``, all on days from
    ``first_day`` for ``days`` days, opening with the balance the account had before ``first_day``."""
    opening = OPENING + sum(credit - debit for day, credit, debit, _ in ALL[0] if day < first_day)
    path = folder / name
    shifted = tuple((day - first_day, credit, debit, text) for day, credit, debit, text in lines)
    generate(
        "vcb_amount",
        path,
        Options(
            given=shifted,
            period_from=START + dt.timedelta(days=first_day),
            days=days,
            opening_balance=opening,
        ),
    )
    return path


ALL: list = [()]  # the whole statement of the example being run (for the opening balance of a day)


def _reset(account) -> None:
    StatementLine.objects.filter(account=account).delete()
    BankStatement.objects.filter(account=account).delete()


def _kept(account) -> dict:
    return StatementLine.objects.filter(account=account).aggregate(n=Count("id"), credit=Sum("credit"))


def _import(account, path: Path) -> BankStatement:
    statement = do_import_statement(acting_user=SYSTEM, account=account, path=path)
    assert statement.status == StatementStatus.DONE, statement.error
    return statement


@SLOW
@given(lines=LINES)
def test_every_identical_line_is_kept_and_a_reimport_adds_nothing(funds, lines) -> None:
    account = funds.account
    _reset(account)
    ALL[0] = lines
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "thang.csv", lines)
        first = _import(account, path)
        again = _import(account, path)
    kept = _kept(account)
    assert kept["n"] == len(lines) == first.lines_added == first.lines_read
    assert first.total_credit == sum(line[1] for line in lines) == (kept["credit"] or 0)
    assert first.total_debit == sum(line[2] for line in lines)
    assert again.lines_added == 0 and again.lines_read == len(lines)
    assert again.report["duplicates"] == len(lines)


@SLOW
@given(lines=LINES, daily_first=st.booleans(), days=st.sets(st.integers(0, 2), min_size=1))
def test_daily_and_monthly_exports_of_the_same_days_add_exactly_the_missing_lines(
    funds, lines, daily_first, days
) -> None:
    """Some days' daily exports and the export of the whole period, in either order: the account ends
    with the statement's lines, each once, and every import adds exactly those not yet there."""
    account = funds.account
    _reset(account)
    ALL[0] = lines
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        daily = [
            (day, _write(folder, f"ngay-{day}.csv", [x for x in lines if x[0] == day], first_day=day, days=1))
            for day in sorted(days)
        ]
        whole = _write(folder, "thang.csv", lines)
        if daily_first:
            for day, path in daily:
                assert _import(account, path).lines_added == sum(1 for x in lines if x[0] == day)
            in_days = sum(1 for x in lines if x[0] in days)
            assert _import(account, whole).lines_added == len(lines) - in_days
        else:
            assert _import(account, whole).lines_added == len(lines)
            for _day, path in daily:
                assert _import(account, path).lines_added == 0
    kept = _kept(account)
    assert kept["n"] == len(lines)
    assert (kept["credit"] or 0) == sum(x[1] for x in lines)
    # Per day and content, as many lines as the bank printed.
    printed: dict = {}
    for day, credit, debit, text in lines:
        key = (START + dt.timedelta(days=day), credit, debit, text)
        printed[key] = printed.get(key, 0) + 1
    stored = StatementLine.objects.filter(account=account).values("date", "credit", "debit", "description")
    counted: dict = {}
    for row in stored.annotate(n=Count("id")):
        key = (row["date"], row["credit"], row["debit"], row["description"])
        counted[key] = counted.get(key, 0) + row["n"]
    assert counted == printed


def test_a_day_of_repeated_donations_keeps_every_one(funds, tmp_path: Path) -> None:
    """Like the Agribank statement of the issue: a third of the donations repeat one of the same day."""
    path = tmp_path / "lap-lai.csv"
    generated = generate("vcb_amount", path, Options(lines=3000, seed=9, days=2, repeats=0.35))
    contents = [(line.date, line.credit, line.debit, line.description) for line in generated.lines or []]
    assert len(set(contents)) < len(contents) - 500, "the generator repeats donations"
    statement = _import(funds.account, path)
    kept = _kept(funds.account)
    assert statement.lines_added == kept["n"] == 3000
    assert statement.total_credit == kept["credit"] == sum(line.credit for line in generated.lines or [])
    assert _import(funds.account, path).lines_added == 0


def test_a_blank_amount_is_refused_never_zero(funds, tmp_path: Path) -> None:
    for layout, name in (("vcb_amount", "Số tiền/Amount"), ("vcb_table", "Số tiền ghi nợ/Debit")):
        path = tmp_path / f"{layout}.csv"
        generate(layout, path, Options(lines=20, seed=3, invalid_amount_at=7, invalid_amount=""))
        statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
        assert statement.status == StatementStatus.FAILED
        assert statement.error.startswith("Thiếu số tiền ở dòng ") and name in statement.error
        assert statement.report["line"] is not None
    assert not StatementLine.objects.exists()


def test_a_row_without_an_amount_in_the_pdf_is_refused_with_its_page_and_line(funds, tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    generate("vcb_pdf", path, Options(lines=120, seed=4, invalid_amount_at=90, invalid_amount=""))
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    assert statement.status == StatementStatus.FAILED
    page, line = statement.report["page"], statement.report["line"]
    assert page and line
    assert statement.error.startswith(f"Thiếu số tiền ở trang {page}, dòng {line}, cột «Số tiền ghi nợ/Debit")
    assert not StatementLine.objects.exists()
