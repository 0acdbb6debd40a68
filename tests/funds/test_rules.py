"""Permissions as a table: role × relation × action; and the API refusing a ward editor the district's fund."""

from __future__ import annotations

import pytest

from mattran.funds.models import LedgerEntry

from .helpers import decision, fill, gifts, house, household

# persona, fund, may view, may post
TABLE = [
    ("ward_editor", "commune", True, True),
    ("ward_editor", "district", False, False),
    ("ward_editor", "sibling", False, False),
    ("ward_admin", "commune", True, True),
    ("ward_leader", "commune", True, False),
    ("district_leader", "commune", True, False),
    ("district_leader", "district", True, False),
    ("province_admin", "district", True, False),
    ("outsider", "commune", False, False),
    ("superuser", "district", True, True),
]


@pytest.mark.parametrize("persona,fund_name,may_view,may_post", TABLE)
def test_it_applies_the_fund_rules(people, funds, persona, fund_name, may_view, may_post) -> None:
    user = getattr(people, persona)
    fund = getattr(funds, fund_name)
    assert user.has_perm("funds.view_fund", fund) is may_view
    assert user.has_perm("funds.post_entry", fund) is may_post
    assert user.has_perm("funds.import_statement", fund) is may_post


ENTRY = {"kind": "receipt", "amount": 500000, "date": "2024-09-10", "description": "Thu tiền mặt"}


def test_it_forbids_a_ward_editor_to_post_to_the_districts_fund_over_the_api(client, people, funds) -> None:
    client.force_login(people.ward_editor)
    response = client.post(
        f"/api/v1/funds/{funds.district.pk}/entries", ENTRY, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert not LedgerEntry.objects.exists()
    ok = client.post(f"/api/v1/funds/{funds.commune.pk}/entries", ENTRY, content_type="application/json")
    assert ok.status_code == 201
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 500000


def test_it_answers_bad_input_with_a_structured_error_and_changes_nothing(client, people, funds) -> None:
    client.force_login(people.ward_editor)
    response = client.post(
        f"/api/v1/funds/{funds.commune.pk}/entries",
        {**ENTRY, "kind": "disbursement"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "amount"
    assert not LedgerEntry.objects.exists()


def test_it_forbids_a_ward_editor_the_districts_fund_page(client, people, funds) -> None:
    client.force_login(people.ward_editor)
    assert client.get(f"/quy/{funds.district.pk}/thu/").status_code == 403
    assert client.get(f"/quy/{funds.commune.pk}/thu/").status_code == 200


def test_it_lists_only_funds_in_scope_over_the_api(client, people, funds) -> None:
    client.force_login(people.ward_editor)
    ids = {f["id"] for f in client.get("/api/v1/funds").json()}
    assert ids == {funds.commune.pk}


@pytest.mark.parametrize("persona,fund_name,may_view,may_post", TABLE)
def test_it_applies_the_house_and_household_rules(
    people, funds, persona, fund_name, may_view, may_post
) -> None:
    user = getattr(people, persona)
    fund = getattr(funds, fund_name)
    fill(fund)
    home = household(fund.unit, "Trần Thị Bình")
    built = house(fund, decision(fund.unit), home)
    assert user.has_perm("funds.update_house", built) is may_post
    assert user.has_perm("funds.view_fund", home) is may_view
    assert user.has_perm("funds.manage_beneficiaries", home.unit) is may_post


def test_it_shows_a_ward_the_house_a_higher_levels_fund_built_for_its_household(
    client, people, tree, funds
) -> None:
    """The district pays, the ward's household receives: the ward reads the house (not the district's
    fund), finds it on its house page and over the API; a sibling ward sees none of it."""
    fill(funds.district)
    home = household(tree.commune, "Lò Văn Pấng")
    built = house(funds.district, decision(tree.district), home)
    ward, sibling = people.ward_editor, people.outsider
    assert ward.has_perm("funds.view_disbursement", built)
    assert not ward.has_perm("funds.view_fund", funds.district)
    assert not ward.has_perm("funds.update_house", built)
    assert not sibling.has_perm("funds.view_disbursement", built)

    client.force_login(ward)
    page = client.get(f"/quy/don-vi/{tree.commune.pk}/nha-dai-doan-ket/").content.decode()
    assert "Lò Văn Pấng" in page
    detail = client.get(f"/quy/khoan-chi/{built.pk}/")
    assert detail.status_code == 200
    assert f"/quy/{funds.district.pk}/" not in detail.content.decode()  # no link to a fund it cannot open
    api = client.get(f"/api/v1/funds/units/{tree.commune.pk}/houses").json()
    rows = api["items"] if isinstance(api, dict) else api
    assert [row["id"] for row in rows] == [built.pk]
    assert client.get(f"/api/v1/funds/disbursements/{built.pk}").status_code == 200

    client.force_login(sibling)
    assert client.get(f"/quy/khoan-chi/{built.pk}/").status_code == 403
    assert client.get(f"/api/v1/funds/disbursements/{built.pk}").status_code == 403


def test_it_shows_a_ward_only_its_own_households_of_a_higher_levels_gift(client, people, tree, funds) -> None:
    """A district gift to households of two wards: each ward reads the gift, but the list of households
    it sees holds its own only (the neighbour's list of poor households is not its business)."""
    fill(funds.district)
    mine = household(tree.commune, "Lò Văn Pấng")
    theirs = household(tree.sibling, "Vàng Thị Dợ")
    gift = gifts(funds.district, decision(tree.district), [mine, theirs], count=2)
    client.force_login(people.ward_editor)
    page = client.get(f"/quy/khoan-chi/{gift.pk}/").content.decode()
    assert "Lò Văn Pấng" in page and "Vàng Thị Dợ" not in page
    api = client.get(f"/api/v1/funds/disbursements/{gift.pk}").json()
    assert [b["head_name"] for b in api["beneficiaries"]] == ["Lò Văn Pấng"]
    client.force_login(people.district_leader)  # the fund's own level reads every household
    api = client.get(f"/api/v1/funds/disbursements/{gift.pk}").json()
    assert {b["head_name"] for b in api["beneficiaries"]} == {"Lò Văn Pấng", "Vàng Thị Dợ"}
