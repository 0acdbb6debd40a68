"""Demo funds: the central relief fund with the real published Vietcombank pages, an appeal, receipts,
a transfer to Hà Nội and gifts in Phường Bồ Đề — created through the actions, once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mattran.core.authz import DEMO
from mattran.org.divisions import ensure_central
from mattran.org.models import Level, Unit

from . import actions
from .models import BankAccount, Fund, FundKind

EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared/examples/statements"
GENERATED = Path(__file__).resolve().parent / "data/sao-ke-mau-sinh-tu-dong-vietcombank-0011001932418.csv"
RELIEF = "Quỹ Cứu trợ Trung ương"


def _unit(structure: str, level: str, code: str) -> Unit | None:
    return Unit.objects.filter(structure=structure, level__code=level, code=code).first()


def load() -> list[str]:
    """Create the demo funds if they are not there yet; return what was done."""
    central = ensure_central()
    if Fund.objects.filter(unit=central, name=RELIEF).exists():
        return []
    done = []
    fund = actions.do_create_fund(acting_user=DEMO, unit=central, kind=FundKind.RELIEF, name=RELIEF)
    account = BankAccount.objects.filter(bank_bin="970436", number="0011001932418").first()
    if account is None:
        account = actions.do_create_bank_account(
            acting_user=DEMO,
            unit=central,
            fund=fund,
            bank_bin="970436",
            number="0011001932418",
            holder="MAT TRAN TO QUOC VN - BAN CUU TRO TW",
            branch="Sở giao dịch Vietcombank",
        )
    appeal = actions.do_create_appeal(
        acting_user=DEMO,
        fund=fund,
        title="Ủng hộ đồng bào khắc phục hậu quả bão số 3 (Yagi)",
        opens_on=dt.date(2024, 9, 1),
        closes_on=dt.date(2024, 11, 29),
        account=account,
        purpose="Lời kêu gọi của Ủy ban Trung ương MTTQ Việt Nam ngày 7/9/2024 ủng hộ đồng bào bị thiệt hại do bão số 3.",
    )
    done.append(f"Quỹ: {fund.name}, lời kêu gọi: {appeal.title}")
    pdfs = sorted(EXAMPLE.glob("*.pdf"))
    for pdf in pdfs:
        statement = actions.do_import_statement(acting_user=DEMO, account=account, path=pdf)
        done.append(f"Sao kê {statement.file_name}: {statement.lines_added} dòng")
    if not pdfs:
        # Without the published pages beside the checkout, show the portal on a generated Vietcombank
        # export of the same account (marked as generated in its file name; written once by
        # tests/funds/statement_generators.py and kept in funds/data).
        statement = actions.do_import_statement(acting_user=DEMO, account=account, path=GENERATED)
        done.append(f"Sao kê mẫu (sinh tự động) {statement.file_name}: {statement.lines_added} dòng")
    for name, amount, kind in (
        ("Tập đoàn Điện lực Việt Nam", 50_000_000_000, "organisation"),
        ("Nguyễn Văn A", 2_000_000, "person"),
        ("", 500_000, "anonymous"),
    ):
        actions.do_record_receipt(
            acting_user=DEMO,
            fund=fund,
            appeal=appeal,
            method="cash",
            donor_kind=kind,
            donor_name=name,
            amount=amount,
            received_on=dt.date(2024, 9, 9),
        )
    # Records dated before 1 July 2025 belong to the units of that time (org.history refuses them on the
    # units created that day): the 2024 transfer to the Hà Nội of 2024, Tết 2025 to phường Ngọc Lâm.
    hanoi_old = _unit("legacy", Level.PROVINCE, "01")
    ngoc_lam = _unit("legacy", Level.COMMUNE, "00133")
    bo_de = _unit("2025", Level.COMMUNE, "00118")
    if hanoi_old is not None:
        hanoi_fund = actions.do_create_fund(
            acting_user=DEMO, unit=hanoi_old, kind=FundKind.RELIEF, name="Quỹ Cứu trợ"
        )
        actions.do_transfer(
            acting_user=DEMO,
            source=fund,
            target=hanoi_fund,
            amount=20_000_000_000,
            date=dt.date(2024, 9, 12),
            description="Hỗ trợ khắc phục hậu quả bão số 3",
        )
        done.append("Điều tiết 20 tỷ đồng cho Hà Nội")
    if bo_de is not None and ngoc_lam is not None:
        former = actions.do_create_fund(
            acting_user=DEMO, unit=ngoc_lam, kind=FundKind.POOR, name="Quỹ Vì người nghèo"
        )
        actions.do_record_receipt(
            acting_user=DEMO,
            fund=former,
            method="cash",
            donor_kind="organisation",
            donor_name="Hội Doanh nhân phường Ngọc Lâm",
            amount=300_000_000,
            received_on=dt.date(2025, 1, 10),
        )
        decision = actions.do_create_decision(
            acting_user=DEMO,
            unit=ngoc_lam,
            number="05/QĐ-MTTQ",
            date=dt.date(2025, 1, 15),
            title="Tặng quà Tết hộ nghèo",
        )
        actions.do_record_disbursement(
            acting_user=DEMO,
            fund=former,
            decision=decision,
            kind="gift",
            date=dt.date(2025, 1, 20),
            description="Quà Tết Ất Tỵ cho hộ nghèo, cận nghèo",
            category="poor",
            gift_count=120,
            gift_value=500_000,
            recipient_unit=ngoc_lam,
        )
        done.append("Quỹ Vì người nghèo phường Ngọc Lâm (trước 01/07/2025): 120 suất quà")
        poor = actions.do_create_fund(
            acting_user=DEMO, unit=bo_de, kind=FundKind.POOR, name="Quỹ Vì người nghèo"
        )
        actions.do_record_receipt(
            acting_user=DEMO,
            fund=poor,
            method="cash",
            donor_kind="organisation",
            donor_name="Hội Doanh nhân phường Bồ Đề",
            amount=300_000_000,
            received_on=dt.date(2025, 7, 15),
        )
        done += _households_and_houses(bo_de, poor)
        done += _this_year(bo_de, poor)
    return done


# Invented donors of the ward's monthly receipts this year (the computed report figures show them).
DONORS = (
    ("Hội Doanh nhân phường Bồ Đề", "organisation"),
    ("Chi bộ tổ dân phố số 5", "organisation"),
    ("Trần Thị Hoa", "person"),
    ("Nguyễn Văn Hải", "person"),
    ("", "anonymous"),
)


def _this_year(unit: Unit, fund: Fund) -> list[str]:
    """Receipts in every month of this year so far and a gift round each quarter, dated from today.

    The demo reports cover this year's months; their computed figures (receipts per fund, gifts and
    their value) come from these records, so the demo shows real numbers rather than zeros.
    """
    from django.utils import timezone

    today = timezone.localdate()
    months = range(1, today.month) if today.month > 1 else range(1, 13)
    year = today.year if today.month > 1 else today.year - 1
    receipts = gifts = 0
    for month in months:
        for index in range(2):
            name, kind = DONORS[(month + index) % len(DONORS)]
            actions.do_record_receipt(
                acting_user=DEMO, fund=fund, method="cash", donor_kind=kind,
                donor_name=name, amount=(5 + (month * 7 + index * 3) % 20) * 1_000_000,
                received_on=dt.date(year, month, 5 + index * 10),
            )  # fmt: skip
            receipts += 1
        if month % 3 == 1:
            decision = actions.do_create_decision(
                acting_user=DEMO, unit=unit, number=f"{20 + month}/QĐ-MTTQ", date=dt.date(year, month, 18),
                title=f"Tặng quà hộ nghèo, cận nghèo quý {(month - 1) // 3 + 1} năm {year}",
            )  # fmt: skip
            count = 30 + month * 2
            actions.do_record_disbursement(
                acting_user=DEMO, fund=fund, decision=decision, kind="gift", date=dt.date(year, month, 22),
                description=f"Quà hộ nghèo, cận nghèo quý {(month - 1) // 3 + 1}", category="poor",
                gift_count=count, gift_value=500_000, recipient_unit=unit,
            )  # fmt: skip
            gifts += count
    return [f"Năm {year}: {receipts} khoản thu và {gifts} suất quà của Quỹ Vì người nghèo phường Bồ Đề"]


# Invented households (names, addresses) for the demo of the beneficiary list and the house pages.
HOUSEHOLDS = (
    ("Nguyễn Thị Hồng", "poor", 3, "Ngõ 12 Bồ Đề"),
    ("Trần Văn Lực", "poor", 5, "Ngõ 34 Ngọc Lâm"),
    ("Lê Thị Mận", "near_poor", 2, "Số 8 ngách 2 ngõ 91 Nguyễn Sơn"),
    ("Phạm Văn Toàn", "policy", 4, "Ngõ 65 Ngọc Lâm"),
    ("Đỗ Thị Thu", "near_poor", 3, "Số 21 ngõ 72 Bồ Đề"),
    ("Hoàng Văn Bình", "disaster", 6, "Ven đê Long Biên"),
)


def _households_and_houses(unit: Unit, fund: Fund) -> list[str]:
    """Households of the ward's residential areas, a named gift round, one house built and one repaired."""
    areas = list(
        Unit.objects.filter(parent=unit, level__code=Level.RESIDENTIAL, valid_to__isnull=True).order_by(
            "code"
        )
    )
    homes = [
        actions.do_add_beneficiary(
            acting_user=DEMO, unit=unit, head_name=name, category=category, members=members, address=address,
            area=areas[index % len(areas)] if areas else None,
        )
        for index, (name, category, members, address) in enumerate(HOUSEHOLDS)
    ]  # fmt: skip
    decision = actions.do_create_decision(
        acting_user=DEMO, unit=unit, number="12/QĐ-MTTQ", date=dt.date(2025, 8, 4),
        title="Hỗ trợ xây mới, sửa chữa nhà Đại đoàn kết năm 2025",
    )  # fmt: skip
    actions.do_record_disbursement(
        acting_user=DEMO, fund=fund, decision=decision, kind="gift", date=dt.date(2025, 8, 8),
        description="Quà hộ nghèo, cận nghèo tháng 8", category="poor", gift_count=4, gift_value=1_000_000,
        beneficiaries=[home for home in homes if home.category in ("poor", "near_poor")],
    )  # fmt: skip
    built = actions.do_record_disbursement(
        acting_user=DEMO, fund=fund, decision=decision, kind="house", date=dt.date(2025, 8, 11),
        description="Xây mới nhà Đại đoàn kết hộ ông Trần Văn Lực", category="poor", amount=80_000_000,
        house_work="build", beneficiary=homes[1],
    )  # fmt: skip
    for stage, day, percent in (
        ("started", dt.date(2025, 8, 15), 10),
        ("foundation", dt.date(2025, 9, 2), 30),
        ("walls", dt.date(2025, 9, 25), 60),
        ("roof", dt.date(2025, 10, 20), 85),
        ("finished", dt.date(2025, 11, 10), 100),
        ("handed_over", dt.date(2025, 11, 18), 100),
    ):
        actions.do_record_house_progress(
            acting_user=DEMO, disbursement=built, stage=stage, date=day, percent=percent
        )
    repaired = actions.do_record_disbursement(
        acting_user=DEMO, fund=fund, decision=decision, kind="house", date=dt.date(2025, 8, 11),
        description="Sửa chữa nhà hộ ông Hoàng Văn Bình sau bão", category="disaster", amount=40_000_000,
        house_work="repair", beneficiary=homes[5],
    )  # fmt: skip
    actions.do_record_house_progress(
        acting_user=DEMO, disbursement=repaired, stage="started", date=dt.date(2025, 8, 20), percent=20
    )
    return [
        f"{len(homes)} hộ được hỗ trợ, 1 nhà Đại đoàn kết đã bàn giao, 1 nhà đang sửa chữa (Phường Bồ Đề)"
    ]
