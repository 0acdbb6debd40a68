"""Receipts with their biên lai, disbursements (gifts, houses, cash) and beneficiary lists from Excel."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import Workbook

from mattran.core.errors import ActionError
from mattran.funds import actions
from mattran.funds.actions import do_import_beneficiaries
from mattran.funds.documents import receipt_document
from mattran.funds.models import Beneficiary, Disbursement, Fund, LedgerEntry, Receipt
from tests.conftest import SYSTEM

DAY = dt.date(2025, 3, 2)


def receipt(fund: Fund, **kwargs) -> Receipt:
    data = {"method": "cash", "donor_kind": "person", "donor_name": "Nguyễn Văn A", "amount": 1_800_000_000}
    data.update(kwargs)
    return actions.do_record_receipt(
        acting_user=SYSTEM, fund=fund, received_on=data.pop("received_on", DAY), **data
    )


def test_it_numbers_receipts_per_unit_and_year(funds) -> None:
    first, second = receipt(funds.commune), receipt(funds.commune)
    elsewhere = receipt(funds.district)
    next_year = receipt(funds.commune, received_on=dt.date(2026, 1, 2))
    assert (first.number, second.number, elsewhere.number, next_year.number) == (1, 2, 1, 1)
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 3 * 1_800_000_000


def test_it_writes_the_receipt_document_with_the_amount_in_words(funds) -> None:
    document = Document(io.BytesIO(receipt_document(receipt(funds.commune)).to_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN LAI THU" in text and "1.800.000.000 đồng" in text
    assert "Một tỷ tám trăm triệu đồng" in text


def test_it_records_goods_and_anonymous_donors(funds) -> None:
    goods = receipt(
        funds.commune, method="in_kind", goods="Mì tôm", goods_quantity="200 thùng", amount=24_000_000
    )
    anonymous = receipt(funds.commune, donor_kind="anonymous", donor_name="Ai đó", amount=500_000)
    assert goods.entry.amount == 24_000_000 and "Mì tôm" in goods.entry.description
    assert anonymous.donor_name == "" and anonymous.donor_label == "Nhà hảo tâm ẩn danh"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": 0},
        {"method": "in_kind", "goods": ""},
        {"donor_name": ""},
        {"method": "transfer"},
        {"method": "gold"},
    ],
)
def test_it_refuses_a_bad_receipt_and_changes_nothing(funds, kwargs) -> None:
    with pytest.raises(ActionError):
        receipt(funds.commune, **kwargs)
    assert not Receipt.objects.exists() and not LedgerEntry.objects.exists()


def test_it_cancels_a_receipt_with_a_reversing_entry(funds) -> None:
    r = receipt(funds.commune, amount=700_000)
    actions.do_cancel_receipt(acting_user=SYSTEM, receipt=r, reason="Ghi trùng")
    r.refresh_from_db()
    funds.commune.refresh_from_db()
    assert r.cancelled and funds.commune.balance == 0


def test_it_pays_gifts_houses_and_cash_under_a_decision(funds, tree) -> None:
    receipt(funds.commune, amount=2_000_000_000)
    decision = actions.do_create_decision(
        acting_user=SYSTEM, unit=tree.commune, number="12/QĐ-MTTQ", date=DAY, title="Hỗ trợ Tết"
    )
    household = actions.do_add_beneficiary(
        acting_user=SYSTEM, unit=tree.commune, head_name="Trần Thị Bình", category="poor", area=tree.village
    )
    gifts = actions.do_record_disbursement(
        acting_user=SYSTEM, fund=funds.commune, decision=decision, kind="gift", date=DAY, description="Quà Tết",
        category="poor", gift_count=3568, gift_value=500_000, recipient_unit=tree.village,
    )  # fmt: skip
    house = actions.do_record_disbursement(
        acting_user=SYSTEM, fund=funds.commune, decision=decision, kind="house", date=DAY, description="Nhà Đại đoàn kết",
        category="poor", beneficiary=household, amount=60_000_000, house_work="build",
    )  # fmt: skip
    assert gifts.amount == 1_784_000_000 and gifts.entry.amount == -1_784_000_000
    actions.do_record_house_progress(
        acting_user=SYSTEM, disbursement=house, stage="handed_over", date=DAY + dt.timedelta(days=90)
    )
    house.refresh_from_db()
    assert house.handed_over_on == DAY + dt.timedelta(days=90) and house.recipient_unit == tree.village
    assert house.shares.get().beneficiary == household
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 2_000_000_000 - 1_784_000_000 - 60_000_000


def test_it_refuses_a_disbursement_over_the_balance(funds, tree) -> None:
    decision = actions.do_create_decision(
        acting_user=SYSTEM, unit=tree.commune, number="1/QĐ", date=DAY, title="Hỗ trợ"
    )
    with pytest.raises(ActionError):
        actions.do_record_disbursement(
            acting_user=SYSTEM, fund=funds.commune, decision=decision, kind="cash", date=DAY, description="Tiền mặt",
            category="disaster", amount=1_000,
        )  # fmt: skip
    assert not Disbursement.objects.exists()


def _sheet(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Chủ hộ", "Diện", "Khu dân cư", "Địa chỉ", "Số nhân khẩu"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_it_imports_a_beneficiary_list_or_nothing_with_row_errors(tree) -> None:
    bad = _sheet([["Lê Văn C", "hộ nghèo", "Đông", "", 3], ["", "giàu", "Tây", "", "x"]])
    created, parsed = do_import_beneficiaries(acting_user=SYSTEM, unit=tree.commune, data=bad)
    assert created == [] and not Beneficiary.objects.exists()
    assert {(e.row, e.column) for e in parsed.errors} == {
        (3, "Chủ hộ"),
        (3, "Diện"),
        (3, "Khu dân cư"),
        (3, "Số nhân khẩu"),
    }
    good = _sheet([["Lê Văn C", "hộ nghèo", "Đông", "Xóm 1", 3], ["Phạm Thị D", "cận nghèo", "", "", None]])
    created, parsed = do_import_beneficiaries(acting_user=SYSTEM, unit=tree.commune, data=good)
    assert len(created) == 2 and created[0].area == tree.village and created[1].category == "near_poor"
