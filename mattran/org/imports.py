"""Residential areas from an Excel sheet: every row is checked first; nothing is written unless all pass.

We chose all-or-nothing (rather than importing the valid rows) so that a commune never ends up with half
a list and no clear idea which half; the page lists every bad row with its row number and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook

from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.text import fold, nfc
from mattran.core.uploads import bounded_rows, open_workbook

from .actions.common import KIND_PREFIXES, full_name
from .models import RESIDENTIAL_KINDS, Level, Unit, UnitKind

HEADERS = ["Tên", "Loại", "Mã", "Ghi chú"]
KIND_BY_LABEL = {fold(str(UnitKind(k).label)): k for k in RESIDENTIAL_KINDS}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.column}: {self.message}"


@dataclass
class ParsedRow:
    row: int
    short_name: str
    kind: str
    code: str
    notes: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def template_workbook() -> bytes:
    """An empty sheet with the headers and two example rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Khu dân cư"
    ws.append(HEADERS)
    ws.append(["Tổ dân phố số 1", "tổ dân phố", "", ""])
    ws.append(["Thôn Đông", "thôn", "", "Ví dụ — xoá dòng này trước khi nhập"])
    for col, width in zip("ABCD", (32, 16, 12, 40), strict=True):
        ws.column_dimensions[col].width = width
    return workbook_bytes(wb)


def _strip_prefix(name: str, kind: str) -> str:
    prefix = KIND_PREFIXES.get(kind, "")
    if prefix and fold(name).startswith(fold(prefix) + " "):
        return name[len(prefix) :].strip()
    return name


def parse_workbook(data: bytes, *, commune: Unit) -> ParseResult:
    """Read and check every row against the file and the commune's existing areas."""
    result = ParseResult()
    wb = open_workbook(data, unreadable=_("Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu."))
    ws = wb.worksheets[0]
    rows = bounded_rows(ws)
    header = next(rows, None)
    if header is None:
        raise ActionError(_("Tệp không có dữ liệu."), code="empty_file", field="file")
    cols = {fold(str(h or "")): i for i, h in enumerate(header)}
    missing = [h for h in HEADERS[:2] if fold(h) not in cols]
    if missing:
        raise ActionError(
            _("Dòng 1 phải có tiêu đề cột: %(headers)s (thiếu: %(missing)s).")
            % {"headers": ", ".join(HEADERS), "missing": ", ".join(missing)},
            code="bad_header",
            field="file",
        )

    def cell(values, name: str) -> str:
        i = cols.get(fold(name))
        if i is None or i >= len(values) or values[i] is None:
            return ""
        return nfc(str(values[i]))

    existing = {
        nfc(n).casefold()
        for n in Unit.objects.filter(parent=commune, valid_to__isnull=True).values_list("name", flat=True)
    }
    codes = set(
        Unit.objects.filter(level__code=Level.RESIDENTIAL).exclude(code="").values_list("code", flat=True)
    )
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:
            result.errors.append(RowError(number, "—", f"Quá {MAX_ROWS} dòng; hãy chia nhỏ tệp."))
            break
        name, kind_label, code, notes = (cell(values, h) for h in HEADERS)
        errors_before = len(result.errors)
        kind = KIND_BY_LABEL.get(fold(kind_label))
        if not kind_label:
            result.errors.append(RowError(number, "Loại", "Chưa nhập loại (thôn, tổ dân phố, ấp, bản…)."))
        elif kind is None:
            result.errors.append(
                RowError(
                    number,
                    "Loại",
                    f"Loại '{kind_label}' không hợp lệ; dùng: "
                    + ", ".join(str(UnitKind(k).label) for k in sorted(RESIDENTIAL_KINDS))
                    + ".",
                )
            )
        if not name:
            result.errors.append(RowError(number, "Tên", "Chưa nhập tên."))
        elif len(name) > 150:
            result.errors.append(RowError(number, "Tên", "Tên dài quá 150 ký tự."))
        if len(result.errors) > errors_before:
            continue
        short = _strip_prefix(name, kind)
        key = nfc(full_name(kind, short)).casefold()
        if key in existing:
            result.errors.append(RowError(number, "Tên", f"{commune.name} đã có {full_name(kind, short)}."))
            continue
        if key in seen:
            result.errors.append(RowError(number, "Tên", f"Trùng với dòng {seen[key]}."))
            continue
        if code and code in codes:
            result.errors.append(RowError(number, "Mã", f"Mã {code} đã được dùng."))
            continue
        seen[key] = number
        if code:
            codes.add(code)
        result.rows.append(ParsedRow(number, short, kind, code, notes))
    if not result.rows and not result.errors:
        result.errors.append(RowError(2, "—", "Tệp không có dòng dữ liệu nào."))
    return result
