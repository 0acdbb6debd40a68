"""Reading bank statements (sao kê) of the accounts that receive donations.

Pure Python, no Django: ``open_statement(path)`` detects the layout and streams ``StatementLine``
objects; ``BalanceChecker`` checks printed balances on the way. Realistic files of every layout, for tests and
benchmarks, come from ``tests/funds/statement_generators.py``.
"""

from .balance import BalanceChecker, BalanceMismatch, BalanceReport, check_balances
from .model import (
    AmountError,
    CorruptFileError,
    EncryptedFileError,
    StatementError,
    StatementHeader,
    StatementLine,
    WrongLayoutError,
)
from .registry import Layout, Statement, all_layouts, detect_layout, get_layout, open_statement, register

__all__ = [
    "AmountError",
    "BalanceChecker",
    "BalanceMismatch",
    "BalanceReport",
    "CorruptFileError",
    "EncryptedFileError",
    "Layout",
    "Statement",
    "StatementError",
    "StatementHeader",
    "StatementLine",
    "WrongLayoutError",
    "all_layouts",
    "check_balances",
    "detect_layout",
    "get_layout",
    "open_statement",
    "register",
]
