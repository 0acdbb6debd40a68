"""Statement import into the database: the real example end to end, duplicates, overlaps, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mattran.funds import actions
from mattran.funds.actions import do_import_statement
from mattran.funds.models import BankStatement, Receipt, StatementLine, StatementStatus
from mattran.funds.reconciliation import unmatched_lines, unmatched_receipts
from tests.conftest import SYSTEM
from tests.funds.statement_generators import FAMILY, Options, generate

from .conftest import EXAMPLE_PDF

needs_example = pytest.mark.skipif(
    not EXAMPLE_PDF.exists(), reason="the shared example statement is not present"
)


@pytest.fixture(params=["in-process", "child"])
def reader(request, settings) -> str:
    """Run a test with the file read in the importing process, and again in a child process (funds.reading)."""
    settings.FUNDS_IMPORT_CHILD_MIN_BYTES = 0 if request.param == "child" else 10**12
    return request.param


@needs_example
def test_it_imports_the_real_vietcombank_pages_end_to_end(funds, reader) -> None:
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=EXAMPLE_PDF)
    assert statement.status == StatementStatus.DONE, statement.error
    assert (statement.lines_read, statement.lines_added) == (49, 49)
    assert statement.layout == "vcb_pdf" and statement.pages == 3  # the file's pages, not the footer's 12,028
    lines = StatementLine.objects.filter(account=funds.account)
    assert lines.count() == 49
    assert set(lines.values_list("page", flat=True)) == {1, 2, 3}
    assert not lines.filter(description__contains="Page ").exists()
    assert all(line.search_text == line.search_text.lower() for line in lines)


@needs_example
def test_it_adds_nothing_when_the_same_file_is_imported_again(funds, reader) -> None:
    do_import_statement(acting_user=SYSTEM, account=funds.account, path=EXAMPLE_PDF)
    again = do_import_statement(acting_user=SYSTEM, account=funds.account, path=EXAMPLE_PDF)
    assert again.status == StatementStatus.DONE
    assert (again.lines_read, again.lines_added, again.lines_duplicate) == (49, 0, 49)
    assert StatementLine.objects.count() == 49


def test_it_counts_overlapping_statements_once(funds, tmp_path: Path) -> None:
    # Two exports of one account: rows 1–120 and rows 41–200 (a balance on every row, no summary).
    generate("vcb_table", tmp_path / "all.csv", Options(lines=200, seed=7, summary=False))
    text = (tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()
    head, rows = text[:8], text[8:]
    assert len(rows) == 200
    (tmp_path / "a.csv").write_text("\n".join(head + rows[:120]) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("\n".join(head + rows[40:]) + "\n", encoding="utf-8")
    first = do_import_statement(acting_user=SYSTEM, account=funds.account, path=tmp_path / "a.csv")
    second = do_import_statement(acting_user=SYSTEM, account=funds.account, path=tmp_path / "b.csv")
    assert (first.lines_added, second.lines_added) == (120, 80)
    assert StatementLine.objects.count() == 200


def test_it_reports_a_balance_mismatch_with_page_and_line_and_imports_nothing(
    funds, reader, tmp_path: Path
) -> None:
    path = tmp_path / "bad.pdf"
    generate("vcb_pdf", path, Options(lines=150, seed=3, balance_error_at=60))
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    assert statement.status == StatementStatus.FAILED
    mismatch = statement.report["mismatches"][0]
    assert mismatch["page"] is not None and mismatch["line"] is not None
    assert f"trang {mismatch['page']}" in statement.error
    assert StatementLine.objects.count() == 0


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b"%PDF-1.4 broken"),
        lambda p: p.write_text("a,b,c\n1,2,3\n"),
        lambda p: generate("vcb_table", p, Options(lines=40, invalid_amount_at=20)),
    ],
    ids=["corrupt-pdf", "wrong-layout", "non-integer-amount"],
)
def test_it_reports_a_bad_file_and_imports_nothing(funds, reader, tmp_path: Path, make) -> None:
    path = tmp_path / "bad.csv"
    make(path)
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    assert statement.status == StatementStatus.FAILED and statement.error
    assert StatementLine.objects.count() == 0


def test_it_refuses_a_statement_of_another_account(funds, reader, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    generate("vcb_table", path, Options(lines=30, account="0999888777666"))
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    assert statement.status == StatementStatus.FAILED and "0999888777666" in statement.error
    assert StatementLine.objects.count() == 0


def _account_at(funds, bank_bin: str, number: str = "0011001932418"):
    """An account of the central fund at ``bank_bin`` (the Vietcombank one of the fixture, or a new one)."""
    if (bank_bin, number) == (funds.account.bank_bin, funds.account.number):
        return funds.account
    return actions.do_create_bank_account(
        acting_user=SYSTEM, unit=funds.account.unit, fund=funds.central, bank_bin=bank_bin, number=number,
        holder="MAT TRAN TO QUOC VN - BAN CUU TRO TW",
    )  # fmt: skip


@pytest.mark.parametrize(
    "layout,suffix,bank_bin",
    [("vietinbank", "csv", "970415"), ("bidv", "xlsx", "970418"), ("vcb_amount", "csv", "970436")],
)
def test_it_imports_every_layout(funds, reader, tmp_path: Path, layout, suffix, bank_bin) -> None:
    path = tmp_path / f"s.{suffix}"
    number = "0011001932418" if bank_bin == "970436" else "1234567890"
    generated = generate(layout, path, Options(lines=60, seed=11, account=number))
    account = _account_at(funds, bank_bin, number)
    statement = do_import_statement(acting_user=SYSTEM, account=account, path=path)
    assert statement.status == StatementStatus.DONE, statement.error
    assert statement.lines_added == generated.count == 60


def test_it_refuses_a_statement_of_another_bank(funds, reader, tmp_path: Path) -> None:
    """A BIDV export uploaded to the Vietcombank account with the same number: refused, saying which bank."""
    path = tmp_path / "bidv.xlsx"
    generate("bidv", path, Options(lines=30))
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    assert statement.status == StatementStatus.FAILED
    assert "BIDV" in statement.error and "Vietcombank" in statement.error
    assert StatementLine.objects.count() == 0


def test_it_imports_from_the_command_line(funds, tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.csv"
    generate("vcb_table", path, Options(lines=50))
    call_command("import-statement", str(path), "--account", str(funds.account.pk))
    assert "50 dòng mới" in capsys.readouterr().out
    assert BankStatement.objects.get().lines_added == 50
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n")
    with pytest.raises(CommandError):
        call_command("import-statement", str(bad), "--account", funds.account.number)
    assert StatementLine.objects.count() == 50


def test_it_reconciles_receipts_with_statement_lines(funds, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    generated = generate("vcb_table", path, Options(lines=80, seed=5))
    do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    # Lines like "Đinh Hữu Hùng ủng hộ đồng bào…" name the donor in their first three words.
    source = next(line for line in generated.lines if line.credit and line.description.split()[0] in FAMILY)
    donor = " ".join(source.description.split()[:3])
    matching = actions.do_record_receipt(
        acting_user=SYSTEM,
        fund=funds.central,
        method="transfer",
        donor_kind="person",
        donor_name=donor,
        amount=source.credit,
        received_on=source.date,
    )
    stray = actions.do_record_receipt(
        acting_user=SYSTEM,
        fund=funds.central,
        method="transfer",
        donor_kind="person",
        donor_name="Người Không Chuyển",
        amount=source.credit,
        received_on=source.date,
    )
    assert actions.do_reconcile_account(acting_user=SYSTEM, account=funds.account) == 1
    matching.refresh_from_db()
    assert matching.statement_line.amount == source.credit
    assert list(unmatched_receipts(funds.account)) == [Receipt.objects.get(pk=stray.pk)]
    assert unmatched_lines(funds.account).count() == StatementLine.objects.filter(credit__gt=0).count() - 1


def test_a_file_removed_before_its_import_is_reported(funds, tmp_path: Path, reader) -> None:
    from mattran.funds.actions import do_create_statement
    from mattran.funds.importing import run_import

    path = tmp_path / "gone.csv"
    generate("vcb_table", path, Options(lines=10))
    statement = do_create_statement(acting_user=SYSTEM, account=funds.account, path=path)
    path.unlink()
    statement = run_import(statement)
    assert statement.status == StatementStatus.FAILED and "Không đọc được tệp gone.csv" in statement.error
    assert str(tmp_path) not in statement.error  # not the server's folders
    assert StatementLine.objects.count() == 0
