"""Funds fixtures: a fund per level of the tree and a Vietcombank account, created through the actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from mattran.funds import actions
from mattran.funds.models import BankAccount, Fund, FundKind
from tests.conftest import SYSTEM

EXAMPLE_PDF = (
    Path(__file__).resolve().parents[2].parent
    / "shared/examples/statements/vietcombank-0011001932418-2024-09-01_10-pages-1-3.pdf"
)
DAY = dt.date(2024, 9, 5)


@dataclass
class Funds:
    central: Fund
    district: Fund
    commune: Fund
    sibling: Fund
    other: Fund
    account: BankAccount


@pytest.fixture
def funds(tree) -> Funds:
    def fund(unit, name="Quỹ Cứu trợ"):
        return actions.do_create_fund(acting_user=SYSTEM, unit=unit, kind=FundKind.RELIEF, name=name)

    central = fund(tree.central)
    account = actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.central,
        fund=central,
        bank_bin="970436",
        number="0011001932418",
        holder="MAT TRAN TO QUOC VN - BAN CUU TRO TW",
    )
    return Funds(
        central=central,
        district=fund(tree.district),
        commune=fund(tree.commune),
        sibling=fund(tree.sibling),
        other=fund(tree.other_commune),
        account=account,
    )
