"""The demo loads through the actions (twice changes nothing); the staff pages render and stay flat."""

from __future__ import annotations

import datetime as dt

from mattran.funds import actions, demo
from mattran.funds.ledger import check_ledger
from mattran.funds.models import BankStatement, Fund, LedgerEntry, StatementLine, StatementStatus
from tests.conftest import SYSTEM


def test_it_loads_the_demo_once(db) -> None:
    first = demo.load()
    counts = (Fund.objects.count(), LedgerEntry.objects.count())
    assert first and demo.load() == []
    assert (Fund.objects.count(), LedgerEntry.objects.count()) == counts
    assert not check_ledger().problems


def test_without_the_published_pages_the_demo_imports_the_generated_export(db, monkeypatch, tmp_path) -> None:
    """An installation without ../shared/examples shows the portal on the generated Vietcombank export kept
    in funds/data (the generators themselves live in tests/, outside the package)."""
    monkeypatch.setattr(demo, "EXAMPLE", tmp_path)
    done = demo.load()
    assert any(step.startswith("Sao kê mẫu (sinh tự động)") and "400 dòng" in step for step in done)
    statement = BankStatement.objects.get()
    assert statement.status == StatementStatus.DONE and statement.lines_added == 400
    assert statement.total_credit == sum(StatementLine.objects.values_list("credit", flat=True))


def test_it_shows_the_fund_page_and_records_a_receipt(client, people, funds) -> None:
    client.force_login(people.ward_editor)
    response = client.post(
        f"/quy/{funds.commune.pk}/thu/",
        {
            "method": "cash",
            "donor_kind": "person",
            "donor_name": "Lê Thị Hoa",
            "amount": "250000",
            "received_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 250_000
    page = client.get(f"/quy/{funds.commune.pk}/")
    assert "Lê Thị Hoa" in page.content.decode()
    receipt = funds.commune.receipts.get()
    docx = client.get(f"/quy/bien-lai/{receipt.pk}/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_it_keeps_the_fund_page_query_count_flat(
    client, people, funds, django_assert_max_num_queries
) -> None:
    for n in range(30):
        actions.do_record_receipt(
            acting_user=SYSTEM, fund=funds.commune, method="cash", donor_kind="person", donor_name=f"Người {n}",
            amount=1000 + n, received_on=dt.date(2025, 3, 1),
        )  # fmt: skip
    client.force_login(people.ward_editor)
    with django_assert_max_num_queries(22):
        assert client.get(f"/quy/{funds.commune.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/quy/").status_code == 200
