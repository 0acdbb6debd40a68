"""Data for the disbursement tests, made through the actions: money in a fund, a decision, households."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from mattran.funds import actions
from mattran.funds.models import Beneficiary, Decision, Disbursement, Fund
from tests.conftest import SYSTEM

DAY = dt.date(2025, 3, 2)
HEADERS = ["Chủ hộ", "Diện", "Khu dân cư", "Địa chỉ", "Số nhân khẩu"]


def fill(fund: Fund, amount: int = 5_000_000_000) -> None:
    actions.do_record_receipt(
        acting_user=SYSTEM, fund=fund, method="cash", donor_kind="organisation", donor_name="Công ty Hòa Bình",
        amount=amount, received_on=DAY,
    )  # fmt: skip


def decision(unit, number: str = "12/QĐ-MTTQ") -> Decision:
    return actions.do_create_decision(
        acting_user=SYSTEM,
        unit=unit,
        number=number,
        date=DAY,
        title="Hỗ trợ hộ nghèo",
        signer="Nguyễn Văn Chủ",
    )


def household(unit, name: str, category: str = "poor", area=None, address: str = "") -> Beneficiary:
    return actions.do_add_beneficiary(
        acting_user=SYSTEM, unit=unit, head_name=name, category=category, area=area, address=address
    )


def gifts(
    fund: Fund, dec: Decision, households=(), count: int = 10, value: int = 500_000, **kw
) -> Disbursement:
    return actions.do_record_disbursement(
        acting_user=SYSTEM, fund=fund, decision=dec, kind="gift", date=kw.pop("date", DAY),
        description=kw.pop("description", "Quà Tết"), category=kw.pop("category", "poor"),
        gift_count=count, gift_value=value, beneficiaries=list(households), **kw,
    )  # fmt: skip


def house(fund: Fund, dec: Decision, home: Beneficiary, amount: int = 60_000_000, **kw) -> Disbursement:
    return actions.do_record_disbursement(
        acting_user=SYSTEM, fund=fund, decision=dec, kind="house", date=kw.pop("date", DAY),
        description=kw.pop("description", f"Nhà Đại đoàn kết hộ {home.head_name}"), category="poor",
        beneficiary=home, amount=amount, house_work=kw.pop("house_work", "build"), **kw,
    )  # fmt: skip


def sheet(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
