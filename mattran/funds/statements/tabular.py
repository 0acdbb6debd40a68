"""Reading CSV and XLSX statement exports described by a column specification."""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import AmountError, StatementHeader, StatementLine, WrongLayoutError, normalise_text
from .parsing import parse_amount, parse_date, parse_time
from .registry import HEAD_ROWS, FileHead, detect_encoding, file_kind, iter_xlsx_rows, sniff_delimiter

FIELDS = (
    "no",
    "date",
    "reference",
    "debit",
    "credit",
    "amount",
    "balance",
    "description",
    "counterparty",
    "counterparty_account",
    "counterparty_bank",
)


def fold(text: object) -> str:
    """Fold a column title for comparison: NFC, lower case, single spaces, no trailing colon."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text)).casefold()
    return re.sub(r"\s+", " ", value).strip().rstrip(":").strip()


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an export: the field it holds and the titles banks print for it."""

    key: str
    titles: tuple[str, ...]

    @property
    def title(self) -> str:
        """Return the title the bank prints today."""
        return self.titles[0]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The columns and conventions of one bank's CSV/XLSX export."""

    name: str
    bank: str
    bank_title: str
    columns: tuple[Column, ...]
    thousands: str = "."
    signed_amount: bool = False
    balance_on_every_line: bool = True
    preamble_title: str = "SAO KÊ TÀI KHOẢN"
    total_label: str = "Tổng cộng"
    closing_label: str = "Số dư cuối kỳ"
    folded: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for column in self.columns:
            for title in column.titles:
                self.folded[fold(title)] = column.key

    @property
    def keys(self) -> frozenset[str]:
        """Return the fields this layout's columns hold."""
        return frozenset(column.key for column in self.columns)

    def header_map(self, row: Sequence[object]) -> dict[str, int] | None:
        """Return field → column index if ``row`` is this layout's header row."""
        mapping: dict[str, int] = {}
        for index, cell in enumerate(row):
            key = self.folded.get(fold(cell))
            if key is not None and key not in mapping:
                mapping[key] = index
        return mapping if self.keys <= mapping.keys() else None

    def find_header(self, rows: Sequence[Sequence[object]]) -> int | None:
        """Return the index of the header row among the first rows, if any."""
        for index, row in enumerate(rows[:HEAD_ROWS]):
            if self.header_map(row) is not None:
                return index
        return None

    def sniff(self, head: FileHead) -> bool:
        """Recognise this export by its header row."""
        return self.find_header(head.rows) is not None


_ACCOUNT = re.compile(r"(?:Số tài khoản|Account number|Số TK)[^:]*:\s*([0-9][0-9 .-]{5,30}[0-9])", re.I)
_HOLDER = re.compile(r"(?:Tên tài khoản|Account name|Chủ tài khoản)[^:]*:\s*(.+)", re.I)
_PERIOD = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})\D+(\d{1,2}/\d{1,2}/\d{4})")
_OPENING = re.compile(r"(?:Số dư đầu kỳ|Opening balance)", re.I)
_CLOSING = re.compile(r"(?:Số dư cuối kỳ|Closing balance)", re.I)
_TOTAL_DEBIT = re.compile(r"(?:Tổng ghi nợ|Tổng phát sinh nợ|Total debit)", re.I)
_TOTAL_CREDIT = re.compile(r"(?:Tổng ghi có|Tổng phát sinh có|Total credit)", re.I)
_TOTAL = re.compile(r"^(?:Tổng cộng|Tổng số|Tổng phát sinh|Total)", re.I)
_CURRENCY = re.compile(r"(?:Loại tiền|Currency)[^:]*:\s*([A-Z]{3})", re.I)


def _first_value(row: Sequence[object], thousands: str, line: int) -> int | None:
    for cell in row[1:]:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if isinstance(cell, str) and not re.search(r"\d", cell):
            continue
        return parse_amount(cell, thousands=thousands, line=line)
    text = str(row[0]) if row else ""
    match = re.search(r":\s*([\d.,]+)\s*$", text)
    return parse_amount(match.group(1), thousands=thousands, line=line) if match else None


def read_preamble_row(row: Sequence[object], spec: TableSpec, header: StatementHeader, line: int) -> None:
    """Take the account, holder, period and balances from a row above or below the table."""
    text = " ".join(str(cell) for cell in row if cell not in (None, ""))
    if not text:
        return
    if header.account is None and (match := _ACCOUNT.search(text)):
        header.account = re.sub(r"\D", "", match.group(1))
    elif header.holder is None and (match := _HOLDER.search(text)):
        header.holder = normalise_text(match.group(1))
    elif header.currency is None and (match := _CURRENCY.search(text)):
        header.currency = match.group(1)
    elif _TOTAL_DEBIT.search(text):
        header.total_debit = _first_value(row, spec.thousands, line)
    elif _TOTAL_CREDIT.search(text):
        header.total_credit = _first_value(row, spec.thousands, line)
    elif _OPENING.search(text):
        header.opening_balance = _first_value(row, spec.thousands, line)
    elif _CLOSING.search(text):
        header.closing_balance = _first_value(row, spec.thousands, line)
    elif header.period_from is None and (match := _PERIOD.search(text)):
        header.period_from = parse_date(match.group(1), line=line)
        header.period_to = parse_date(match.group(2), line=line)


def iter_rows(path: str | Path) -> Iterator[Sequence[object]]:
    """Stream the rows of a CSV or XLSX file."""
    kind = file_kind(path)
    if kind == "xlsx":
        yield from iter_xlsx_rows(path)
        return
    if kind != "csv":
        raise WrongLayoutError("Tệp không phải CSV hoặc Excel")
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(64 * 1024)
        handle.seek(0)
        yield from csv.reader(handle, delimiter=sniff_delimiter(sample))


def parse_table(
    path: str | Path, spec: TableSpec, *, header: StatementHeader | None = None
) -> Iterator[StatementLine]:
    """Stream the transactions of a CSV/XLSX export laid out as ``spec`` says."""
    header = header if header is not None else StatementHeader(bank=spec.bank)
    header.bank = spec.bank
    mapping: dict[str, int] | None = None
    rows = iter_rows(path)
    preamble: list[Sequence[object]] = []
    number = 0
    for number, row in enumerate(rows, start=1):
        if number > HEAD_ROWS:
            break
        mapping = spec.header_map(row)
        if mapping is not None:
            break
        preamble.append(row)
    if mapping is None:
        raise WrongLayoutError(f"Tệp không đúng mẫu sao kê {spec.bank_title}")
    # Only once the header row proves the layout are the rows above it read with its conventions.
    for line, row in enumerate(preamble, start=1):
        read_preamble_row(row, spec, header, line)
    yield from _data_rows(rows, number, mapping, spec, header)


def _data_rows(
    rows: Iterator[Sequence[object]],
    header_row: int,
    mapping: dict[str, int],
    spec: TableSpec,
    header: StatementHeader,
) -> Iterator[StatementLine]:
    thousands = spec.thousands
    bank = spec.bank
    width = max(mapping.values()) + 1
    date_at = mapping["date"]
    ref_at = mapping.get("reference")
    desc_at = mapping["description"]
    debit_at = mapping.get("debit")
    credit_at = mapping.get("credit")
    amount_at = mapping.get("amount")
    balance_at = mapping.get("balance")
    party_at = mapping.get("counterparty")
    party_account_at = mapping.get("counterparty_account")
    # Amounts and dates repeat a great deal in donation statements; remember the common ones.
    amounts: dict[object, int] = {}
    dates: dict[object, dt.date] = {}
    titles = {column.key: column.title for column in spec.columns}

    def amount_of(raw: object, number: int, key: str) -> int | None:
        """The cell's amount, None for a blank cell."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value = amounts.get(raw)
        if value is None:
            value = parse_amount(raw, thousands=thousands, line=number, field=titles[key])
            if len(amounts) < 4096:
                amounts[raw] = value
        return value

    for number, row in enumerate(rows, start=header_row + 1):
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        date_cell = row[date_at]
        if date_cell is None or date_cell == "":
            first = next((cell for cell in row if cell not in (None, "")), None)
            if first is None:
                continue
            _read_trailer_row(row, mapping, spec, header, number)
            continue
        account = header.account or ""
        # A blank amount is never 0 đ: a transaction without an amount stops the import at its row.
        if amount_at is not None:
            amount = amount_of(row[amount_at], number, "amount")
            if not amount:
                raise AmountError("", line=number, field=titles["amount"], blank=True)
            debit, credit = (-amount, 0) if amount < 0 else (0, amount)
        else:
            debit = (amount_of(row[debit_at], number, "debit") if debit_at is not None else None) or 0
            credit = (amount_of(row[credit_at], number, "credit") if credit_at is not None else None) or 0
            if not debit and not credit:
                names = " / ".join(titles[key] for key in ("debit", "credit") if key in mapping)
                raise AmountError("", line=number, field=names, blank=True)
        balance = None
        if balance_at is not None:
            raw_balance = row[balance_at]
            if raw_balance is not None and raw_balance != "":
                balance = parse_amount(raw_balance, thousands=thousands, line=number, field=titles["balance"])
        date = dates.get(date_cell)
        if date is None:
            date = parse_date(date_cell, line=number)
            if len(dates) < 4096:
                dates[date_cell] = date
        party = normalise_text(str(row[party_at] or "")) if party_at is not None else ""
        party_account = str(row[party_account_at] or "").strip() if party_account_at is not None else ""
        yield StatementLine(
            bank=bank,
            account=account,
            date=date,
            reference=str(row[ref_at] or "").strip() if ref_at is not None else "",
            debit=debit,
            credit=credit,
            balance=balance,
            description=normalise_text(str(row[desc_at] or "")),
            page=None,
            line=number,
            time=parse_time(date_cell) if isinstance(date_cell, str) and ":" in date_cell else None,
            counterparty=party or None,
            counterparty_account=party_account or None,
        )


def _read_trailer_row(
    row: Sequence[object], mapping: dict[str, int], spec: TableSpec, header: StatementHeader, number: int
) -> None:
    label = " ".join(str(cell) for cell in row if isinstance(cell, str) and cell.strip()).strip()
    if _TOTAL.search(label) and not (_TOTAL_DEBIT.search(label) or _TOTAL_CREDIT.search(label)):
        if "debit" in mapping:
            header.total_debit = parse_amount(row[mapping["debit"]], thousands=spec.thousands, line=number)
        if "credit" in mapping:
            header.total_credit = parse_amount(row[mapping["credit"]], thousands=spec.thousands, line=number)
        return
    read_preamble_row(row, spec, header, number)
