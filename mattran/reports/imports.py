"""Excel templates and uploads of a form's figures, for one unit or many units side by side.

The sheet "So lieu" has one row per figure (indicator and breakdown) and one value column per unit; the
unit's id is in brackets in its header. A single-unit template adds a "Giải trình" column. An upload is
checked in full — sheet, header, every cell, each unit's right and report state, the consistency rules —
and either everything is written or nothing is, with each problem named by row and cell.

Uploading is three steps: ``read_values_sheet`` parses the workbook, ``validate_values_sheet`` checks it
against the form, the period, the units and the actor's rights (reading only), and the action
``reports.actions.do_import_values`` writes the figures when nothing is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mattran.core.authz import Actor, authorize
from mattran.core.errors import PermissionDenied
from mattran.core.exports import workbook_bytes
from mattran.core.uploads import SheetGrid, open_workbook
from mattran.org.models import Unit

from . import queries
from .cells import CellKey, computed_reason, form_cells, validate_cells
from .models import EDITABLE_STATES, Indicator, ReportForm, Submission
from .periods import Period

SHEET = "So lieu"
HEADER_ROW = 4
FIRST_DATA_ROW = 5
FIXED = ["Mã chỉ tiêu", "Mã phân tổ", "Chỉ tiêu", "Đơn vị tính"]
NOTE_HEADER = "Giải trình"
_UNIT_ID = re.compile(r"\[(\d+)\]\s*$")
_CELL_REF = re.compile(r"^[A-Z]+(\d+)$")


def template_workbook(
    form: ReportForm,
    period: Period,
    units: list[Unit],
    *,
    values: dict[tuple[int, int, str], int] | None = None,
) -> bytes:
    """An .xlsx to fill in: one row per figure, one column per unit (pre-filled with stored values)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = SHEET
    ws["A1"] = form.name
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Biểu: {form.code}"
    ws["C2"] = f"Kỳ: {period.key}"
    ws["D2"] = period.label
    ws["A3"] = "Nhập số vào các ô màu vàng; số tiền tính bằng đồng; để trống nếu chưa có số liệu."
    headers = FIXED + [f"{u.name} [{u.pk}]" for u in units] + ([NOTE_HEADER] if len(units) == 1 else [])
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="FFF6CC")
    for row, (ind, bd, name) in enumerate(form_cells(form), start=FIRST_DATA_ROW):
        ws.cell(row=row, column=1, value=ind.code)
        ws.cell(row=row, column=2, value=bd)
        ws.cell(row=row, column=3, value=f"{ind.name}{' – ' + name if name else ''}")
        ws.cell(row=row, column=4, value=ind.get_measure_display())
        for offset, unit in enumerate(units):
            cell = ws.cell(row=row, column=len(FIXED) + 1 + offset)
            cell.fill = fill
            stored = (values or {}).get((unit.pk, ind.pk, bd))
            if stored is not None:
                cell.value = ind.to_display(stored) if ind.decimals else int(stored)
    for letter, width in zip("ABCD", (20, 14, 60, 12), strict=True):
        ws.column_dimensions[letter].width = width
    for offset in range(len(units) + 1):
        ws.column_dimensions[get_column_letter(len(FIXED) + 1 + offset)].width = 18
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=len(FIXED) + 1)
    return workbook_bytes(wb)


def _err(errors: list[dict], message: str, *, row: int | None = None, cell: str | None = None) -> None:
    if cell and row:
        message = gettext("Ô %(cell)s (dòng %(row)s): %(message)s") % {
            "cell": cell,
            "row": row,
            "message": message,
        }
    elif cell:
        message = gettext("Ô %(cell)s: %(message)s") % {"cell": cell, "message": message}
    elif row:
        message = gettext("Dòng %(row)s: %(message)s") % {"row": row, "message": message}
    errors.append({"row": row, "cell": cell, "field": cell, "message": message})


# --- step 1: parse ----------------------------------------------------------------------------------------


@dataclass
class ValuesSheet:
    """What a filled template says, read but not yet checked against the database."""

    form_code: str = ""
    period_key: str = ""
    unit_headers: list[tuple[int, str]] = field(default_factory=list)  # (column, header text)
    note_col: int | None = None
    rows: list[tuple[int, str, str, dict[int, Any]]] = field(
        default_factory=list
    )  # (row, code, option, by column)
    errors: list[dict] = field(default_factory=list)


def _data_rows(ws: Worksheet | SheetGrid, columns: list[int]) -> list[tuple[int, str, str, dict[int, Any]]]:
    rows = []
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        code = str(ws.cell(row=row, column=1).value or "").strip()
        if code:
            bd = str(ws.cell(row=row, column=2).value or "").strip()
            rows.append((row, code, bd, {col: ws.cell(row=row, column=col).value for col in columns}))
    return rows


def read_values_sheet(data: bytes) -> ValuesSheet:
    """Parse a filled template: its form and period cells, unit columns and figure rows."""
    # checked (size, zip bounds) and streamed read-only; the sheet is read once within the row/column caps
    wb = open_workbook(data, unreadable=gettext("Tệp không phải là bảng tính Excel (.xlsx) đọc được."))
    sheet = ValuesSheet()
    if SHEET not in wb.sheetnames:
        _err(
            sheet.errors,
            gettext("không có trang “%(sheet)s” (tệp có: %(sheets)s). Hãy dùng đúng mẫu.")
            % {"sheet": SHEET, "sheets": ", ".join(wb.sheetnames)},
        )
        return sheet
    ws = SheetGrid(wb[SHEET])
    sheet.form_code = str(ws["A2"].value or "").replace("Biểu:", "").strip()
    sheet.period_key = str(ws["C2"].value or "").replace("Kỳ:", "").strip()
    for col in range(len(FIXED) + 1, ws.max_column + 1):
        text = ws.cell(row=HEADER_ROW, column=col).value
        if text in (None, ""):
            continue
        if str(text).strip() == NOTE_HEADER:
            sheet.note_col = col
        else:
            sheet.unit_headers.append((col, str(text)))
    columns = [col for col, _text in sheet.unit_headers] + ([sheet.note_col] if sheet.note_col else [])
    sheet.rows = _data_rows(ws, columns)
    return sheet


# --- step 2: validate -------------------------------------------------------------------------------------


@dataclass
class UnitFigures:
    """One unit column of a valid upload: what to store for the unit."""

    unit: Unit
    cells: dict[CellKey, object] = field(default_factory=dict)
    places: dict[CellKey, str] = field(default_factory=dict)  # where each figure is in the sheet, e.g. "E7"


@dataclass
class CheckedSheet:
    units: list[UnitFigures] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # indicator code → explanation
    note_places: dict[str, str] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)


def _check_heading(sheet: ValuesSheet, form: ReportForm, period: Period, errors: list[dict]) -> None:
    if sheet.form_code != form.code:
        _err(errors, gettext("mẫu của biểu “%(found)s”, không phải %(form)s.")
             % {"found": sheet.form_code, "form": form.code}, row=2, cell="A2")  # fmt: skip
    if sheet.period_key != period.key:
        _err(errors, gettext("mẫu của kỳ “%(found)s”, không phải %(period)s.")
             % {"found": sheet.period_key, "period": period.key}, row=2, cell="C2")  # fmt: skip


def _may_enter(acting_user: Actor, unit: Unit) -> bool:
    try:
        authorize(acting_user, "reports.enter", unit)
    except PermissionDenied:
        return False
    return True


def _unit_of_column(
    col: int, text: str, *, form: ReportForm, period: Period, acting_user: Actor, errors: list[dict]
) -> Unit | None:
    """The unit a header names, if the actor may enter its figures and its report is open; else an error."""
    ref = f"{get_column_letter(col)}{HEADER_ROW}"
    match = _UNIT_ID.search(text)
    unit = Unit.objects.filter(pk=int(match.group(1))).select_related("level").first() if match else None
    if unit is None:
        message = gettext("không nhận ra đơn vị “%(text)s” (cần mã trong ngoặc vuông).") % {"text": text}
    elif not _may_enter(acting_user, unit):
        message = gettext("bạn không có quyền nhập số liệu cho %(unit)s.") % {"unit": unit.name}
    else:
        sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
        if sub is None or sub.state in EDITABLE_STATES:
            return unit
        message = gettext("báo cáo %(period)s của %(unit)s đang “%(state)s”, kỳ này đã khóa.") % {
            "period": period.display,
            "unit": unit.name,
            "state": sub.get_state_display(),
        }
    _err(errors, message, row=HEADER_ROW, cell=ref)
    return None


def _collect_rows(
    sheet: ValuesSheet, form: ReportForm, checked: CheckedSheet, columns: dict[int, UnitFigures]
) -> None:
    """Each figure row's values into its units' cells, refusing rows the form does not enter."""
    cells_by_code = {(ind.code, bd) for ind, bd, _ in form_cells(form)}
    derived: dict[str, Indicator] = {
        ind.code: ind for ind in queries.form_indicators(form) if not ind.is_entered
    }
    for row, code, bd, values in sheet.rows:
        if code in derived:
            reason = computed_reason(derived[code])
            _err(checked.errors, gettext("%(indicator)s: %(reason)s Hãy tải mẫu mới.")
                 % {"indicator": derived[code].name, "reason": reason}, row=row, cell=f"A{row}")  # fmt: skip
            continue
        if (code, bd) not in cells_by_code:
            _err(checked.errors, gettext("chỉ tiêu “%(code)s” không có trong biểu %(form)s.")
                 % {"code": code + ("/" + bd if bd else ""), "form": form.code}, row=row, cell=f"A{row}")  # fmt: skip
            continue
        for col, figures in columns.items():
            figures.cells[(code, bd)] = values.get(col)
            figures.places[(code, bd)] = f"{get_column_letter(col)}{row}"
        if sheet.note_col:
            note = values.get(sheet.note_col)
            if note:
                checked.notes[code] = str(note)
            checked.note_places[code] = f"{get_column_letter(sheet.note_col)}{row}"  # the last row of a code


def _check_figures(form: ReportForm, period: Period, checked: CheckedSheet) -> None:
    """Each unit's figures through the rules the entry page applies, with errors placed on sheet cells."""
    for figures in checked.units:

        def where(ind: Indicator, bd: str, figures: UnitFigures = figures) -> str:
            return figures.places.get((ind.code, bd), ind.code)

        def note_where(ind: Indicator) -> str:
            return checked.note_places.get(ind.code) or where(ind, "")

        _parsed, unit_errors = validate_cells(
            form, figures.unit, period, figures.cells, checked.notes, where=where, note_where=note_where
        )
        for e in unit_errors:
            ref = e["field"]
            found = _CELL_REF.match(ref or "")
            _err(checked.errors, f"{figures.unit.name} – {e['message']}", row=int(found.group(1)) if found else None,
                 cell=ref)  # fmt: skip


def validate_values_sheet(
    sheet: ValuesSheet, *, form: ReportForm, period: Period, acting_user: Actor
) -> CheckedSheet:
    """Check a parsed upload against the form, the period, the units and the actor's rights (reading only)."""
    checked = CheckedSheet(errors=list(sheet.errors))
    if sheet.errors:
        return checked
    _check_heading(sheet, form, period, checked.errors)
    columns: dict[int, UnitFigures] = {}
    for col, text in sheet.unit_headers:
        unit = _unit_of_column(
            col, text, form=form, period=period, acting_user=acting_user, errors=checked.errors
        )
        if unit is not None:
            columns[col] = UnitFigures(unit)
    if not columns and not checked.errors:
        _err(checked.errors, gettext("không có cột đơn vị nào."), row=HEADER_ROW)
    checked.units = list(columns.values())
    _collect_rows(sheet, form, checked, columns)
    _check_figures(form, period, checked)
    checked.errors.sort(key=lambda e: (e["row"] or 0, len(e["cell"] or ""), e["cell"] or ""))
    return checked
