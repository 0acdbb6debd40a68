"""Report figures computed from the funds' ledger, receipts and disbursements, recorded through the actions."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.funds import actions as funds
from mattran.funds.models import BeneficiaryCategory, FundKind
from mattran.reports.models import Value
from tests.conftest import SYSTEM

from .conftest import enter, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)


def fund(unit, kind, name):
    return funds.do_create_fund(acting_user=SYSTEM, unit=unit, kind=kind, name=name)


def receive(f, amount, day, name="Nguyễn Văn An"):
    return funds.do_record_receipt(
        acting_user=SYSTEM, fund=f, method="cash", donor_kind="person", donor_name=name, amount=amount,
        received_on=day,
    )  # fmt: skip


def stored(unit, code, period=MARCH) -> dict[str, tuple[int, str]]:
    """{breakdown: (value, source)} of one indicator of a unit for a period."""
    rows = Value.objects.filter(unit=unit, indicator__code=code, period_start=period.start)
    return {v.breakdown: (v.value, v.source) for v in rows}


def test_it_computes_receipts_per_fund_kind_from_the_ledger(tree, people, catalogue):
    poor = fund(tree.commune, FundKind.POOR, "Quỹ Vì người nghèo xã An")
    relief = fund(tree.commune, FundKind.RELIEF, "Quỹ Cứu trợ xã An")
    above = fund(tree.district, FundKind.POOR, "Quỹ Vì người nghèo huyện Một")
    receive(poor, 1_000_000, dt.date(2024, 3, 5))
    receive(poor, 500_000, dt.date(2024, 3, 31))
    receive(poor, 2_000_000, dt.date(2024, 4, 1))  # next month
    receive(poor, 9_000_000, dt.date(2024, 2, 29))  # previous month
    receive(relief, 300_000, dt.date(2024, 3, 10))
    cancelled = receive(poor, 700_000, dt.date(2024, 3, 12), name="Trần Thị Bình")
    funds.do_cancel_receipt(acting_user=SYSTEM, receipt=cancelled, reason="Ghi nhầm số tiền")
    receive(above, 40_000_000, dt.date(2024, 3, 1))
    # Money moved down from the district is the district's receipt, not the commune's.
    funds.do_transfer(acting_user=SYSTEM, source=above, target=poor, amount=10_000_000,
                      date=dt.date(2024, 3, 20), description="Điều tiết hỗ trợ xã")  # fmt: skip

    enter(people.ward_editor, catalogue, tree.commune, MARCH, {("GS-CUOC", ""): 1})

    assert stored(tree.commune, "QUY-VNN-THU") == {"": (1_500_000, "C")}
    assert stored(tree.commune, "QUY-CUU-TRO-THU") == {"": (300_000, "C")}
    assert stored(tree.commune, "QUY-DODN-THU") == {"": (0, "C")}
    assert stored(tree.commune, "QUY-BIEN-DAO-THU") == {"": (0, "C")}
    assert stored(tree.commune, "QUY-VNN-CHI") == {"": (0, "C")}  # a transfer is not support paid


def test_it_computes_gifts_houses_and_households_from_disbursements(tree, people, catalogue):
    poor = fund(tree.commune, FundKind.POOR, "Quỹ Vì người nghèo xã An")
    relief = fund(tree.commune, FundKind.RELIEF, "Quỹ Cứu trợ xã An")
    receive(poor, 200_000_000, dt.date(2024, 1, 10))
    receive(relief, 50_000_000, dt.date(2024, 1, 10))
    decision = funds.do_create_decision(acting_user=SYSTEM, unit=tree.commune, number="12/QĐ-MTTQ",
                                        date=dt.date(2024, 3, 1), title="Hỗ trợ hộ khó khăn")  # fmt: skip

    def household(name, category):
        return funds.do_add_beneficiary(acting_user=SYSTEM, unit=tree.commune, head_name=name, category=category,
                                        area=tree.village)  # fmt: skip

    a = household("Lò Văn Ánh", BeneficiaryCategory.POOR)
    b = household("Hoàng Thị Bé", BeneficiaryCategory.POOR)
    c = household("Vi Văn Cường", BeneficiaryCategory.NEAR_POOR)
    d = household("Đinh Thị Dung", BeneficiaryCategory.POLICY)

    def pay(f, kind, day=dt.date(2024, 3, 15), **extra):
        return funds.do_record_disbursement(acting_user=SYSTEM, fund=f, decision=decision, kind=kind, date=day,
                                            description="Hỗ trợ", **extra)  # fmt: skip

    pay(poor, "gift", category="poor", gift_count=10, gift_value=300_000, beneficiaries=[a, b])
    pay(relief, "gift", category="policy", gift_count=5, gift_value=200_000, beneficiaries=[d])
    pay(relief, "gift", category="disaster", gift_count=4, gift_value=250_000)  # no list of households
    pay(poor, "house", category="poor", house_work="build", amount=50_000_000, beneficiaries=[a])
    pay(poor, "house", category="near_poor", house_work="repair", amount=20_000_000, beneficiaries=[c])
    pay(poor, "cash", category="poor", amount=1_000_000, beneficiaries=[b])  # B again: one household
    pay(poor, "gift", day=dt.date(2024, 4, 2), category="poor", gift_count=3, gift_value=100_000,
        beneficiaries=[a])  # fmt: skip  # April
    wrong = pay(poor, "house", category="poor", house_work="build", amount=30_000_000, beneficiaries=[b])
    funds.do_reverse_entry(acting_user=SYSTEM, entry=wrong.entry, reason="Quyết định bị hủy")

    enter(people.ward_editor, catalogue, tree.commune, MARCH, {("GS-CUOC", ""): 1})

    assert stored(tree.commune, "QUA-SUAT") == {
        "ho-ngheo": (10, "C"), "ho-can-ngheo": (0, "C"), "gia-dinh-chinh-sach": (5, "C"), "thien-tai": (4, "C"),
    }  # fmt: skip
    assert stored(tree.commune, "QUA-GIA-TRI") == {"": (3_000_000 + 1_000_000 + 1_000_000, "C")}
    assert stored(tree.commune, "NHA-DDK-XAY") == {"": (1, "C")}  # the reversed house is not counted
    assert stored(tree.commune, "NHA-DDK-SUA") == {"": (1, "C")}
    assert stored(tree.commune, "NHA-DDK-KINH-PHI") == {"": (70_000_000, "C")}
    assert stored(tree.commune, "HO-NGHEO-HO-TRO") == {"": (2, "C")}  # Ánh and Bé, each once
    assert stored(tree.commune, "HO-CAN-NGHEO-HO-TRO") == {"": (1, "C")}
    assert stored(tree.commune, "QUY-VNN-CHI") == {"": (3_000_000 + 50_000_000 + 20_000_000 + 1_000_000, "C")}
    assert stored(tree.commune, "QUY-CUU-TRO-CHI") == {"": (1_000_000 + 1_000_000, "C")}
