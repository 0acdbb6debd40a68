"""The public statement CSV (no login) writes a donor's transfer message as text, whatever it starts with:
a donor controls that text, and a cadre opens the CSV in Excel (OWASP CSV injection)."""

from __future__ import annotations

from pathlib import Path

from mattran.funds.actions import do_import_statement
from mattran.funds.models import StatementLine
from tests.conftest import SYSTEM
from tests.core.test_exports import ATTACKS, assert_safe_csv
from tests.funds.statement_generators import Options, generate

SEARCH = "/quy/cong-khai/sao-ke/"


def test_the_public_statement_csv_writes_a_formula_in_a_transfer_message_as_text(
    client, funds, tmp_path: Path
) -> None:
    path = tmp_path / "s.csv"
    generate("vcb_table", path, Options(lines=40, seed=5))
    do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    line = StatementLine.objects.filter(account=funds.account, amount__gt=0).order_by("id").first()
    StatementLine.objects.filter(pk=line.pk).update(description=ATTACKS[0])

    response = client.get(SEARCH, {"so_tien": str(line.amount), "dinh-dang": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "'" + ATTACKS[0].replace('"', '""') in body
    assert_safe_csv(body)
