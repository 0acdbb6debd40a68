"""Transfers (điều tiết) over the API: POST /api/v1/funds/transfers reaches its own route (it was taken by
GET /funds/{fund_id} and answered 405), moves the money as a pair, and is refused outside the source's unit."""

from __future__ import annotations

from mattran.funds.models import LedgerEntry
from tests.conftest import bearer, make_user

from .helpers import fill

JSON = "application/json"


def payload(source, target, amount=3_000_000):
    return {
        "source_id": source.pk,
        "target_id": target.pk,
        "amount": amount,
        "date": "2025-03-05",
        "description": "Điều tiết hỗ trợ xã",
    }


def test_it_transfers_between_two_levels_over_the_api(client, funds, tree):
    fill(funds.district, 10_000_000)
    district_editor = make_user("huyen.canbo", tree.district, "editor")
    answer = client.post(
        "/api/v1/funds/transfers",
        payload(funds.district, funds.commune),
        content_type=JSON,
        headers=bearer(district_editor),
    )
    assert answer.status_code == 201, answer.content
    pair = answer.json()
    assert sorted(e["amount"] for e in pair) == [-3_000_000, 3_000_000]
    funds.district.refresh_from_db()
    funds.commune.refresh_from_db()
    assert (funds.district.balance, funds.commune.balance) == (7_000_000, 3_000_000)


def test_it_refuses_a_transfer_from_a_fund_the_caller_may_not_post_to(client, funds, people):
    fill(funds.district, 10_000_000)
    before = LedgerEntry.objects.count()
    answer = client.post(
        "/api/v1/funds/transfers",
        payload(funds.district, funds.commune),
        content_type=JSON,
        headers=bearer(people.outsider),
    )
    assert answer.status_code in (403, 404)
    assert answer["Content-Type"].startswith(JSON)
    assert LedgerEntry.objects.count() == before
