"""Every export escapes what a spreadsheet would run (OWASP CSV injection): text starting with = + - @, a tab
or a carriage return is written as text — in CSV with a leading apostrophe, in XLSX as a text cell with
Excel's quote prefix — never as a formula; and no export bypasses core.exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mattran.core.exports import csv_writer, workbook_bytes
from mattran.people.actions import do_add_member_by_name, do_create_term
from tests.conftest import SYSTEM

ATTACKS = [
    '=HYPERLINK("http://ke-gian.example/x","Bấm vào đây")',
    "+84912345678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
ROOT = Path(__file__).resolve().parents[2] / "mattran"


def _xlsx_cells(data: bytes):
    wb = load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def assert_safe_xlsx(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    for cell in _xlsx_cells(data):
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)


def assert_safe_csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for value in row:
            if re.fullmatch(r"-?\d+([.,]\d+)?", value):
                continue  # a number (a debit of -50000) is no formula
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_writes_a_formula_looking_csv_cell_as_text(attack) -> None:
    out = io.StringIO()
    csv_writer(out).writerow(["Nguyễn Văn A", attack, 500_000, -50_000])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["Nguyễn Văn A", "'" + attack, "500000", "-50000"]  # numbers stay numbers
    assert_safe_csv(out.getvalue())


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_keeps_a_formula_looking_xlsx_cell_as_text(attack) -> None:
    wb = Workbook()
    wb.active.append(["Nguyễn Văn A", attack, -50_000])
    data = workbook_bytes(wb)
    assert_safe_xlsx(data)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["B1"].value == attack and ws["B1"].data_type == "s"
    assert ws["C1"].value == -50_000 and ws["C1"].data_type == "n"


def test_the_committee_export_writes_a_member_named_like_a_formula_as_text(client, tree, people) -> None:
    term = do_create_term(acting_user=SYSTEM, unit=tree.commune, label="khóa I", start=dt.date(2024, 1, 1))
    do_add_member_by_name(
        acting_user=SYSTEM, term=term, full_name=ATTACKS[0], position="uv_uy_ban", start=dt.date(2024, 1, 1)
    )
    client.force_login(people.ward_editor)
    response = client.get(f"/nhan-su/don-vi/{tree.commune.pk}/xuat-excel/", {"ngay": "2024-06-01"})
    assert response.status_code == 200
    assert_safe_xlsx(response.content)
    assert ATTACKS[0] in {c.value for c in _xlsx_cells(response.content)}


# Modules allowed to write CSV or XLSX without core.exports: the helper itself (the generators of test and
# benchmark statement files live in tests/funds, outside the package).
ALLOWED = {"core/exports.py"}


def test_no_export_bypasses_core_exports() -> None:
    """A module that writes a CSV or builds a workbook hands it to core.exports (csv_writer / workbook_bytes)."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bcsv\.(writer|DictWriter)\(", text):
            offenders.append(f"{rel}: csv.writer (use core.exports.csv_writer)")
        if re.search(r"\bWorkbook\(", text) and "workbook_bytes(" not in text:
            offenders.append(f"{rel}: builds a Workbook without core.exports.workbook_bytes")
        if re.search(r"\b(wb|workbook|book)\.save\(", text):
            offenders.append(f"{rel}: saves a workbook itself (use core.exports.workbook_bytes)")
    assert not offenders, "\n".join(offenders)
