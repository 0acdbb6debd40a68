"""Every CSV and XLSX the site hands out — staff and public — goes through here, so a cell never runs.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some strip a leading tab
or carriage return first) as a formula: ``=HYPERLINK("http://…","Bấm vào đây")`` in a bank transfer's
message, a member's name or a note would become a live link or worse in the cadre's Excel (OWASP "CSV
injection"). So, per OWASP:

- CSV: such a text cell is written with a leading apostrophe (``'=HYPERLINK…``), shown as typed;
- XLSX: such a text cell is stored as text, never as a formula, with Excel's "quote prefix" set so that
  editing the cell later does not turn it into one either.

Numbers stay numbers (a refund of -50,000 đ is a number cell, not text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_STARTS)


def escape_formula(value: Any) -> Any:
    """A CSV cell's value: text that a spreadsheet would run gets a leading apostrophe."""
    return "'" + value if is_dangerous(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [escape_formula(v) for v in values]


class SafeCsvWriter:
    """``csv.writer`` whose every row is escaped (``writerow`` returns what the file object's write does)."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(csv_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **kwargs: Any) -> SafeCsvWriter:
    return SafeCsvWriter(out, **kwargs)


def protect_cell(cell: Cell) -> None:
    """Keep a cell's text as text: never a formula, now or when edited."""
    value = cell.value
    if is_dangerous(value) or cell.data_type == "f":
        cell.value = None  # reset, so openpyxl does not guess the type again
        cell.value = str(value)
        cell.data_type = "s"
        cell.quotePrefix = True


def protect_workbook(wb: Workbook) -> Workbook:
    """Turn every formula-looking text in every sheet into plain text (see the module's docstring).

    No export of the site writes a formula on purpose; a cell of formula type here came from data."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if is_dangerous(cell.value) or cell.data_type == "f":
                    protect_cell(cell)
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as an .xlsx file, every cell protected."""
    protect_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
