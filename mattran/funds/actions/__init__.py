"""Every change to funds: funds, accounts, appeals, ledger postings, receipts, disbursements.

Each ``do_*`` function is atomic, validates before writing, writes an audit entry and raises
ActionError (changing nothing) on bad input. Postings lock the fund row (``select_for_update``) so the
stored balance and the sum of entries move together; transfers lock both funds in id order.

One module per topic; this package re-exports them, so ``from mattran.funds import actions`` and
``actions.do_record_receipt(...)`` work as before.
"""

from __future__ import annotations

from .beneficiaries import do_add_beneficiary, do_import_beneficiaries, household_key
from .common import MAX_AMOUNT, MAX_GIFTS
from .disbursements import do_create_decision, do_record_disbursement, do_record_house_progress
from .funds import do_create_appeal, do_create_bank_account, do_create_fund, qr_message_for
from .ledger import do_post_entry, do_reverse_entry
from .receipts import do_cancel_receipt, do_reconcile_account, do_record_receipt
from .statements import (
    do_create_statement,
    do_import_statement,
    do_requeue_statement,
    do_upload_statement,
    start_statement_import,
)
from .transfers import do_transfer

__all__ = [
    "MAX_AMOUNT",
    "MAX_GIFTS",
    "do_add_beneficiary",
    "do_cancel_receipt",
    "do_create_appeal",
    "do_create_bank_account",
    "do_create_decision",
    "do_create_fund",
    "do_create_statement",
    "do_import_statement",
    "do_import_beneficiaries",
    "do_post_entry",
    "do_reconcile_account",
    "do_record_disbursement",
    "do_record_house_progress",
    "do_record_receipt",
    "do_requeue_statement",
    "do_reverse_entry",
    "do_transfer",
    "do_upload_statement",
    "household_key",
    "qr_message_for",
    "start_statement_import",
]
