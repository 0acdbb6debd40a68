"""VietinBank CSV/XLSX export: date and time, description, debit, credit, balance, counterparty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import StatementHeader, StatementLine
from ..registry import FileHead, Layout, register
from ..tabular import Column, TableSpec, parse_table

SPEC = TableSpec(
    name="vietinbank",
    bank="CTG",
    bank_title="VietinBank",
    columns=(
        Column("no", ("STT",)),
        Column("date", ("Ngày giao dịch",)),
        Column("reference", ("Số giao dịch", "Số bút toán")),
        Column("description", ("Mô tả giao dịch",)),
        Column("debit", ("Nợ", "Ghi nợ")),
        Column("credit", ("Có", "Ghi có")),
        Column("balance", ("Số dư",)),
        Column("counterparty", ("Tên đối ứng", "Tên tài khoản đối ứng")),
        Column("counterparty_account", ("Số TK đối ứng", "Tài khoản đối ứng")),
        Column("counterparty_bank", ("Ngân hàng đối ứng",)),
    ),
    # VietinBank prints 1,000,000 with commas.
    thousands=",",
)


def sniff(head: FileHead) -> bool:
    """Recognise the export by its header row."""
    return SPEC.sniff(head)


def parse(path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
    """Stream the transactions of a VietinBank CSV/XLSX export."""
    return parse_table(path, SPEC, header=header)


LAYOUT = register(
    Layout(
        name=SPEC.name,
        bank=SPEC.bank,
        title="VietinBank – CSV/Excel",
        kinds=frozenset({"csv", "xlsx"}),
        sniff=sniff,
        parse=parse,
        columns=tuple(column.title for column in SPEC.columns),
    )
)
