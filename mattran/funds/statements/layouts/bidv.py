"""BIDV CSV/XLSX export: effective date, reference, debit, credit, balance, counterparty, description."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import StatementHeader, StatementLine
from ..registry import FileHead, Layout, register
from ..tabular import Column, TableSpec, parse_table

SPEC = TableSpec(
    name="bidv",
    bank="BIDV",
    bank_title="BIDV",
    columns=(
        Column("no", ("STT",)),
        Column("date", ("Ngày hiệu lực", "Ngày giao dịch")),
        Column("reference", ("Số tham chiếu",)),
        Column("debit", ("Số tiền ghi nợ",)),
        Column("credit", ("Số tiền ghi có",)),
        Column("balance", ("Số dư",)),
        Column("counterparty", ("Tên TK đối ứng",)),
        Column("counterparty_account", ("Số TK đối ứng",)),
        Column("description", ("Mô tả",)),
    ),
    thousands=",",
)


def sniff(head: FileHead) -> bool:
    """Recognise the export by its header row."""
    return SPEC.sniff(head)


def parse(path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
    """Stream the transactions of a BIDV CSV/XLSX export."""
    return parse_table(path, SPEC, header=header)


LAYOUT = register(
    Layout(
        name=SPEC.name,
        bank=SPEC.bank,
        title="BIDV – CSV/Excel",
        kinds=frozenset({"csv", "xlsx"}),
        sniff=sniff,
        parse=parse,
        columns=tuple(column.title for column in SPEC.columns),
    )
)
