"""Vietcombank account statement PDF (2024): date and document no., debit, credit, balance, detail.

This is the layout of the statement the central relief committee published in September 2024. Each
page repeats the column header and ends with "Page N of M" and the bank's address; the first page
carries the account block. A transaction row holds the date over the document number in the first
column, the amounts right-aligned in their columns (the balance only on the last row of a day) and
the transfer message wrapped over as many lines as it needs.

Rows are rebuilt from character positions: pdfium gives the page text in content order, and only
the first character of each token is located, to decide its column and its row. Column edges come
from the table's vertical rules on the first page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model import (
    AmountError,
    StatementHeader,
    StatementLine,
    WrongLayoutError,
    normalise_text,
)
from ..parsing import parse_amount, parse_date
from ..pdfsource import PageText, pdf_document, visual_lines
from ..registry import FileHead, Layout, register

BANK = "VCB"
NAME = "vcb_pdf"
HEADER_START = "Ngày GD/"
HEADER_END = "Transactions in detail"
# Column rules and the message wrap limit of the published A4 statement, used when the first page
# has no drawn rules to measure.
DEFAULT_RULES = (102.1, 192.1, 288.1, 384.1)
A4_WIDTH = 595.28
# A message line with no space in it that ends within one character of this distance right of the
# detail column's rule was cut inside a word. Measured on the published statement: cut lines end at
# 546.9-551.6 pt with the next character 2-6 pt wide, word-wrapped ones at most 545.7 pt with it.
WRAP_WIDTH = 163.9
ROW_TOLERANCE = 1.0

_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
# pdfium replaces a hyphen that ends a printed line by U+FFFE (some producers: U+00AD) and drops the line
# break after it, gluing the line to the next one — the next row's date and amounts, or the rest of the
# message. Such a marker ends a line and a token here, and reads back as the hyphen it was.
_SOFT = "\ufffe\u00ad"
_TOKEN = re.compile(rf"[^\s{_SOFT}]+[{_SOFT}]?|[{_SOFT}]")
_LINE = re.compile(rf"[^\r\n{_SOFT}]+[{_SOFT}]?|[{_SOFT}]")
_HYPHENS = str.maketrans({"\ufffe": "-", "\u00ad": "-"})
_FOOTER = re.compile(r"Page\s+\d+\s+of\s+\d+")
_SUMMARY = {
    "opening_balance": re.compile(r"Opening balance:\s*([\d.]+)"),
    "total_debit": re.compile(r"Total debit:\s*([\d.]+)"),
    "total_credit": re.compile(r"Total credit:\s*([\d.]+)"),
    "closing_balance": re.compile(r"Closing balance:\s*([\d.]+)"),
}
_SUMMARY_START = re.compile(r"Số dư đầu kỳ|Opening balance:")
_HEADER_FIELDS = {
    "holder": re.compile(r"Account name:\s*(.+?)(?:\s+Ngày thực hiện.*)?$"),
    "account": re.compile(r"Account number:\s*(\d+)"),
    "currency": re.compile(r"Currency:\s*([A-Z]{3})"),
    "period_from": re.compile(r"From:\s*(\d{2}/\d{2}/\d{4})"),
    "period_to": re.compile(r"To:\s*(\d{2}/\d{2}/\d{4})"),
    "opening_balance": re.compile(r"Opening balance:\s*([\d.]+)"),
}


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the columns of the table are on the page."""

    rules: tuple[float, float, float, float]
    wrap_limit: float


@dataclass(slots=True)
class DetailLine:
    """One printed line of a transfer message."""

    y: float
    x: float
    text: str
    trailing_space: bool
    first_index: int
    last_index: int
    right: float | None = None
    first_width: float | None = None


@dataclass(slots=True)
class Row:
    """The raw cells of one transaction row on a page."""

    line: int
    date_text: str
    y: float
    refs: list[str] = field(default_factory=list)
    amounts: tuple[list[str], list[str], list[str]] = field(default_factory=lambda: ([], [], []))
    details: list[DetailLine] = field(default_factory=list)


@dataclass(slots=True)
class PageResult:
    """A page turned into rows plus the message lines that continue the previous page's last row."""

    number: int
    continuation: list[DetailLine]
    rows: list[Row]
    summary: dict[str, int]
    pages: int | None


def sniff(head: FileHead) -> bool:
    """Recognise the 2024 Vietcombank statement by its column titles and footer."""
    text = head.text
    return (
        HEADER_START in text
        and "Doc No" in text
        and "Balance" in text
        and HEADER_END in text
        and "vietcombank" in text.lower()
    )


def measure_geometry(page: PageText) -> Geometry:
    """Read the column rules off the page, falling back to the published statement's positions."""
    xs: set[float] = set()
    for left, bottom, right, top in page.path_objects():
        if right - left < 2.0 and top - bottom > 5.0:
            xs.add(round((left + right) / 2, 1))
    scale = page.width / A4_WIDTH
    ordered = sorted(xs)
    if len(ordered) == 6:
        ordered = ordered[1:-1]
    if len(ordered) == 4:
        rules = (ordered[0], ordered[1], ordered[2], ordered[3])
    else:
        rules = (
            DEFAULT_RULES[0] * scale,
            DEFAULT_RULES[1] * scale,
            DEFAULT_RULES[2] * scale,
            DEFAULT_RULES[3] * scale,
        )
    return Geometry(rules, rules[3] + WRAP_WIDTH * scale)


def read_account_block(page: PageText, header: StatementHeader) -> None:
    """Fill ``header`` from the account block above the table on the first page."""
    end = page.text.find(HEADER_START)
    if end <= 0:
        return
    for line in visual_lines(page, 0, end):
        for name, pattern in _HEADER_FIELDS.items():
            match = pattern.search(line.text)
            if match is None or getattr(header, name) is not None:
                continue
            value = match.group(1).strip()
            if name in ("period_from", "period_to"):
                setattr(header, name, parse_date(value, page=page.number))
            elif name == "opening_balance":
                header.opening_balance = parse_amount(value, page=page.number)
            else:
                setattr(header, name, normalise_text(value))


def _body_bounds(page: PageText) -> tuple[int, int]:
    text = page.text
    start = text.find(HEADER_END)
    if start < 0:
        raise WrongLayoutError("Tệp không đúng mẫu sao kê Vietcombank", page=page.number)
    start += len(HEADER_END)
    end = len(text)
    footers = list(_FOOTER.finditer(text, start))
    if footers:
        end = footers[-1].start()
    summary = _SUMMARY_START.search(text, start, end)
    if summary is not None:
        end = summary.start()
    return start, end


def _detail_piece(page: PageText, start: int, line_end: int, x: float, y: float) -> DetailLine | None:
    text = page.text
    stripped_end = line_end
    while stripped_end > start and text[stripped_end - 1] in " \t":
        stripped_end -= 1
    last = stripped_end - 1
    if last > start:
        last_x, last_y = page.origin(last)
        if abs(last_y - y) > ROW_TOLERANCE or last_x < x:
            return None
    return DetailLine(y, x, _printed(text[start:stripped_end]), stripped_end < line_end, start, last)


def _printed(text: str) -> str:
    """The text as printed: pdfium's line-end hyphen markers back to hyphens."""
    return text.translate(_HYPHENS) if "\ufffe" in text or "\u00ad" in text else text


def _split_at_rules(
    page: PageText, rules: tuple[float, ...], start: int, end: int, column: int
) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, column) pieces of a token, one per column its characters stand in.

    Only a token whose last character stands in another column than its first is looked at character
    by character: on the statement that is rare, so the reader stays fast.
    """
    if end - start > 1 and bisect.bisect_right(rules, page.origin(end - 1)[0]) != column:
        piece_start = start
        for index in range(start + 1, end):
            here = bisect.bisect_right(rules, page.origin(index)[0])
            if here != column:
                yield piece_start, index, column
                piece_start, column = index, here
        yield piece_start, end, column
    else:
        yield start, end, column


def read_page(page: PageText, geometry: Geometry) -> PageResult:
    """Turn one page into rows; amounts are checked later, so a bad one still has its row number."""
    text = page.text
    start, end = _body_bounds(page)
    rules = geometry.rules
    cells: list[tuple[int, float, str]] = []
    details: list[DetailLine] = []
    dates: list[tuple[float, str]] = []
    for line_match in _LINE.finditer(text, start, end):
        line_end = line_match.end()
        for token in _TOKEN.finditer(text, line_match.start(), line_end):
            index = token.start()
            x, y = page.origin(index)
            column = bisect.bisect_right(rules, x)
            if column == 4:
                piece = _detail_piece(page, index, line_end, x, y)
                if piece is not None:
                    details.append(piece)
                    break
                details.append(DetailLine(y, x, _printed(token.group()), False, index, token.end() - 1))
                continue
            # A value glued to the next one (no space between the credit and the balance, say) is cut
            # where its characters cross a column rule, so no digit lands in another column's value.
            for piece_start, piece_end, piece_column in _split_at_rules(
                page, rules, index, token.end(), column
            ):
                value = _printed(text[piece_start:piece_end])
                if piece_column == 4:
                    details.append(
                        DetailLine(y, page.origin(piece_start)[0], value, False, piece_start, piece_end - 1)
                    )
                elif piece_column == 0 and _DATE.fullmatch(value):
                    dates.append((y, value))
                else:
                    cells.append((piece_column, y, value))

    # Rows in top-to-bottom order; a cell belongs to the nearest date printed at or above it.
    dates.sort(key=lambda item: -item[0])
    rows = [Row(number, date_text, y) for number, (y, date_text) in enumerate(dates, start=1)]
    keys = [-row.y for row in rows]

    def owner(y: float) -> Row | None:
        position = bisect.bisect_right(keys, -y + ROW_TOLERANCE) - 1
        return rows[position] if position >= 0 else None

    for column, y, value in cells:
        row = owner(y)
        if row is None:
            raise WrongLayoutError(
                f"Không xác định được giao dịch của ô '{value}' ở trang {page.number}", page=page.number
            )
        if column == 0:
            row.refs.append(value)
        else:
            row.amounts[column - 1].append(value)

    details.sort(key=lambda item: (-item.y, item.x))
    merged: list[DetailLine] = []
    for piece in details:
        if merged and abs(merged[-1].y - piece.y) <= ROW_TOLERANCE:
            previous = merged[-1]
            previous.text = f"{previous.text} {piece.text}"
            previous.trailing_space = piece.trailing_space
            previous.last_index = piece.last_index
        else:
            merged.append(piece)

    continuation: list[DetailLine] = []
    previous_line: DetailLine | None = None
    for line in merged:
        row = owner(line.y)
        target = continuation if row is None else row.details
        if not line.trailing_space and not any(char.isspace() for char in line.text):
            line.right = page.box(line.last_index)[1]
        if (not target and row is None) or (previous_line is not None and previous_line.right is not None):
            left, right, _bottom, _top = page.box(line.first_index)
            line.first_width = right - left
        target.append(line)
        previous_line = line

    summary: dict[str, int] = {}
    if "Closing balance" in text:
        for name, pattern in _SUMMARY.items():
            match = pattern.search(text)
            if match is not None:
                summary[name] = parse_amount(match.group(1), page=page.number)
    footer = page.footer()
    return PageResult(page.number, continuation, rows, summary, footer[1] if footer else None)


def join_message(lines: list[DetailLine], wrap_limit: float) -> str:
    """Join wrapped message lines: with a space at word wraps, without one where a word was cut."""
    parts: list[str] = []
    previous: DetailLine | None = None
    for line in lines:
        if previous is not None:
            cut = (
                previous.right is not None
                and line.first_width is not None
                and previous.right + line.first_width > wrap_limit
            )
            if not cut:
                parts.append(" ")
        parts.append(line.text)
        previous = line
    return normalise_text("".join(parts))


COLUMN_TITLES = ("Số tiền ghi nợ/Debit", "Số tiền ghi có/Credit", "Số dư/Balance")


def _amount(values: list[str], page: int, line: int, column: int) -> int | None:
    if not values:
        return None
    return parse_amount("".join(values), thousands=".", page=page, line=line, field=COLUMN_TITLES[column])


def build_line(
    row: Row, page: int, header: StatementHeader, geometry: Geometry, details: list[DetailLine]
) -> StatementLine:
    """Make a StatementLine from a row whose message lines are complete."""
    line = row.line
    debit = _amount(row.amounts[0], page, line, 0) or 0
    credit = _amount(row.amounts[1], page, line, 1) or 0
    balance = _amount(row.amounts[2], page, line, 2)
    if debit < 0 or credit < 0:
        column = 0 if debit < 0 else 1
        raise AmountError(row.amounts[column][0], page=page, line=line, field=COLUMN_TITLES[column])
    if not debit and not credit:
        # A row with neither a debit nor a credit is never a transaction of 0 đ: it stops the import.
        raise AmountError("", page=page, line=line, field=" / ".join(COLUMN_TITLES[:2]), blank=True)
    return StatementLine(
        bank=BANK,
        account=header.account or "",
        date=parse_date(row.date_text, page=page, line=line),
        reference=" ".join(row.refs),
        debit=debit,
        credit=credit,
        balance=balance,
        description=join_message(details, geometry.wrap_limit),
        page=page,
        line=line,
    )


# pdfium keeps every object it has parsed until the document is closed (about 4 KB a page of the 2024
# statement): the document is opened again after this many pages, so memory stays flat however long the
# file (opening it again costs a few milliseconds).
REOPEN_PAGES = 1000


def iter_page_results(path: str | Path, header: StatementHeader) -> Iterator[tuple[PageResult, Geometry]]:
    """Yield each page's rows in order, one page in memory at a time."""
    geometry: Geometry | None = None
    start = 0
    while True:
        with pdf_document(path) as doc:
            count = len(doc)
            # The pages of this file: the footer's "Page N of M" counts the bank's whole statement, of
            # which the file may be an extract (3 pages of 12,028).
            header.pages = count
            stop = min(count, start + REOPEN_PAGES)
            for index in range(start, stop):
                page = PageText(doc, index)
                try:
                    if geometry is None:
                        if HEADER_END not in page.text or "Doc No" not in page.text:
                            raise WrongLayoutError("Tệp không đúng mẫu sao kê Vietcombank", page=page.number)
                        geometry = measure_geometry(page)
                        read_account_block(page, header)
                    result = read_page(page, geometry)
                finally:
                    page.close()
                yield result, geometry
        if stop >= count:
            return
        start = stop


def stitch(
    results: Iterator[tuple[PageResult, Geometry]], header: StatementHeader
) -> Iterator[StatementLine]:
    """Join rows continued across pages and yield finished lines in statement order."""
    pending: tuple[Row, int, list[DetailLine]] | None = None
    geometry: Geometry | None = None
    for result, geometry in results:
        if result.continuation:
            if pending is None:
                raise WrongLayoutError(
                    f"Nội dung ở đầu trang {result.number} không thuộc giao dịch nào", page=result.number
                )
            pending[2].extend(result.continuation)
        for name, value in result.summary.items():
            setattr(header, name, value)
        for row in result.rows:
            if pending is not None:
                yield build_line(pending[0], pending[1], header, geometry, pending[2])
            pending = (row, result.number, row.details)
    if pending is not None and geometry is not None:
        yield build_line(pending[0], pending[1], header, geometry, pending[2])


def parse(path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
    """Stream the transactions of a 2024 Vietcombank statement PDF."""
    header = header if header is not None else StatementHeader(bank=BANK)
    header.bank = BANK
    yield from stitch(iter_page_results(path, header), header)


LAYOUT = register(
    Layout(
        name=NAME,
        bank=BANK,
        title="Vietcombank – sao kê PDF (2024)",
        kinds=frozenset({"pdf"}),
        sniff=sniff,
        parse=parse,
        description="Ngày GD/Số CT, Số tiền ghi nợ, Số tiền ghi có, Số dư, Nội dung chi tiết",
        columns=("Ngày GD/Số CT", "Ghi nợ", "Ghi có", "Số dư", "Nội dung chi tiết"),
    )
)
