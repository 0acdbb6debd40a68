"""Every funds action, ready to be called by an actor without the permission
(tests/core/test_every_action_authorises.py): the funds, money, decisions and households it needs are made by
the system actor of the tests on the commune of the test tree; the call is refused for an editor of another
province, an anonymous user and no actor at all, and changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mattran.funds import actions
from mattran.funds.models import BankAccount, BankStatement, Fund, FundKind, StatementStatus
from tests.conftest import SYSTEM
from tests.funds.helpers import DAY, decision, fill, house, household, sheet
from tests.funds.statement_generators import Options, generate

Call = Callable[[Any], object]


def _fund(w: Any) -> Fund:
    """The commune's poor fund with money in it."""
    fund = actions.do_create_fund(acting_user=SYSTEM, unit=w.tree.commune, kind=FundKind.POOR)
    fill(fund)
    return fund


def _account(w: Any) -> BankAccount:
    return actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=w.tree.commune,
        fund=_fund(w),
        bank_bin="970436",
        number="0011001932418",
        holder="UBMTTQ XA AN",
    )


def _appeal(w: Any) -> Call:
    fund = _fund(w)
    return lambda actor: actions.do_create_appeal(
        acting_user=actor, fund=fund, title="Ủng hộ đồng bào lũ lụt", opens_on=DAY, closes_on=DAY
    )


def _post(w: Any) -> Call:
    fund = _fund(w)
    return lambda actor: actions.do_post_entry(
        acting_user=actor, fund=fund, kind="disbursement", amount=1_000_000, date=DAY, description="Chi"
    )


def _reconcile(w: Any) -> Call:
    account = _account(w)
    return lambda actor: actions.do_reconcile_account(acting_user=actor, account=account)


def _receipt(w: Any) -> Call:
    fund = _fund(w)
    return lambda actor: actions.do_record_receipt(
        acting_user=actor, fund=fund, method="cash", donor_kind="person", donor_name="Nguyễn Văn An",
        amount=2_000_000, received_on=DAY,
    )  # fmt: skip


def _cancel(w: Any) -> Call:
    fund = _fund(w)
    receipt = fund.receipts.get()
    return lambda actor: actions.do_cancel_receipt(acting_user=actor, receipt=receipt, reason="Ghi nhầm")


def _reverse(w: Any) -> Call:
    fund = _fund(w)
    entry = actions.do_post_entry(
        acting_user=SYSTEM,
        fund=fund,
        kind="disbursement",
        amount=1_000_000,
        date=DAY,
        description="Chi hỗ trợ",
    )
    return lambda actor: actions.do_reverse_entry(acting_user=actor, entry=entry, reason="Ghi nhầm")


def _transfer(w: Any) -> Call:
    source = _fund(w)
    target = actions.do_create_fund(acting_user=SYSTEM, unit=w.tree.district, kind=FundKind.POOR)
    return lambda actor: actions.do_transfer(
        acting_user=actor, source=source, target=target, amount=1_000_000, date=DAY, description="Điều tiết"
    )


def _disburse(w: Any) -> Call:
    fund = _fund(w)
    dec = decision(w.tree.commune)
    return lambda actor: actions.do_record_disbursement(
        acting_user=actor, fund=fund, decision=dec, kind="gift", date=DAY, description="Quà Tết",
        category="poor", gift_count=10, gift_value=500_000,
    )  # fmt: skip


def _house_progress(w: Any) -> Call:
    fund = _fund(w)
    built = house(fund, decision(w.tree.commune), household(w.tree.commune, "Trần Văn Bình"))
    return lambda actor: actions.do_record_house_progress(
        acting_user=actor, disbursement=built, stage="started", date=DAY + dt.timedelta(days=1), percent=10
    )


def _requeue(w: Any) -> Call:
    account = _account(w)
    statement = BankStatement.objects.create(
        account=account, file_name="sao-ke.pdf", status=StatementStatus.PENDING, queued_at=timezone.now()
    )
    return lambda actor: actions.do_requeue_statement(acting_user=actor, statement=statement)


def _upload(w: Any) -> Call:
    account = _account(w)

    def call(actor: Any) -> object:
        upload = SimpleUploadedFile("sao-ke.pdf", b"%PDF-1.4\n" + b"x" * 100, content_type="application/pdf")
        return actions.do_upload_statement(acting_user=actor, account=account, upload=upload)

    return call


def _import_households(w: Any) -> Call:
    data = sheet([["Lê Thị Hoa", "Hộ nghèo", "", "Số 5", 3]])
    return lambda actor: actions.do_import_beneficiaries(acting_user=actor, unit=w.tree.commune, data=data)


# statements


def _statement_file() -> Path:
    """A real statement file (a small generated Vietcombank CSV export) in a folder of its own."""
    path = Path(tempfile.mkdtemp(prefix="mattran-cases-")) / "sao-ke.csv"
    generate("vcb_table", path, Options(seed=5, lines=6, collect=False))
    return path


def _create_statement(w: Any) -> Call:
    account, path = _account(w), _statement_file()
    return lambda actor: actions.do_create_statement(acting_user=actor, account=account, path=path)


def _import_statement(w: Any) -> Call:
    account, path = _account(w), _statement_file()
    return lambda actor: actions.do_import_statement(acting_user=actor, account=account, path=path)


CASES: dict[str, Callable[[Any], Call]] = {
    # --- funds, accounts, appeals ---
    "do_create_fund": lambda w: (
        lambda actor: actions.do_create_fund(acting_user=actor, unit=w.tree.commune, kind=FundKind.RELIEF)
    ),
    "do_create_bank_account": lambda w: (
        lambda actor: actions.do_create_bank_account(
            acting_user=actor,
            unit=w.tree.commune,
            bank_bin="970436",
            number="0011001932418",
            holder="UBMTTQ XA AN",
        )
    ),
    "do_create_appeal": _appeal,
    # --- ledger, receipts, transfers ---
    "do_post_entry": _post,
    "do_reverse_entry": _reverse,
    "do_record_receipt": _receipt,
    "do_cancel_receipt": _cancel,
    "do_reconcile_account": _reconcile,
    "do_transfer": _transfer,
    # --- support: decisions, households, disbursements, houses ---
    "do_create_decision": lambda w: (
        lambda actor: actions.do_create_decision(
            acting_user=actor, unit=w.tree.commune, number="12/QĐ-MTTQ", date=DAY, title="Hỗ trợ hộ nghèo"
        )
    ),
    "do_add_beneficiary": lambda w: (
        lambda actor: actions.do_add_beneficiary(
            acting_user=actor, unit=w.tree.commune, head_name="Lê Thị Hoa", category="poor"
        )
    ),
    "do_import_beneficiaries": _import_households,
    "do_record_disbursement": _disburse,
    "do_record_house_progress": _house_progress,
    # --- bank statements (uploads and their queue) ---
    "do_upload_statement": _upload,
    "do_requeue_statement": _requeue,
    # statements
    "do_create_statement": _create_statement,
    "do_import_statement": _import_statement,
}
