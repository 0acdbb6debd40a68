"""Vietcombank CSV/XLSX export with the columns of the 2024 statement PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import StatementHeader, StatementLine
from ..registry import FileHead, Layout, register
from ..tabular import Column, TableSpec, parse_table

SPEC = TableSpec(
    name="vcb_table",
    bank="VCB",
    bank_title="Vietcombank",
    columns=(
        Column("date", ("Ngày GD/TNX Date", "Ngày GD", "TNX Date")),
        Column("reference", ("Số CT/Doc No", "Số CT", "Doc No")),
        Column("debit", ("Số tiền ghi nợ/Debit", "Số tiền ghi nợ")),
        Column("credit", ("Số tiền ghi có/Credit", "Số tiền ghi có")),
        Column("balance", ("Số dư/Balance", "Số dư")),
        Column("description", ("Nội dung chi tiết/Transactions in detail", "Nội dung chi tiết")),
    ),
    thousands=".",
)


def sniff(head: FileHead) -> bool:
    """Recognise the export by its header row."""
    return SPEC.sniff(head)


def parse(path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
    """Stream the transactions of a Vietcombank CSV/XLSX export."""
    return parse_table(path, SPEC, header=header)


LAYOUT = register(
    Layout(
        name=SPEC.name,
        bank=SPEC.bank,
        title="Vietcombank – CSV/Excel (cột như sao kê PDF 2024)",
        kinds=frozenset({"csv", "xlsx"}),
        sniff=sniff,
        parse=parse,
        columns=tuple(column.title for column in SPEC.columns),
    )
)
