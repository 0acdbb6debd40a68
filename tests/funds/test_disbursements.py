"""Disbursements to households (gifts, houses, cash), house progress with its timeline, and their pages."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.funds import actions
from mattran.funds.ledger import check_ledger
from mattran.funds.models import Disbursement, DisbursementShare, HouseProgress, LedgerEntry
from tests.conftest import SYSTEM

from .helpers import DAY, decision, fill, gifts, house, household


@pytest.fixture
def ready(funds, tree):
    fill(funds.commune)
    return decision(tree.commune)


def test_it_gives_one_gift_to_each_listed_household(funds, tree, ready) -> None:
    homes = [household(tree.commune, n) for n in ("Lê Văn An", "Trần Thị Bích", "Phạm Văn Cường")]
    d = gifts(funds.commune, ready, homes, count=120, value=500_000, recipient_unit=tree.village)
    assert d.amount == 60_000_000 and d.entry.amount == -60_000_000
    shares = DisbursementShare.objects.filter(disbursement=d)
    assert {(s.beneficiary_id, s.gift_count, s.amount) for s in shares} == {(h.pk, 1, 500_000) for h in homes}
    assert d.beneficiary is None and d.recipient_unit == tree.village
    assert not check_ledger().problems


def test_it_splits_cash_support_equally_between_households(funds, tree, ready) -> None:
    homes = [household(tree.commune, "Lê Văn An"), household(tree.village, "Đỗ Thị Hạnh", "disaster")]
    d = actions.do_record_disbursement(
        acting_user=SYSTEM, fund=funds.commune, decision=ready, kind="cash", date=DAY, description="Hỗ trợ sau bão",
        category="disaster", amount=4_000_000, beneficiaries=homes,
    )  # fmt: skip
    assert sorted(d.shares.values_list("amount", flat=True)) == [2_000_000, 2_000_000]
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 5_000_000_000 - 4_000_000


def test_it_ties_a_house_to_its_household_and_takes_its_category(funds, tree, ready) -> None:
    home = household(tree.commune, "Trần Thị Bình", "policy", area=tree.village)
    d = house(funds.commune, ready, home)
    assert d.beneficiary == home and d.category == "policy" and d.recipient_unit == tree.village
    assert d.house_progress == 0 and d.house_state == "not_started"
    assert d.shares.get().amount == 60_000_000


BAD = [
    ("gift", {"gift_count": 2}, "beneficiaries"),  # three households, two gifts
    ("cash", {"amount": 1_000_000}, "amount"),  # does not split into three
    ("house", {"amount": 60_000_000, "house_work": "build"}, "beneficiaries"),  # three households, one house
    ("house", {"amount": 60_000_000, "house_work": ""}, "house_work"),
    ("gift", {"gift_count": 0}, "gift_count"),
    ("gift", {"gift_count": 10**12, "gift_value": 1}, "gift_count"),
    ("cash", {"amount": -5}, "amount"),
    ("cash", {"amount": 10**16}, "amount"),
    ("cash", {"amount": 9_000_000_000}, "amount"),  # over the balance
    ("cash", {"amount": 3_000_000, "recipient": "other"}, "recipient_unit"),
    ("cash", {"amount": 3_000_000, "foreign": True}, "beneficiaries"),
]


@pytest.mark.parametrize("kind,kwargs,field", BAD)
def test_it_refuses_a_bad_disbursement_and_changes_nothing(funds, tree, ready, kind, kwargs, field) -> None:
    homes = [household(tree.commune, n) for n in ("A Một", "B Hai", "C Ba")]
    if kwargs.pop("foreign", False):
        homes = [household(tree.sibling, "Hộ xã bên")]
    if kwargs.pop("recipient", None):
        kwargs["recipient_unit"] = tree.other_commune
    kwargs.setdefault("gift_value", 500_000 if kind == "gift" else None)
    entries, balance = LedgerEntry.objects.count(), 5_000_000_000
    with pytest.raises(ActionError) as caught:
        actions.do_record_disbursement(
            acting_user=SYSTEM, fund=funds.commune, decision=ready, kind=kind, date=DAY, description="Chi",
            category="poor", beneficiaries=homes, **kwargs,
        )  # fmt: skip
    assert caught.value.field == field
    assert not Disbursement.objects.exists() and not DisbursementShare.objects.exists()
    assert LedgerEntry.objects.count() == entries
    funds.commune.refresh_from_db()
    assert funds.commune.balance == balance


def test_it_records_house_progress_as_a_timeline_up_to_the_hand_over(funds, tree, ready, people) -> None:
    d = house(funds.commune, ready, household(tree.commune, "Trần Thị Bình"))
    steps = [("started", None, 5), ("foundation", 35, 20), ("roof", None, 60), ("finished", 100, 80)]
    for stage, percent, days in steps:
        actions.do_record_house_progress(
            acting_user=people.ward_editor, disbursement=d, stage=stage, percent=percent,
            date=DAY + dt.timedelta(days=days), note=f"Ghi {stage}",
        )  # fmt: skip
    d.refresh_from_db()
    assert (d.house_progress, d.house_stage, d.house_state) == (100, "finished", "finished")
    assert list(d.progress_updates.order_by("date").values_list("stage", "percent")) == [
        ("started", 10), ("foundation", 35), ("roof", 85), ("finished", 100)
    ]  # fmt: skip
    actions.do_record_house_progress(
        acting_user=people.ward_editor, disbursement=d, stage="handed_over", date=DAY + dt.timedelta(days=90)
    )
    d.refresh_from_db()
    assert d.handed_over_on == DAY + dt.timedelta(days=90) and d.house_state == "handed_over"
    audit = AuditEntry.objects.filter(action="funds.record_house_progress").order_by("id")
    assert audit.count() == 5 and audit.last().actor == people.ward_editor
    assert audit.last().after["handed_over_on"] == "2025-05-31"
    with pytest.raises(ActionError) as caught:
        actions.do_record_house_progress(acting_user=SYSTEM, disbursement=d, stage="finished", date=DAY)
    assert caught.value.status == 409 and HouseProgress.objects.count() == 5


@pytest.mark.parametrize(
    "stage,percent,days,field",
    [
        ("walls", 40, 10, "percent"),  # below the 50% already reported
        ("started", None, 10, "stage"),  # back from walls
        ("roof", 90, 1, "date"),  # before the last step
        ("finished", 95, 10, "percent"),  # finished is 100%
        ("roof", 101, 10, "percent"),
        ("cellar", None, 10, "stage"),
        ("roof", 90, 5000, "date"),  # in the future
    ],
)
def test_it_refuses_progress_that_goes_back_and_changes_nothing(
    funds, tree, ready, stage, percent, days, field
) -> None:
    d = house(funds.commune, ready, household(tree.commune, "Trần Thị Bình"))
    actions.do_record_house_progress(
        acting_user=SYSTEM, disbursement=d, stage="walls", percent=50, date=DAY + dt.timedelta(days=5)
    )
    with pytest.raises(ActionError) as caught:
        actions.do_record_house_progress(
            acting_user=SYSTEM,
            disbursement=d,
            stage=stage,
            percent=percent,
            date=DAY + dt.timedelta(days=days),
        )
    assert caught.value.field == field
    d.refresh_from_db()
    assert (d.house_progress, d.house_stage, HouseProgress.objects.count()) == (50, "walls", 1)


def test_it_refuses_progress_on_a_reversed_house_or_on_gifts(funds, tree, ready) -> None:
    d = house(funds.commune, ready, household(tree.commune, "Trần Thị Bình"))
    g = gifts(funds.commune, ready)
    actions.do_reverse_entry(acting_user=SYSTEM, entry=d.entry, reason="Ghi nhầm hộ")
    for target, status in ((d, 409), (g, 400)):
        with pytest.raises(ActionError) as caught:
            actions.do_record_house_progress(
                acting_user=SYSTEM, disbursement=target, stage="started", date=DAY
            )
        assert caught.value.status == status
    assert not HouseProgress.objects.exists()


# --- pages ---------------------------------------------------------------------------------------------


def test_it_lists_a_funds_disbursements_with_filters_and_totals(client, people, funds, tree, ready) -> None:
    other = decision(tree.commune, "13/QĐ-MTTQ")
    gifts(funds.commune, ready, count=100, value=300_000, description="Quà Trung thu")
    house(funds.commune, other, household(tree.commune, "Trần Thị Bình"))
    cancelled = gifts(funds.commune, ready, count=5, value=100_000, description="Quà ghi nhầm")
    actions.do_reverse_entry(acting_user=SYSTEM, entry=cancelled.entry, reason="Nhầm")
    client.force_login(people.ward_leader)
    page = client.get(f"/quy/{funds.commune.pk}/khoan-chi/").content.decode()
    assert "Quà Trung thu" in page and "Nhà Đại đoàn kết hộ Trần Thị Bình" in page and "đã đảo" in page
    assert "90.000.000 đồng" in page  # 30 million of gifts + 60 million house, the reversed one left out
    houses_only = client.get(f"/quy/{funds.commune.pk}/khoan-chi/?hinh_thuc=house").content.decode()
    assert "Trần Thị Bình" in houses_only and "Quà Trung thu" not in houses_only
    by_decision = client.get(f"/quy/{funds.commune.pk}/khoan-chi/?quyet_dinh={other.pk}").content.decode()
    assert "Quà Trung thu" not in by_decision and "Trần Thị Bình" in by_decision
    found = client.get(f"/quy/{funds.commune.pk}/khoan-chi/?q=tran+thi+binh").content.decode()
    assert "Trần Thị Bình" in found and "Quà Trung thu" not in found
    dated = client.get(f"/quy/{funds.commune.pk}/khoan-chi/?tu_ngay=2025-04-01").content.decode()
    assert "Không có khoản chi nào." in dated


def test_it_lists_a_units_disbursements_and_its_subtree(client, people, funds, tree, ready) -> None:
    fill(funds.district)
    gifts(funds.district, decision(tree.district, "1/QĐ-H"), description="Quà của huyện")
    gifts(funds.commune, ready, description="Quà của xã")
    client.force_login(people.district_leader)
    own = client.get(f"/quy/don-vi/{tree.district.pk}/khoan-chi/").content.decode()
    assert "Quà của huyện" in own and "Quà của xã" not in own
    whole = client.get(f"/quy/don-vi/{tree.district.pk}/khoan-chi/?cay=1").content.decode()
    assert "Quà của huyện" in whole and "Quà của xã" in whole
    client.force_login(people.ward_editor)
    assert client.get(f"/quy/don-vi/{tree.district.pk}/khoan-chi/").status_code == 403


def test_it_shows_a_disbursement_with_decision_entry_and_households(
    client, people, funds, tree, ready
) -> None:
    homes = [household(tree.commune, "Lê Văn An"), household(tree.commune, "Hoàng Thị Lan")]
    d = gifts(funds.commune, ready, homes, count=2, value=750_000)
    client.force_login(people.ward_editor)
    page = client.get(f"/quy/khoan-chi/{d.pk}/").content.decode()
    for text in (
        "12/QĐ-MTTQ",
        "Hỗ trợ hộ nghèo",
        "Nguyễn Văn Chủ",
        f"#{d.entry_id}",
        "Lê Văn An",
        "Hoàng Thị Lan",
    ):
        assert text in page
    assert "1.500.000 đồng" in page and "Một triệu năm trăm nghìn đồng" in page
    client.force_login(people.outsider)
    assert client.get(f"/quy/khoan-chi/{d.pk}/").status_code == 403


def test_it_records_house_progress_from_the_page(client, people, funds, tree, ready) -> None:
    d = house(funds.commune, ready, household(tree.commune, "Trần Thị Bình"))
    client.force_login(people.ward_editor)
    page = client.get(f"/quy/khoan-chi/{d.pk}/").content.decode()
    assert "Ghi tiến độ" in page and "Chưa khởi công" in page
    response = client.post(
        f"/quy/khoan-chi/{d.pk}/tien-do/", {"stage": "foundation", "date": "2025-03-10", "note": "Đổ móng"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.house_progress, d.house_stage) == (30, "foundation")
    bad = client.post(f"/quy/khoan-chi/{d.pk}/tien-do/", {"stage": "started", "date": "2025-03-11"})
    assert bad.status_code == 200 and "không lùi lại" in bad.content.decode()
    assert HouseProgress.objects.count() == 1
    timeline = client.get(f"/quy/khoan-chi/{d.pk}/").content.decode()
    assert "Xong móng — 30%" in timeline and "Đổ móng" in timeline


def test_it_forbids_progress_to_readers_and_other_units(client, people, funds, tree, ready) -> None:
    d = house(funds.commune, ready, household(tree.commune, "Trần Thị Bình"))
    for persona in ("ward_leader", "district_leader", "outsider"):
        client.force_login(getattr(people, persona))
        response = client.post(f"/quy/khoan-chi/{d.pk}/tien-do/", {"stage": "started", "date": "2025-03-10"})
        assert response.status_code == 403, persona
    assert not HouseProgress.objects.exists()
    client.force_login(people.ward_leader)
    assert "Ghi tiến độ" not in client.get(f"/quy/khoan-chi/{d.pk}/").content.decode()


def test_it_lists_houses_of_a_unit_by_state(client, people, funds, tree, ready) -> None:
    done = house(funds.commune, ready, household(tree.commune, "Hộ Bàn Giao"))
    house(funds.commune, ready, household(tree.commune, "Hộ Chưa Làm"), house_work="repair")
    actions.do_record_house_progress(acting_user=SYSTEM, disbursement=done, stage="handed_over", date=DAY)
    client.force_login(people.district_leader)
    page = client.get(f"/quy/don-vi/{tree.district.pk}/nha-dai-doan-ket/").content.decode()
    assert "Hộ Bàn Giao" in page and "Hộ Chưa Làm" in page and "Sửa chữa" in page
    handed = client.get(f"/quy/don-vi/{tree.district.pk}/nha-dai-doan-ket/?tinh_trang=handed_over")
    assert "Hộ Bàn Giao" in handed.content.decode() and "Hộ Chưa Làm" not in handed.content.decode()
    waiting = client.get(
        f"/quy/don-vi/{tree.commune.pk}/nha-dai-doan-ket/?tinh_trang=not_started&loai=repair"
    )
    assert "Hộ Chưa Làm" in waiting.content.decode() and "Hộ Bàn Giao" not in waiting.content.decode()


def test_it_records_a_disbursement_to_chosen_households_from_the_page(
    client, people, funds, tree, ready
) -> None:
    homes = [household(tree.commune, "Lê Văn An"), household(tree.commune, "Hoàng Thị Lan", "near_poor")]
    client.force_login(people.ward_editor)
    form = {
        "decision": ready.pk, "kind": "gift", "category": "poor", "gift_count": "50", "gift_value": "400000",
        "date": "2025-03-05", "description": "Quà cho hộ nghèo", "recipient_unit": tree.village.pk,
    }  # fmt: skip
    response = client.post(f"/quy/{funds.commune.pk}/chi/", {**form, "beneficiaries": [h.pk for h in homes]})
    d = Disbursement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quy/khoan-chi/{d.pk}/"
    assert d.amount == 20_000_000 and d.shares.count() == 2 and d.recipient_unit == tree.village
    client.post(f"/quy/{funds.commune.pk}/chi/", {**form, "all_households": "on", "description": "Quà đợt 2"})
    second = Disbursement.objects.get(description="Quà đợt 2")
    assert list(second.shares.values_list("beneficiary__head_name", flat=True)) == ["Lê Văn An"]


def test_it_shows_what_a_household_received(client, people, funds, tree, ready) -> None:
    home = household(tree.commune, "Trần Thị Bình")
    gifts(funds.commune, ready, [home], count=10, value=500_000, description="Quà Tết")
    house(funds.commune, ready, home, amount=50_000_000)
    wrong = gifts(funds.commune, ready, [home], count=1, value=200_000, description="Quà ghi nhầm")
    actions.do_reverse_entry(acting_user=SYSTEM, entry=wrong.entry, reason="Nhầm")
    client.force_login(people.ward_editor)
    page = client.get(f"/quy/ho/{home.pk}/").content.decode()
    assert "Quà Tết" in page and "Nhà Đại đoàn kết" in page and "đã đảo" in page
    assert "50.500.000 đồng" in page
    listing = client.get(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/").content.decode()
    assert "50.500.000" in listing and "2 lần" in listing


def test_it_keeps_the_disbursement_pages_query_count_flat(
    client, people, funds, tree, ready, django_assert_max_num_queries
) -> None:
    homes = [household(tree.commune, f"Hộ số {n}", area=tree.village) for n in range(25)]
    for n, home in enumerate(homes):
        gifts(funds.commune, ready, homes[: n + 1], count=30, value=10_000, description=f"Quà {n}")
        d = house(funds.commune, ready, home, amount=1_000_000)
        actions.do_record_house_progress(acting_user=SYSTEM, disbursement=d, stage="started", date=DAY)
    client.force_login(people.ward_editor)
    pages = [
        f"/quy/{funds.commune.pk}/khoan-chi/",
        f"/quy/don-vi/{tree.commune.pk}/khoan-chi/?cay=1",
        f"/quy/don-vi/{tree.commune.pk}/nha-dai-doan-ket/",
        f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/",
        f"/quy/ho/{homes[0].pk}/",
        f"/quy/khoan-chi/{Disbursement.objects.filter(kind='gift').last().pk}/",
        f"/quy/khoan-chi/{d.pk}/",
    ]
    for url in pages:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url
