"""Funds, their ledger, receipts, disbursements, bank accounts and imported bank statements.

Invariants (checked by ``mattran check-ledger``):
- a ledger entry never changes or disappears once posted; a correction is a reversing entry;
- ``Fund.balance`` equals the sum of the fund's entries; both move in one transaction;
- a transfer (điều tiết) is two entries with the same ``transfer_group``, posted together.

One module per topic: ``ledger`` (funds, bank accounts, appeals, entries, receipts), ``support``
(beneficiaries, decisions, disbursements, houses), ``statements`` (bank statements and their lines).
"""

from __future__ import annotations

from .ledger import (
    ALLOCATION_DAYS,
    MAX_RECEIVING_DAYS,
    Appeal,
    BankAccount,
    DonorKind,
    EntryKind,
    Fund,
    FundKind,
    ImmutableEntryError,
    LedgerEntry,
    LedgerEntryQuerySet,
    Receipt,
    ReceiptCounter,
    ReceiptMethod,
)
from .statements import (
    BankStatement,
    StatementLine,
    StatementStatus,
)
from .support import (
    STAGE_ORDER,
    STAGE_PERCENT,
    Beneficiary,
    BeneficiaryCategory,
    BeneficiaryQuerySet,
    Decision,
    Disbursement,
    DisbursementKind,
    DisbursementQuerySet,
    DisbursementShare,
    HouseProgress,
    HouseStage,
    HouseState,
    HouseWork,
)

__all__ = [
    "ALLOCATION_DAYS",
    "Appeal",
    "BankAccount",
    "BankStatement",
    "Beneficiary",
    "BeneficiaryCategory",
    "BeneficiaryQuerySet",
    "Decision",
    "Disbursement",
    "DisbursementKind",
    "DisbursementQuerySet",
    "DisbursementShare",
    "DonorKind",
    "EntryKind",
    "Fund",
    "FundKind",
    "HouseProgress",
    "HouseStage",
    "HouseState",
    "HouseWork",
    "ImmutableEntryError",
    "LedgerEntry",
    "LedgerEntryQuerySet",
    "MAX_RECEIVING_DAYS",
    "Receipt",
    "ReceiptCounter",
    "ReceiptMethod",
    "STAGE_ORDER",
    "STAGE_PERCENT",
    "StatementLine",
    "StatementStatus",
]
