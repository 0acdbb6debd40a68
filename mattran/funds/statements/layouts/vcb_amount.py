"""Vietcombank's later statement layout: no., date, signed amount, detail (CSV/XLSX).

Statements published after the first one list one signed amount per transaction (credits positive,
debits negative) and no running balance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import StatementHeader, StatementLine
from ..registry import FileHead, Layout, register
from ..tabular import Column, TableSpec, parse_table

SPEC = TableSpec(
    name="vcb_amount",
    bank="VCB",
    bank_title="Vietcombank (STT, ngày, số tiền, nội dung)",
    columns=(
        Column("no", ("STT/No.", "STT", "No.")),
        Column("date", ("Ngày/Date", "Ngày giao dịch", "Date")),
        Column("amount", ("Số tiền/Amount", "Số tiền", "Amount")),
        Column("description", ("Nội dung/Detail", "Nội dung", "Detail")),
    ),
    thousands=".",
    signed_amount=True,
    balance_on_every_line=False,
)


def sniff(head: FileHead) -> bool:
    """Recognise the export by its header row."""
    return SPEC.sniff(head)


def parse(path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
    """Stream the transactions of a no./date/amount/detail Vietcombank statement."""
    return parse_table(path, SPEC, header=header)


LAYOUT = register(
    Layout(
        name=SPEC.name,
        bank=SPEC.bank,
        title="Vietcombank – CSV/Excel (STT, ngày, số tiền, nội dung)",
        kinds=frozenset({"csv", "xlsx"}),
        sniff=sniff,
        parse=parse,
        columns=tuple(column.title for column in SPEC.columns),
    )
)
