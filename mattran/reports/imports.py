"""Excel templates and uploads of a form's figures, for one unit or many units side by side.

The sheet "So lieu" has one row per figure (indicator and breakdown) and one value column per unit; the
unit's id is in brackets in its header. A single-unit template adds a "Giải trình" column. An upload is
checked in full — sheet, header, every cell, each unit's right and report state, the consistency rules —
and either everything is written or nothing is, with each problem named by row and cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mattran.core.exports import workbook_bytes
from mattran.core.uploads import SheetGrid, open_workbook
from mattran.org.models import Unit

from . import actions, queries
from .models import EDITABLE_STATES, ReportForm, Submission
from .periods import Period

SHEET = "So lieu"
HEADER_ROW = 4
FIRST_DATA_ROW = 5
FIXED = ["Mã chỉ tiêu", "Mã phân tổ", "Chỉ tiêu", "Đơn vị tính"]
NOTE_HEADER = "Giải trình"
_UNIT_ID = re.compile(r"\[(\d+)\]\s*$")


def template_workbook(form: ReportForm, period: Period, units: list[Unit], *, values=None) -> bytes:
    """An .xlsx to fill in: one row per figure, one column per unit (pre-filled with stored values)."""
    wb = Workbook()
    ws = wb.active
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
    row = FIRST_DATA_ROW
    for ind, bd, name in actions.form_cells(form):
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
        row += 1
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 12
    for offset in range(len(units) + 1):
        ws.column_dimensions[get_column_letter(len(FIXED) + 1 + offset)].width = 18
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=len(FIXED) + 1)
    return workbook_bytes(wb)


@dataclass
class UploadResult:
    units: list[Unit] = field(default_factory=list)
    written: int = 0
    errors: list[dict] = field(default_factory=list)


def _err(errors: list, message: str, *, row: int | None = None, cell: str | None = None) -> None:
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


@transaction.atomic
def do_import_values(*, acting_user, form: ReportForm, period: Period, data: bytes) -> UploadResult:
    """Read a filled template and store every unit's figures, or report every problem and store nothing."""
    result = UploadResult()
    errors = result.errors
    # checked (size, zip bounds), streamed read-only
    wb = open_workbook(data, unreadable=gettext("Tệp không phải là bảng tính Excel (.xlsx) đọc được."))
    if SHEET not in wb.sheetnames:
        _err(
            errors,
            gettext("không có trang “%(sheet)s” (tệp có: %(sheets)s). Hãy dùng đúng mẫu.")
            % {"sheet": SHEET, "sheets": ", ".join(wb.sheetnames)},
        )
        return result
    ws = SheetGrid(wb[SHEET])  # read once within the row and column caps
    kind_cell = str(ws["C2"].value or "").replace("Kỳ:", "").strip()
    form_cell = str(ws["A2"].value or "").replace("Biểu:", "").strip()
    if form_cell != form.code:
        _err(
            errors,
            gettext("mẫu của biểu “%(found)s”, không phải %(form)s.")
            % {"found": form_cell, "form": form.code},
            row=2,
            cell="A2",
        )
    if kind_cell != period.key:
        _err(
            errors,
            gettext("mẫu của kỳ “%(found)s”, không phải %(period)s.")
            % {"found": kind_cell, "period": period.key},
            row=2,
            cell="C2",
        )
    headers = [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, ws.max_column + 1)]
    unit_cols: list[tuple[int, Unit]] = []
    note_col = None
    for col, text in enumerate(headers, start=1):
        if col <= len(FIXED) or text in (None, ""):
            continue
        if str(text).strip() == NOTE_HEADER:
            note_col = col
            continue
        ref = f"{get_column_letter(col)}{HEADER_ROW}"
        match = _UNIT_ID.search(str(text))
        unit = Unit.objects.filter(pk=int(match.group(1))).select_related("level").first() if match else None
        if unit is None:
            _err(
                errors,
                gettext("không nhận ra đơn vị “%(text)s” (cần mã trong ngoặc vuông).") % {"text": text},
                row=HEADER_ROW,
                cell=ref,
            )
            continue
        if not acting_user.has_perm("reports.enter", unit):
            _err(
                errors,
                gettext("bạn không có quyền nhập số liệu cho %(unit)s.") % {"unit": unit.name},
                row=HEADER_ROW,
                cell=ref,
            )
            continue
        sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
        if sub is not None and sub.state not in EDITABLE_STATES:
            _err(
                errors,
                gettext("báo cáo %(period)s của %(unit)s đang “%(state)s”, kỳ này đã khóa.")
                % {"period": period.display, "unit": unit.name, "state": sub.get_state_display()},
                row=HEADER_ROW,
                cell=ref,
            )
            continue
        unit_cols.append((col, unit))
    if not unit_cols and not errors:
        _err(errors, gettext("không có cột đơn vị nào."), row=HEADER_ROW)

    cells_by_code = {(ind.code, bd): ind for ind, bd, _ in actions.form_cells(form)}
    derived = {ind.code: ind for ind in queries.form_indicators(form) if not ind.is_entered}
    raw: dict[int, dict] = {u.pk: {} for _, u in unit_cols}
    notes: dict[str, str] = {}
    places: dict[tuple, tuple[int, dict[str, str]]] = {}
    seen_rows = 0
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        code = str(ws.cell(row=row, column=1).value or "").strip()
        bd = str(ws.cell(row=row, column=2).value or "").strip()
        if not code:
            continue
        seen_rows += 1
        if code in derived:
            _err(
                errors,
                gettext("%(indicator)s: %(reason)s Hãy tải mẫu mới.")
                % {"indicator": derived[code].name, "reason": actions.computed_reason(derived[code])},
                row=row,
                cell=f"A{row}",
            )
            continue
        if (code, bd) not in cells_by_code:
            _err(
                errors,
                gettext("chỉ tiêu “%(code)s” không có trong biểu %(form)s.")
                % {"code": code + ("/" + bd if bd else ""), "form": form.code},
                row=row,
                cell=f"A{row}",
            )
            continue
        for col, unit in unit_cols:
            raw[unit.pk][(code, bd)] = ws.cell(row=row, column=col).value
            places.setdefault((unit.pk, code, bd), (row, {}))[1]["v"] = f"{get_column_letter(col)}{row}"
        if note_col:
            note = ws.cell(row=row, column=note_col).value
            if note:
                notes[code] = str(note)
            for _, unit in unit_cols:
                places.setdefault((unit.pk, code, ""), (row, {}))[1]["n"] = (
                    f"{get_column_letter(note_col)}{row}"
                )

    for _col, unit in unit_cols:

        def where(ind, bd, unit=unit):
            return places.get((unit.pk, ind.code, bd), (None, {}))[1].get("v", ind.code)

        def note_where(ind, unit=unit):
            return places.get((unit.pk, ind.code, ""), (None, {}))[1].get("n", where(ind, ""))

        _parsed, unit_errors = actions.validate_cells(
            form, unit, period, raw[unit.pk], notes, where=where, note_where=note_where
        )
        for e in unit_errors:
            ref = e["field"]
            row_no = int(re.sub(r"^[A-Z]+", "", ref)) if ref and re.match(r"^[A-Z]+\d+$", ref) else None
            _err(errors, f"{unit.name} – {e['message']}", row=row_no, cell=ref)
    if errors:
        errors.sort(key=lambda e: (e["row"] or 0, len(e["cell"] or ""), e["cell"] or ""))
        return result

    for _col, unit in unit_cols:
        sub = actions.do_open_submission(acting_user=acting_user, form=form, unit=unit, period=period)
        result.written += actions.do_save_values(
            sub, acting_user=acting_user, cells=raw[unit.pk], notes=notes
        )
        result.units.append(unit)
    return result
