"""The API for disbursements, house progress, decisions, beneficiaries and statement uploads: the same rules
as the pages, structured JSON errors, nothing changed on bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.funds import actions
from mattran.funds.models import (
    BankStatement,
    Beneficiary,
    Decision,
    Disbursement,
    DisbursementShare,
    HouseProgress,
    LedgerEntry,
    StatementLine,
)
from tests.conftest import SYSTEM
from tests.funds.statement_generators import Options, generate

from .helpers import DAY, decision, fill, gifts, house, household, sheet

JSON = "application/json"


@pytest.fixture
def ready(funds, tree):
    fill(funds.commune)
    return decision(tree.commune)


def gift_payload(dec, homes=(), **kw):
    return {
        "decision_id": dec.pk, "kind": "gift", "category": "poor", "date": "2025-03-05",
        "description": "Quà Tết", "gift_count": 100, "gift_value": 500_000,
        "beneficiary_ids": [h.pk for h in homes], **kw,
    }  # fmt: skip


def test_it_records_and_lists_disbursements_over_the_api(client, people, funds, tree, ready) -> None:
    homes = [household(tree.commune, "Lê Văn An"), household(tree.commune, "Hoàng Thị Lan")]
    client.force_login(people.ward_editor)
    response = client.post(
        f"/api/v1/funds/{funds.commune.pk}/disbursements", gift_payload(ready, homes), content_type=JSON
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (
        body["amount"] == 50_000_000
        and body["households"] == 2
        and body["decision"]["number"] == "12/QĐ-MTTQ"
    )
    assert body["entry"]["amount"] == -50_000_000 and {b["head_name"] for b in body["beneficiaries"]} == {
        "Lê Văn An",
        "Hoàng Thị Lan",
    }
    d = Disbursement.objects.get()
    assert d.shares.count() == 2 and d.entry.amount == -50_000_000
    listed = client.get(f"/api/v1/funds/{funds.commune.pk}/disbursements?kind=gift").json()
    assert [x["id"] for x in listed] == [d.pk] and listed[0]["households"] == 2
    assert client.get(f"/api/v1/funds/{funds.commune.pk}/disbursements?kind=house").json() == []
    detail = client.get(f"/api/v1/funds/disbursements/{d.pk}").json()
    assert detail["cancelled"] is False and detail["progress"] == []


def test_it_records_a_house_and_its_progress_over_the_api(client, people, funds, tree, ready) -> None:
    home = household(tree.commune, "Trần Thị Bình")
    client.force_login(people.ward_editor)
    payload = {
        "decision_id": ready.pk, "kind": "house", "category": "poor", "date": "2025-03-05", "amount": 60_000_000,
        "description": "Nhà Đại đoàn kết", "house_work": "build", "beneficiary_ids": [home.pk],
    }  # fmt: skip
    created = client.post(f"/api/v1/funds/{funds.commune.pk}/disbursements", payload, content_type=JSON)
    assert created.status_code == 201 and created.json()["house_state"] == "not_started"
    url = f"/api/v1/funds/disbursements/{created.json()['id']}/progress"
    step = client.post(url, {"stage": "walls", "date": "2025-04-01", "note": "Xây tường"}, content_type=JSON)
    assert step.status_code == 201 and step.json()["percent"] == 60
    back = client.post(url, {"stage": "started", "date": "2025-04-02"}, content_type=JSON)
    assert back.status_code == 400 and back.json() | {"message": ""} == {
        "error": "invalid",
        "field": "stage",
        "message": "",
    }
    done = client.post(url, {"stage": "handed_over", "date": "2025-06-01"}, content_type=JSON)
    assert done.status_code == 201
    late = client.post(url, {"stage": "handed_over", "date": "2025-06-02"}, content_type=JSON)
    assert late.status_code == 409 and late.json()["error"] == "conflict"
    assert [s["stage"] for s in client.get(url).json()] == ["walls", "handed_over"]
    houses = client.get(f"/api/v1/funds/units/{tree.district.pk}/houses?state=handed_over")
    assert houses.status_code == 403  # a ward editor does not read the district
    client.force_login(people.district_leader)
    houses = client.get(f"/api/v1/funds/units/{tree.district.pk}/houses?state=handed_over").json()
    assert [h["handed_over_on"] for h in houses] == ["2025-06-01"]
    assert client.get(f"/api/v1/funds/units/{tree.district.pk}/houses?state=building").json() == []


# persona, fund, may read, may write (disbursements, decisions, households, house progress)
TABLE = [
    ("ward_editor", "commune", True, True),
    ("ward_admin", "commune", True, True),
    ("ward_leader", "commune", True, False),
    ("ward_editor", "district", False, False),
    ("ward_editor", "sibling", False, False),
    ("district_leader", "commune", True, False),
    ("district_leader", "district", True, False),
    ("province_admin", "commune", True, False),
    ("outsider", "commune", False, False),
    ("superuser", "district", True, True),
]


@pytest.mark.parametrize("persona,fund_name,may_read,may_write", TABLE)
def test_it_applies_the_fund_rules_to_every_new_endpoint(
    client, people, funds, tree, persona, fund_name, may_read, may_write
) -> None:
    fund = getattr(funds, fund_name)
    unit = fund.unit
    fill(fund)
    dec = decision(unit)
    home = household(unit, "Hộ Có Sẵn")
    built = house(fund, dec, home)
    client.force_login(getattr(people, persona))
    reads = [
        f"/api/v1/funds/{fund.pk}/disbursements",
        f"/api/v1/funds/disbursements/{built.pk}",
        f"/api/v1/funds/disbursements/{built.pk}/progress",
        f"/api/v1/funds/units/{unit.pk}/decisions",
        f"/api/v1/funds/units/{unit.pk}/beneficiaries",
        f"/api/v1/funds/units/{unit.pk}/houses",
        f"/api/v1/funds/beneficiaries/{home.pk}",
    ]
    for url in reads:
        assert client.get(url).status_code == (200 if may_read else 403), url
    writes = [
        (f"/api/v1/funds/{fund.pk}/disbursements", gift_payload(dec, count=1)),
        (f"/api/v1/funds/disbursements/{built.pk}/progress", {"stage": "started", "date": "2025-03-05"}),
        (
            f"/api/v1/funds/units/{unit.pk}/decisions",
            {"number": "99/QĐ", "date": "2025-03-01", "title": "Hỗ trợ"},
        ),
        (f"/api/v1/funds/units/{unit.pk}/beneficiaries", {"head_name": "Hộ Mới", "category": "poor"}),
    ]
    before = (
        Disbursement.objects.count(),
        HouseProgress.objects.count(),
        Decision.objects.count(),
        Beneficiary.objects.count(),
    )
    for url, payload in writes:
        response = client.post(url, payload, content_type=JSON)
        assert response.status_code == (201 if may_write else 403), (url, response.json())
        if not may_write:
            assert response.json()["error"] == "forbidden"
    after = (
        Disbursement.objects.count(),
        HouseProgress.objects.count(),
        Decision.objects.count(),
        Beneficiary.objects.count(),
    )
    assert after == (tuple(n + 1 for n in before) if may_write else before)


BAD = [
    ({"gift_count": 0}, 400, "gift_count"),
    ({"kind": "gold"}, 400, "kind"),
    ({"category": "rich"}, 400, "category"),
    ({"gift_value": 10**16}, 400, "gift_value"),
    ({"gift_count": 1, "beneficiary_ids": "both"}, 400, None),  # two households, one gift
    ({"beneficiary_ids": [999_999]}, 404, "beneficiary_ids"),
    ({"decision_id": 999_999}, 404, None),
    ({"gift_count": 100_000}, 400, "amount"),  # more than the fund holds
    ({"date": "05/03/2025"}, 400, None),
    ({"recipient_unit_id": "other"}, 400, "recipient_unit"),
]


@pytest.mark.parametrize("change,status,field", BAD)
def test_it_answers_bad_disbursements_with_structured_errors_and_changes_nothing(
    client, people, funds, tree, ready, change, status, field
) -> None:
    homes = [household(tree.commune, "Lê Văn An"), household(tree.commune, "Hoàng Thị Lan")]
    if change.get("beneficiary_ids") == "both":
        change["beneficiary_ids"] = [h.pk for h in homes]
    if change.get("recipient_unit_id") == "other":
        change["recipient_unit_id"] = tree.other_commune.pk
    client.force_login(people.ward_editor)
    entries = LedgerEntry.objects.count()
    response = client.post(
        f"/api/v1/funds/{funds.commune.pk}/disbursements",
        {**gift_payload(ready), **change},
        content_type=JSON,
    )
    body = response.json()
    assert (
        response.status_code == status
        and body["message"]
        and body["error"] in ("invalid", "not_found", "insufficient")
    )
    if field:
        assert body.get("field") == field or any(d["field"] == field for d in body.get("details", []))
    assert not Disbursement.objects.exists() and not DisbursementShare.objects.exists()
    assert LedgerEntry.objects.count() == entries


def test_it_refuses_a_decision_of_another_unit_and_a_duplicate_number(
    client, people, funds, tree, ready
) -> None:
    client.force_login(people.ward_editor)
    foreign = decision(tree.sibling, "7/QĐ")
    response = client.post(
        f"/api/v1/funds/{funds.commune.pk}/disbursements", gift_payload(foreign), content_type=JSON
    )
    assert response.status_code == 400 and response.json()["field"] == "decision"
    again = client.post(
        f"/api/v1/funds/units/{tree.commune.pk}/decisions",
        {"number": "12/QĐ-MTTQ", "date": "2025-03-01", "title": "Trùng số"},
        content_type=JSON,
    )
    assert again.status_code == 409 and again.json()["error"] == "conflict"
    assert Decision.objects.filter(unit=tree.commune).count() == 1 and not Disbursement.objects.exists()


def test_it_lists_households_with_what_they_received(client, people, funds, tree, ready) -> None:
    home = household(tree.commune, "Trần Thị Bình", area=tree.village)
    household(tree.commune, "Lê Văn An", "policy")
    gifts(funds.commune, ready, [home], count=3, value=400_000)
    client.force_login(people.ward_editor)
    rows = client.get(f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries?q=thi+binh").json()
    assert [(r["head_name"], r["received_times"], r["received_total"]) for r in rows] == [
        ("Trần Thị Bình", 1, 400_000)
    ]
    assert len(client.get(f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries?category=policy").json()) == 1
    detail = client.get(f"/api/v1/funds/beneficiaries/{home.pk}").json()
    assert (
        detail["received"][0]["decision_number"] == "12/QĐ-MTTQ" and detail["received"][0]["gift_count"] == 1
    )
    duplicate = client.post(
        f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries",
        {"head_name": "Trần Thị Bình", "category": "poor", "area_id": tree.village.pk},
        content_type=JSON,
    )
    assert duplicate.status_code == 409
    elsewhere = client.post(
        f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries",
        {"head_name": "Hộ Xa", "category": "poor", "area_id": tree.other_commune.pk},
        content_type=JSON,
    )
    assert elsewhere.status_code == 400 and elsewhere.json()["field"] == "area"
    assert Beneficiary.objects.count() == 2


def test_it_imports_households_from_excel_over_the_api_or_reports_each_row(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    url = f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries/import"
    bad = sheet([["Lê Văn C", "hộ nghèo", "Đông", "", 3], ["", "giàu", "", "", ""]])
    response = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", bad)})
    body = response.json()
    assert response.status_code == 400 and body["error"] == "invalid_rows"
    assert {(d["row"], d["column"]) for d in body["details"]} == {(3, "Chủ hộ"), (3, "Diện")}
    assert not Beneficiary.objects.exists()
    broken = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", b"not a workbook")})
    assert broken.status_code == 400 and broken.json()["field"] == "file"
    good = sheet([["Lê Văn C", "hộ nghèo", "Đông", "", 3], ["Phạm Thị D", "cận nghèo", "", "", None]])
    response = client.post(url, {"file": SimpleUploadedFile("ds.xlsx", good)})
    assert response.status_code == 201 and response.json()["created"] == 2
    assert set(Beneficiary.objects.values_list("pk", flat=True)) == set(response.json()["ids"])
    client.force_login(people.ward_leader)
    assert client.post(url, {"file": SimpleUploadedFile("ds.xlsx", good)}).status_code == 403
    template = client.get(f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries/template")
    assert template.status_code == 200 and template.content[:2] == b"PK"


@pytest.fixture
def commune_account(funds, tree):
    return actions.do_create_bank_account(
        acting_user=SYSTEM, unit=tree.commune, fund=funds.commune, bank_bin="970436", number="123456789012",
        holder="UBMTTQ XA AN",
    )  # fmt: skip


def test_it_uploads_a_statement_over_the_api_and_reports_its_result(
    client, people, commune_account, tmp_path: Path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=40, seed=7, account="123456789012", holder="UBMTTQ XA AN"))
    client.force_login(people.ward_editor)
    url = f"/api/v1/funds/accounts/{commune_account.pk}/statements"
    response = client.post(url, {"file": SimpleUploadedFile("sao-ke.csv", path.read_bytes())})
    assert response.status_code == 202, response.json()
    statement = BankStatement.objects.get(pk=response.json()["id"])
    assert (
        statement.file_name == "sao-ke.csv"
        and Path(statement.file_path).parent == tmp_path / "media" / "statements"
    )
    result = client.get(f"/api/v1/funds/statements/{statement.pk}").json()
    assert result["status"] == "done" and result["lines_added"] == 40 and result["progress"] == {}
    assert StatementLine.objects.filter(account=commune_account).count() == 40
    again = client.post(url, {"file": SimpleUploadedFile("sao-ke-lan-2.csv", path.read_bytes())}).json()
    assert again["status"] == "done" and again["lines_added"] == 0
    assert [s["id"] for s in client.get(url).json()] == [again["id"], statement.pk]


def test_it_reports_a_failed_statement_import_over_the_api(
    client, people, commune_account, tmp_path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "lech.csv"
    generate("vcb_table", path, Options(lines=30, seed=3, account="123456789012", balance_error_at=12))
    client.force_login(people.ward_editor)
    url = f"/api/v1/funds/accounts/{commune_account.pk}/statements"
    body = client.post(url, {"file": SimpleUploadedFile("lech.csv", path.read_bytes())}).json()
    assert body["status"] == "failed" and body["error"] and body["report"]["mismatches"]
    assert not StatementLine.objects.exists()
    empty = client.post(url, {"file": SimpleUploadedFile("rong.csv", b"")})
    assert empty.status_code == 400 and empty.json()["field"] == "file"
    assert BankStatement.objects.count() == 1


def test_it_forbids_a_statement_upload_to_another_units_account(
    client, people, funds, commune_account, tmp_path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path
    for persona, account in (
        ("ward_editor", funds.account),
        ("ward_leader", commune_account),
        ("outsider", commune_account),
    ):
        client.force_login(getattr(people, persona))
        response = client.post(
            f"/api/v1/funds/accounts/{account.pk}/statements", {"file": SimpleUploadedFile("s.csv", b"x,y\n")}
        )
        assert response.status_code == 403 and response.json()["error"] == "forbidden", persona
    assert not BankStatement.objects.exists() and not (tmp_path / "statements").exists()


def test_it_answers_404_for_missing_objects(client, people, funds, tree) -> None:
    client.force_login(people.ward_editor)
    for url in (
        "/api/v1/funds/disbursements/999999",
        "/api/v1/funds/beneficiaries/999999",
        "/api/v1/funds/units/999999/decisions",
        "/api/v1/funds/accounts/999999/statements",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"] == "not_found", url


def test_it_keeps_the_list_endpoints_query_count_flat(
    client, people, funds, tree, ready, django_assert_max_num_queries
) -> None:
    homes = [household(tree.commune, f"Hộ số {n}") for n in range(20)]
    for n, home in enumerate(homes):
        gifts(funds.commune, ready, homes[: n + 1], count=30, value=10_000)
        house(funds.commune, ready, home, amount=1_000_000, date=DAY - dt.timedelta(days=n))
    client.force_login(people.ward_editor)
    for url in (
        f"/api/v1/funds/{funds.commune.pk}/disbursements",
        f"/api/v1/funds/units/{tree.commune.pk}/houses",
        f"/api/v1/funds/units/{tree.commune.pk}/beneficiaries",
        f"/api/v1/funds/units/{tree.commune.pk}/decisions",
    ):
        with django_assert_max_num_queries(8):
            response = client.get(url)
        assert response.status_code == 200 and len(response.json()) >= 1, url


def test_it_refuses_a_house_filter_out_of_bounds_with_a_structured_error(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    for query in ("year=10000", "state=done", "house_work=paint"):
        response = client.get(f"/api/v1/funds/units/{tree.commune.pk}/houses?{query}")
        assert response.status_code in (400, 422), query
        assert response.json()["error"], query
    assert (
        client.get(f"/api/v1/funds/units/{tree.commune.pk}/houses?year=2025&state=building").status_code
        == 200
    )
