"""Every change to funds: funds, accounts, appeals, ledger postings, receipts, disbursements.

Each ``do_*`` function is atomic, validates before writing, writes an audit entry and raises
ActionError (changing nothing) on bad input. Postings lock the fund row (``select_for_update``) so the
stored balance and the sum of entries move together; transfers lock both funds in id order.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.text import fold, format_money, nfc, vi
from mattran.org.models import Unit
from mattran.org.queries import is_in_subtree, subtree_ids

from . import banks
from .models import (
    STAGE_ORDER,
    STAGE_PERCENT,
    Appeal,
    BankAccount,
    BankStatement,
    Beneficiary,
    BeneficiaryCategory,
    Decision,
    Disbursement,
    DisbursementKind,
    DisbursementShare,
    DonorKind,
    EntryKind,
    Fund,
    FundKind,
    HouseProgress,
    HouseStage,
    HouseWork,
    LedgerEntry,
    Receipt,
    ReceiptCounter,
    ReceiptMethod,
    StatementStatus,
)

MAX_AMOUNT = 10**15  # a thousand trillion đồng: anything larger is a typing error
MAX_GIFTS = 10_000_000  # more suất in one disbursement than any appeal has given: a typing error


def _amount(value: object, field: str = "amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ActionError(_("Số tiền phải là số nguyên đồng."), field=field)
    if value <= 0:
        raise ActionError(_("Số tiền phải lớn hơn 0."), field=field)
    if value > MAX_AMOUNT:
        raise ActionError(_("Số tiền quá lớn."), field=field)
    return value


def _text(value: str, field: str, *, required: bool = True, max_length: int = 300) -> str:
    text = nfc(value or "")
    if required and not text:
        raise ActionError(_("Không được để trống."), field=field)
    if len(text) > max_length:
        raise ActionError(_("Tối đa %(count)s ký tự.") % {"count": max_length}, field=field)
    return text


def _open_unit(unit: Unit) -> None:
    if unit.valid_to is not None:
        raise ActionError(_("Đơn vị đã giải thể hoặc sáp nhập, không ghi sổ được."), field="unit")


# --- funds, accounts, appeals ------------------------------------------------------------------------


@transaction.atomic
def do_create_fund(*, acting_user, unit: Unit, kind: str, name: str = "", public: bool = True) -> Fund:
    """Open a fund of a unit."""
    _open_unit(unit)
    if kind not in FundKind.values:
        raise ActionError(_("Loại quỹ không hợp lệ."), field="kind")
    name = _text(name, "name", required=False, max_length=200) or f"Quỹ {vi(FundKind(kind).label)}"
    if Fund.objects.filter(unit=unit, name=name).exists():
        raise ActionError(_("Đơn vị đã có quỹ cùng tên."), field="name", status=409, code="conflict")
    fund = Fund.objects.create(unit=unit, kind=kind, name=name, public=public, province_key=unit.province_key)
    audit.record("funds.create_fund", actor=acting_user, unit=unit, obj=fund, after=audit.snapshot(fund))
    return fund


@transaction.atomic
def do_create_bank_account(
    *,
    acting_user,
    unit: Unit,
    bank_bin: str,
    number: str,
    holder: str,
    fund: Fund | None = None,
    branch: str = "",
    public: bool = True,
) -> BankAccount:
    """Register a bank account of a unit (bank chosen by its BIN)."""
    _open_unit(unit)
    if banks.bank_by_bin(bank_bin) is None:
        raise ActionError(_("Chọn ngân hàng trong danh sách."), field="bank_bin")
    number = "".join((number or "").split())
    if not number.isdigit() or not 6 <= len(number) <= 19:
        raise ActionError(_("Số tài khoản gồm 6–19 chữ số."), field="number")
    holder = _text(holder, "holder", max_length=200)
    if fund is not None and fund.unit_id != unit.pk:
        raise ActionError(_("Quỹ không thuộc đơn vị này."), field="fund")
    if BankAccount.objects.filter(bank_bin=bank_bin, number=number).exists():
        raise ActionError(_("Tài khoản này đã được khai báo."), field="number", status=409, code="conflict")
    account = BankAccount.objects.create(
        unit=unit,
        fund=fund,
        bank_bin=bank_bin,
        number=number,
        holder=holder,
        branch=_text(branch, "branch", required=False, max_length=200),
        public=public,
        province_key=unit.province_key,
    )
    audit.record(
        "funds.create_account", actor=acting_user, unit=unit, obj=account, after=audit.snapshot(account)
    )
    return account


def qr_message_for(title: str) -> str:
    """Return a short upper-case ASCII transfer message for an appeal, as banks accept it."""
    from .vietqr import ascii_message

    message = ascii_message(title)
    return (message if message.startswith("UNG HO") else f"UNG HO {message}")[:50]


@transaction.atomic
def do_create_appeal(
    *,
    acting_user,
    fund: Fund,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    account: BankAccount | None = None,
    purpose: str = "",
    qr_message: str = "",
) -> Appeal:
    """Open a relief appeal on a fund; a receiving period past 90 days is allowed but flagged."""
    from .vietqr import ascii_message

    _open_unit(fund.unit)
    title = _text(title, "title")
    if closes_on < opens_on:
        raise ActionError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="closes_on")
    if account is not None and account.unit_id != fund.unit_id:
        raise ActionError(_("Tài khoản không thuộc đơn vị của quỹ."), field="account")
    message = ascii_message(qr_message)[:50] if qr_message else qr_message_for(title)
    appeal = Appeal.objects.create(
        fund=fund,
        title=title,
        purpose=_text(purpose, "purpose", required=False, max_length=5000),
        opens_on=opens_on,
        closes_on=closes_on,
        account=account,
        qr_message=message,
    )
    audit.record(
        "funds.create_appeal", actor=acting_user, unit=fund.unit, obj=appeal, after=audit.snapshot(appeal)
    )
    return appeal


# --- ledger ------------------------------------------------------------------------------------------


def _lock(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _post(
    fund: Fund,
    *,
    amount: int,
    kind: str,
    date: dt.date,
    description: str,
    acting_user,
    appeal: Appeal | None = None,
    reverses: LedgerEntry | None = None,
    group: uuid.UUID | None = None,
) -> LedgerEntry:
    """Append an entry to a locked fund and move its balance by the same amount."""
    if fund.balance + amount < 0:
        raise ActionError(
            _("Số dư quỹ %(fund)s (%(balance)s) không đủ.")
            % {"fund": fund.name, "balance": format_money(fund.balance)},
            field="amount",
            code="insufficient",
        )
    entry = LedgerEntry.objects.create(
        fund=fund,
        kind=kind,
        amount=amount,
        date=date,
        description=description,
        appeal=appeal,
        reverses=reverses,
        transfer_group=group,
        province_key=fund.province_key,
        posted_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    Fund.objects.filter(pk=fund.pk).update(balance=F("balance") + amount)
    fund.balance += amount
    return entry


def _check_appeal(fund: Fund, appeal: Appeal | None) -> None:
    if appeal is not None and appeal.fund_id != fund.pk:
        raise ActionError(_("Lời kêu gọi không thuộc quỹ này."), field="appeal")


@transaction.atomic
def do_post_entry(
    *,
    acting_user,
    fund: Fund,
    kind: str,
    amount: int,
    date: dt.date,
    description: str,
    appeal: Appeal | None = None,
) -> LedgerEntry:
    """Post a plain receipt, disbursement or opening balance; ``amount`` is positive, the kind signs it."""
    signs = {EntryKind.RECEIPT: 1, EntryKind.OPENING: 1, EntryKind.DISBURSEMENT: -1}
    if kind not in signs:
        raise ActionError(_("Loại bút toán không hợp lệ."), field="kind")
    amount = _amount(amount)
    description = _text(description, "description", max_length=500)
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    _open_unit(locked.unit)
    entry = _post(
        locked,
        amount=signs[kind] * amount,
        kind=kind,
        date=date,
        description=description,
        acting_user=acting_user,
        appeal=appeal,
    )
    audit.record(
        "funds.post_entry", actor=acting_user, unit=locked.unit, obj=entry, after=audit.snapshot(entry)
    )
    fund.balance = locked.balance
    return entry


@transaction.atomic
def do_reverse_entry(
    *, acting_user, entry: LedgerEntry, reason: str, date: dt.date | None = None
) -> list[LedgerEntry]:
    """Correct a posted entry with a reversing entry (both halves of a transfer are reversed together)."""
    reason = _text(reason, "reason", max_length=300)
    entry = LedgerEntry.objects.select_related("fund").get(pk=entry.pk)
    if entry.kind == EntryKind.REVERSAL:
        raise ActionError(_("Không đảo một bút toán đảo; hãy ghi bút toán mới."), field="entry")
    originals = [entry]
    if entry.transfer_group is not None:
        originals = list(LedgerEntry.objects.filter(transfer_group=entry.transfer_group).order_by("pk"))
    funds = {
        f.pk: f
        for f in Fund.objects.select_for_update().filter(pk__in={e.fund_id for e in originals}).order_by("pk")
    }
    if LedgerEntry.objects.filter(reverses__in=originals).exists():
        raise ActionError(_("Bút toán này đã được đảo."), field="entry", status=409, code="conflict")
    day = date or dt.date.today()
    group = uuid.uuid4() if len(originals) > 1 else None
    # Credit the receiving side back first so a transfer reversal never trips the balance check.
    reversals = []
    for original in sorted(originals, key=lambda e: e.amount):
        reversals.append(
            _post(
                funds[original.fund_id],
                amount=-original.amount,
                kind=EntryKind.REVERSAL,
                date=day,
                description=f"Đảo bút toán #{original.pk}: {reason}"[:500],
                acting_user=acting_user,
                appeal=original.appeal,
                reverses=original,
                group=group,
            )
        )
    Receipt.objects.filter(entry__in=originals).update(cancelled=True)
    for reversal in reversals:
        audit.record(
            "funds.reverse_entry",
            actor=acting_user,
            unit=funds[reversal.fund_id].unit,
            obj=reversal,
            after=audit.snapshot(reversal),
            summary=reason,
        )
    return reversals


@transaction.atomic
def do_transfer(
    *,
    acting_user,
    source: Fund,
    target: Fund,
    amount: int,
    date: dt.date,
    description: str,
) -> tuple[LedgerEntry, LedgerEntry]:
    """Move money between the funds of two units on one line of the hierarchy (điều tiết), as a pair."""
    amount = _amount(amount)
    description = _text(description, "description", max_length=500)
    if source.pk == target.pk:
        raise ActionError(_("Quỹ nhận phải khác quỹ chuyển."), field="target")
    if not (is_in_subtree(target.unit_id, source.unit_id) or is_in_subtree(source.unit_id, target.unit_id)):
        raise ActionError(_("Chỉ điều tiết giữa cấp trên và cấp dưới của cùng một hệ thống."), field="target")
    locked = {
        f.pk: f for f in Fund.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    }
    src, dst = locked[source.pk], locked[target.pk]
    _open_unit(src.unit)
    _open_unit(dst.unit)
    group = uuid.uuid4()
    out = _post(
        src,
        amount=-amount,
        kind=EntryKind.TRANSFER_OUT,
        date=date,
        description=f"Điều tiết đến {dst.name} ({dst.unit}): {description}"[:500],
        acting_user=acting_user,
        group=group,
    )
    into = _post(
        dst,
        amount=amount,
        kind=EntryKind.TRANSFER_IN,
        date=date,
        description=f"Điều tiết từ {src.name} ({src.unit}): {description}"[:500],
        acting_user=acting_user,
        group=group,
    )
    audit.record("funds.transfer", actor=acting_user, unit=src.unit, obj=out, after=audit.snapshot(out))
    audit.record("funds.transfer", actor=acting_user, unit=dst.unit, obj=into, after=audit.snapshot(into))
    source.balance, target.balance = src.balance, dst.balance
    return out, into


# --- receipts ----------------------------------------------------------------------------------------


def _next_receipt_number(unit: Unit, year: int) -> int:
    ReceiptCounter.objects.get_or_create(unit=unit, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(unit=unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def do_record_receipt(
    *,
    acting_user,
    fund: Fund,
    method: str,
    donor_kind: str,
    amount: int,
    received_on: dt.date,
    donor_name: str = "",
    donor_address: str = "",
    goods: str = "",
    goods_quantity: str = "",
    note: str = "",
    appeal: Appeal | None = None,
    account: BankAccount | None = None,
) -> Receipt:
    """Record money or goods received, number its biên lai per unit and year, and post it to the fund."""
    if method not in ReceiptMethod.values:
        raise ActionError(_("Hình thức nhận không hợp lệ."), field="method")
    if donor_kind not in DonorKind.values:
        raise ActionError(_("Loại người ủng hộ không hợp lệ."), field="donor_kind")
    amount = _amount(amount)
    donor_name = _text(donor_name, "donor_name", required=donor_kind != DonorKind.ANONYMOUS, max_length=200)
    if donor_kind == DonorKind.ANONYMOUS:
        donor_name = ""
    goods = _text(goods, "goods", required=method == ReceiptMethod.IN_KIND, max_length=300)
    if method == ReceiptMethod.TRANSFER:
        if account is None:
            account = fund.accounts.first()
        if account is None:
            raise ActionError(_("Quỹ chưa có tài khoản ngân hàng để nhận chuyển khoản."), field="account")
    elif account is not None:
        raise ActionError(_("Chỉ khoản chuyển khoản mới gắn với tài khoản."), field="account")
    if account is not None and account.fund_id not in (None, fund.pk):
        raise ActionError(_("Tài khoản không thuộc quỹ này."), field="account")
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    _open_unit(locked.unit)
    year = received_on.year
    number = _next_receipt_number(locked.unit, year)
    donor = donor_name or "nhà hảo tâm ẩn danh"
    what = (
        f"hiện vật {goods} trị giá"
        if method == ReceiptMethod.IN_KIND
        else vi(ReceiptMethod(method).label).lower()
    )
    entry = _post(
        locked,
        amount=amount,
        kind=EntryKind.RECEIPT,
        date=received_on,
        description=f"Thu của {donor} ({what}), biên lai {number:04d}/{year}/BL"[:500],
        acting_user=acting_user,
        appeal=appeal,
    )
    receipt = Receipt.objects.create(
        unit=locked.unit,
        fund=locked,
        appeal=appeal,
        year=year,
        number=number,
        method=method,
        donor_kind=donor_kind,
        donor_name=donor_name,
        donor_address=_text(donor_address, "donor_address", required=False),
        amount=amount,
        goods=goods,
        goods_quantity=_text(goods_quantity, "goods_quantity", required=False, max_length=100),
        received_on=received_on,
        note=_text(note, "note", required=False, max_length=500),
        account=account,
        entry=entry,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit.record(
        "funds.record_receipt",
        actor=acting_user,
        unit=locked.unit,
        obj=receipt,
        after=audit.snapshot(receipt),
    )
    fund.balance = locked.balance
    return receipt


def do_cancel_receipt(*, acting_user, receipt: Receipt, reason: str) -> LedgerEntry:
    """Cancel a receipt by reversing its entry; the number stays used."""
    if receipt.cancelled:
        raise ActionError(_("Biên lai đã huỷ."), status=409, code="conflict")
    return do_reverse_entry(acting_user=acting_user, entry=receipt.entry, reason=reason)[0]


# --- disbursements -----------------------------------------------------------------------------------


@transaction.atomic
def do_create_decision(
    *, acting_user, unit: Unit, number: str, date: dt.date, title: str, signer: str = ""
) -> Decision:
    """Record a decision on support."""
    number = _text(number, "number", max_length=50)
    if Decision.objects.filter(unit=unit, number=number).exists():
        raise ActionError(_("Số quyết định đã có."), field="number", status=409, code="conflict")
    decision = Decision.objects.create(
        unit=unit,
        number=number,
        date=date,
        title=_text(title, "title"),
        signer=_text(signer, "signer", required=False, max_length=200),
    )
    audit.record(
        "funds.create_decision", actor=acting_user, unit=unit, obj=decision, after=audit.snapshot(decision)
    )
    return decision


def _check_area(unit: Unit, area: Unit | None) -> None:
    if area is not None and area.pk != unit.pk and not is_in_subtree(area.pk, unit.pk):
        raise ActionError(_("Khu dân cư không thuộc đơn vị."), field="area")


def household_key(head_name: str, area_id: int | None, address: str) -> tuple[str, int | None, str]:
    """What makes two households the same: folded head's name, residential area and address."""
    return fold(head_name), area_id, fold(address)


@transaction.atomic
def do_add_beneficiary(
    *,
    acting_user,
    unit: Unit,
    head_name: str,
    category: str,
    area: Unit | None = None,
    address: str = "",
    members: int | None = None,
) -> Beneficiary:
    """Add a household that may receive support."""
    if category not in BeneficiaryCategory.values:
        raise ActionError(_("Diện hộ không hợp lệ."), field="category")
    _check_area(unit, area)
    head_name = _text(head_name, "head_name", max_length=200)
    address = _text(address, "address", required=False)
    if members is not None and (isinstance(members, bool) or not 0 < members < 100):
        raise ActionError(_("Số nhân khẩu từ 1 đến 99."), field="members")
    key = household_key(head_name, area.pk if area else None, address)
    same = Beneficiary.objects.filter(unit=unit, search_name=key[0], area=area)
    if any(fold(other) == key[2] for other in same.values_list("address", flat=True)):
        raise ActionError(
            _("Hộ này đã có trong danh sách (trùng chủ hộ, khu dân cư và địa chỉ)."),
            field="head_name",
            status=409,
            code="conflict",
        )
    beneficiary = Beneficiary.objects.create(
        unit=unit, area=area, head_name=head_name, category=category, address=address, members=members
    )
    audit.record(
        "funds.add_beneficiary",
        actor=acting_user,
        unit=unit,
        obj=beneficiary,
        after=audit.snapshot(beneficiary),
    )
    return beneficiary


def _households(
    fund: Fund, beneficiary: Beneficiary | None, beneficiaries: Sequence[Beneficiary]
) -> list[Beneficiary]:
    """The distinct households a disbursement reaches, each checked to live in the fund unit's area."""
    households: dict[int, Beneficiary] = {}
    for household in [beneficiary, *beneficiaries]:
        if household is not None:
            households.setdefault(household.pk, household)
    units = {h.unit_id for h in households.values()} - {fund.unit_id}
    if units:
        inside = set(
            subtree_ids(fund.unit_id).filter(descendant_id__in=units).values_list("descendant_id", flat=True)
        )
        outside = [h for h in households.values() if h.unit_id != fund.unit_id and h.unit_id not in inside]
        if outside:
            raise ActionError(
                _("Hộ %(name)s không thuộc địa bàn của đơn vị giữ quỹ.") % {"name": outside[0].head_name},
                field="beneficiaries",
            )
    return list(households.values())


@transaction.atomic
def do_record_disbursement(
    *,
    acting_user,
    fund: Fund,
    decision: Decision,
    kind: str,
    date: dt.date,
    description: str,
    category: str,
    beneficiary: Beneficiary | None = None,
    beneficiaries: Sequence[Beneficiary] = (),
    recipient_unit: Unit | None = None,
    amount: int | None = None,
    gift_count: int | None = None,
    gift_value: int | None = None,
    house_work: str = "",
    appeal: Appeal | None = None,
) -> Disbursement:
    """Pay support from a fund under a decision: gifts (suất × value), a house, or cash.

    The households reached get one share each: one suất quà per listed household (the suất may go
    further than the list), an equal part of cash support, the whole amount of a house.
    """
    if kind not in DisbursementKind.values:
        raise ActionError(_("Hình thức hỗ trợ không hợp lệ."), field="kind")
    if category not in BeneficiaryCategory.values:
        raise ActionError(_("Diện hỗ trợ không hợp lệ."), field="category")
    if decision.unit_id != fund.unit_id:
        raise ActionError(_("Quyết định không phải của đơn vị giữ quỹ."), field="decision")
    if kind == DisbursementKind.GIFT:
        if isinstance(gift_count, bool) or not isinstance(gift_count, int) or gift_count <= 0:
            raise ActionError(_("Nhập số suất quà."), field="gift_count")
        if gift_count > MAX_GIFTS:
            raise ActionError(
                _("Tối đa %(count)s suất quà một lần chi.") % {"count": f"{MAX_GIFTS:,}".replace(",", ".")},
                field="gift_count",
            )
        gift_value = _amount(gift_value, "gift_value")
        if amount is not None and amount != gift_count * gift_value:
            raise ActionError(_("Số tiền phải bằng số suất × giá trị mỗi suất."), field="amount")
        amount = gift_count * gift_value
    else:
        gift_count = gift_value = None
    amount = _amount(amount)
    if (
        recipient_unit is not None
        and recipient_unit.pk != fund.unit_id
        and not is_in_subtree(recipient_unit.pk, fund.unit_id)
    ):
        raise ActionError(_("Nơi nhận không thuộc địa bàn của đơn vị giữ quỹ."), field="recipient_unit")
    households = _households(fund, beneficiary, beneficiaries)
    if kind == DisbursementKind.HOUSE:
        if house_work not in HouseWork.values:
            raise ActionError(_("Chọn xây mới hay sửa chữa."), field="house_work")
        if not households:
            raise ActionError(_("Nhà Đại đoàn kết phải gắn với một hộ."), field="beneficiaries")
        if len(households) > 1:
            raise ActionError(_("Mỗi nhà Đại đoàn kết gắn với đúng một hộ."), field="beneficiaries")
        shares = [(households[0], None, amount)]
    else:
        house_work = ""
        if kind == DisbursementKind.GIFT:
            if len(households) > gift_count:
                raise ActionError(
                    _("Số hộ nhận (%(households)s) nhiều hơn số suất quà (%(gifts)s).")
                    % {"households": len(households), "gifts": gift_count},
                    field="beneficiaries",
                )
            shares = [(h, 1, gift_value) for h in households]
        else:
            if households and amount % len(households):
                raise ActionError(
                    _("Số tiền %(amount)s không chia đều được cho %(households)s hộ.")
                    % {"amount": format_money(amount), "households": len(households)},
                    field="amount",
                )
            shares = [(h, None, amount // len(households)) for h in households]
    single = households[0] if len(households) == 1 else None
    if single is not None:
        category = single.category
    description = _text(description, "description", max_length=500)
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    _open_unit(locked.unit)
    entry = _post(
        locked,
        amount=-amount,
        kind=EntryKind.DISBURSEMENT,
        date=date,
        description=f"{description} (QĐ {decision.number})"[:500],
        acting_user=acting_user,
        appeal=appeal,
    )
    disbursement = Disbursement.objects.create(
        fund=locked,
        appeal=appeal,
        decision=decision,
        kind=kind,
        beneficiary=single,
        recipient_unit=recipient_unit or (single.area if single else None),
        category=category,
        gift_count=gift_count,
        gift_value=gift_value,
        house_work=house_work,
        house_progress=0 if kind == DisbursementKind.HOUSE else None,
        amount=amount,
        date=date,
        description=description,
        entry=entry,
    )
    DisbursementShare.objects.bulk_create(
        DisbursementShare(disbursement=disbursement, beneficiary=h, gift_count=n, amount=value)
        for h, n, value in shares
    )
    audit.record(
        "funds.record_disbursement",
        actor=acting_user,
        unit=locked.unit,
        obj=disbursement,
        after={**audit.snapshot(disbursement), "households": [h.pk for h in households]},
    )
    fund.balance = locked.balance
    return disbursement


@transaction.atomic
def do_record_house_progress(
    *,
    acting_user,
    disbursement: Disbursement,
    stage: str,
    date: dt.date,
    percent: int | None = None,
    note: str = "",
) -> HouseProgress:
    """Append a step of a house's building or repair; the hand-over step dates its hand-over.

    Progress only moves forward: the stage never goes back, the percentage never falls, the day is not
    before the last step's nor after today, and nothing follows the hand-over.
    """
    house = Disbursement.objects.select_for_update().select_related("fund__unit").get(pk=disbursement.pk)
    if house.kind != DisbursementKind.HOUSE:
        raise ActionError(_("Khoản chi này không phải nhà Đại đoàn kết."), field="disbursement")
    if LedgerEntry.objects.filter(reverses_id=house.entry_id).exists():
        raise ActionError(_("Khoản chi đã bị đảo (huỷ), không ghi tiến độ."), status=409, code="conflict")
    if house.handed_over_on is not None:
        raise ActionError(
            _("Nhà đã bàn giao ngày %(date)s.") % {"date": f"{house.handed_over_on:%d/%m/%Y}"},
            status=409,
            code="conflict",
        )
    if stage not in HouseStage.values:
        raise ActionError(_("Chọn giai đoạn."), field="stage")
    current = house.house_progress or 0
    if percent is None:
        percent = max(STAGE_PERCENT[stage], current)
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ActionError(_("Tiến độ từ 0 đến 100%."), field="percent")
    if stage in (HouseStage.FINISHED, HouseStage.HANDED_OVER) and percent != 100:
        raise ActionError(_("Hoàn thành hoặc bàn giao thì tiến độ là 100%."), field="percent")
    if percent < current:
        raise ActionError(
            _("Tiến độ không thấp hơn lần trước (%(percent)s%%).") % {"percent": current}, field="percent"
        )
    if house.house_stage and STAGE_ORDER[stage] < STAGE_ORDER[house.house_stage]:
        raise ActionError(
            _("Nhà đã ở giai đoạn “%(stage)s”, không lùi lại.")
            % {"stage": HouseStage(house.house_stage).label},
            field="stage",
        )
    if date > timezone.localdate():
        raise ActionError(_("Ngày chưa tới."), field="date")
    last = house.progress_updates.order_by("-date", "-id").values_list("date", flat=True).first()
    if last is not None and date < last:
        raise ActionError(
            _("Ngày không trước lần ghi trước (%(date)s).") % {"date": f"{last:%d/%m/%Y}"}, field="date"
        )
    note = _text(note, "note", required=False, max_length=500)
    before = audit.snapshot(house, ["house_progress", "house_stage", "handed_over_on"])
    step = HouseProgress.objects.create(
        disbursement=house,
        stage=stage,
        percent=percent,
        date=date,
        note=note,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    house.house_progress = percent
    house.house_stage = stage
    if stage == HouseStage.HANDED_OVER:
        house.handed_over_on = date
    house.save(update_fields=["house_progress", "house_stage", "handed_over_on"])
    audit.record(
        "funds.record_house_progress",
        actor=acting_user,
        unit=house.fund.unit,
        obj=house,
        before=before,
        after={
            **audit.snapshot(house, ["house_progress", "house_stage", "handed_over_on"]),
            "note": note,
            "date": date,
        },
        summary=f"{vi(HouseStage(stage).label)} {percent}%",
    )
    disbursement.house_progress, disbursement.house_stage = house.house_progress, house.house_stage
    disbursement.handed_over_on = house.handed_over_on
    return step


# --- bank statement uploads --------------------------------------------------------------------------


def start_statement_import(statement, *, acting_user) -> None:
    """Queue the import as a background task (the page and the API poll its progress).

    With the database backend the task row commits with the caller's transaction and `mattran db_worker`
    runs it; with MATTRAN_TASKS=immediate it runs here and now.
    """
    from .tasks import import_statement

    import_statement.enqueue(statement.pk, getattr(acting_user, "pk", None))


@transaction.atomic
def do_requeue_statement(*, acting_user, statement) -> None:
    """Queue a stalled statement import again.

    Stalled (``importing.stalled_since``): queued but taken by no run (no worker was running, or its
    task was lost), or running but silent for minutes (the worker was killed mid-import: its transaction
    died with it, so none of its lines was kept). A run still in hand is refused. Queuing twice is
    harmless: one run claims the import, another finds it taken or done, and a line is never counted
    twice (one per account and fingerprint).
    """
    from .importing import stalled_since

    statement = BankStatement.objects.select_for_update().select_related("account__unit").get(pk=statement.pk)
    if statement.status not in (StatementStatus.PENDING, StatementStatus.RUNNING):
        raise ActionError(_("Sao kê này không còn chờ nhập."), status=409, code="conflict")
    since = stalled_since(statement)
    if since is None:
        if statement.status == StatementStatus.RUNNING:
            raise ActionError(
                _("Sao kê này đang được nhập và vẫn báo tiến độ; chưa thể nhập lại."),
                status=409,
                code="conflict",
            )
        raise ActionError(
            _("Sao kê này vừa được xếp vào hàng đợi; hãy chờ thêm."), status=409, code="conflict"
        )
    was = statement.status
    statement.status = StatementStatus.PENDING
    statement.queued_at = timezone.now()
    statement.save(update_fields=["status", "queued_at"])
    audit.record(
        "funds.requeue_statement",
        actor=acting_user,
        unit=statement.account.unit,
        obj=statement,
        summary=(
            f"Nhập lại: lần nhập dừng từ {timezone.localtime(since):%H:%M %d/%m/%Y}"
            if was == StatementStatus.RUNNING
            else "Xếp lại vào hàng đợi"
        ),
    )
    start_statement_import(statement, acting_user=acting_user)


def do_upload_statement(*, acting_user, account: BankAccount, upload: UploadedFile):
    """Keep an uploaded statement file, register it on the account and start importing it."""
    from .importing import do_create_statement

    # The layout is recognised from the content, not the name: any file may be tried, and a wrong one
    # ends as a failed import with its report, like on the page.
    name = Path(nfc(upload.name or "")).name or "sao-ke"
    suffix = Path(name).suffix.lower()[:10]
    if not upload.size:
        raise ActionError(_("Tệp rỗng."), field="file")
    folder = Path(settings.MEDIA_ROOT) / "statements"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=suffix) as out:
        for chunk in upload.chunks():
            out.write(chunk)
    statement = do_create_statement(acting_user=acting_user, account=account, path=out.name, file_name=name)
    start_statement_import(statement, acting_user=acting_user)
    return statement


# --- reconciliation ----------------------------------------------------------------------------------


@transaction.atomic
def do_reconcile_account(*, acting_user, account: BankAccount) -> int:
    """Match the account's unmatched transfer receipts to statement lines; return how many matched."""
    from .queries import match_receipt, unmatched_receipts

    matched = 0
    for receipt in unmatched_receipts(account).select_for_update():
        line = match_receipt(receipt)
        if line is not None:
            receipt.statement_line = line
            receipt.save(update_fields=["statement_line"])
            matched += 1
    audit.record(
        "funds.reconcile", actor=acting_user, unit=account.unit, obj=account, summary=f"{matched} khoản khớp"
    )
    return matched
