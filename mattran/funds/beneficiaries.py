"""Beneficiary lists from Excel: every row is checked first; nothing is written unless all rows pass.

Columns: Chủ hộ, Diện (hộ nghèo / cận nghèo / gia đình chính sách / thiên tai / khác), Khu dân cư (name of
a residential area of the unit, may be empty), Địa chỉ, Số nhân khẩu. Errors name the row and the column.
A household already on the list (same head, area and address), or twice in the file, is an error too, so
importing the same file again adds nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.text import fold, nfc
from mattran.core.uploads import bounded_rows, open_workbook
from mattran.org.models import Unit

from .models import Beneficiary, BeneficiaryCategory

HEADERS = ["Chủ hộ", "Diện", "Khu dân cư", "Địa chỉ", "Số nhân khẩu"]
MAX_ROWS = 10000
CATEGORY_WORDS = {
    "ho ngheo": BeneficiaryCategory.POOR,
    "ngheo": BeneficiaryCategory.POOR,
    "ho can ngheo": BeneficiaryCategory.NEAR_POOR,
    "can ngheo": BeneficiaryCategory.NEAR_POOR,
    "gia dinh chinh sach": BeneficiaryCategory.POLICY,
    "chinh sach": BeneficiaryCategory.POLICY,
    "ho bi thien tai": BeneficiaryCategory.DISASTER,
    "thien tai": BeneficiaryCategory.DISASTER,
    "khac": BeneficiaryCategory.OTHER,
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    head_name: str
    category: str
    area: Unit | None
    address: str
    members: int | None


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


CATEGORY_CHOICES = ["hộ nghèo", "cận nghèo", "gia đình chính sách", "thiên tai", "khác"]


def household_key(head_name: str, area_id: int | None, address: str) -> tuple[str, int | None, str]:
    """What makes two households the same: folded head's name, residential area and address."""
    return fold(head_name), area_id, fold(address)


def _areas(unit: Unit) -> list[Unit]:
    return list(Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("sort_name"))


def template_workbook(unit: Unit | None = None) -> bytes:
    """Return the list to fill in: the headers, one example row, a drop-down for Diện and a sheet naming
    the unit's residential areas as the import accepts them."""
    areas = _areas(unit) if unit is not None else []
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách hộ"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(["Nguyễn Văn A", "hộ nghèo", areas[0].name if areas else "", "Xóm 1", 4])
    for column, width in zip("ABCDE", (28, 22, 24, 36, 14), strict=True):
        ws.column_dimensions[column].width = width
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(CATEGORY_CHOICES) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Diện không hợp lệ",
        error="Chọn một diện trong danh sách.",
    )
    ws.add_data_validation(choice)
    choice.add(f"B2:B{MAX_ROWS + 1}")
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Cách ghi"])
    guide.append(["Chủ hộ", "Bắt buộc. Họ và tên chủ hộ."])
    guide.append(["Diện", "Bắt buộc: " + "; ".join(CATEGORY_CHOICES) + "."])
    guide.append(["Khu dân cư", "Để trống hoặc ghi đúng tên một khu dân cư dưới đây."])
    guide.append(["Địa chỉ", "Không bắt buộc."])
    guide.append(["Số nhân khẩu", "Không bắt buộc; số nguyên từ 1 đến 99."])
    guide.append([])
    guide.append(["Khu dân cư của " + (unit.name if unit is not None else "đơn vị")])
    for area in areas:
        guide.append([area.name])
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 70
    return workbook_bytes(wb)


def _members(value: object) -> int:
    """An integer 1–99 from a cell (Excel may hand 4 as 4.0); ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        value = int(value)
    count = int(str(value).strip())
    if not 0 < count < 100:
        raise ValueError
    return count


def parse(unit: Unit, data: bytes) -> ParseResult:
    """Read and check every row; the result holds either rows or errors."""
    wb = open_workbook(data, unreadable=_("Tệp không phải Excel (.xlsx) hoặc bị hỏng."))
    areas = {}
    for area in _areas(unit):
        areas[fold(area.name)] = area
        areas[fold(area.short_name)] = area
    existing = {
        household_key(name, area_id, address)
        for name, area_id, address in Beneficiary.objects.filter(unit=unit).values_list(
            "head_name", "area_id", "address"
        )
    }
    seen: dict[tuple, int] = {}
    result = ParseResult()
    rows = bounded_rows(wb.worksheets[0])
    header = next(rows, None)
    if header is None or fold(str(header[0] or "")) != fold(HEADERS[0]):
        raise ActionError(_("Dòng đầu phải là tiêu đề: ") + ", ".join(HEADERS), field="file")
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append(RowError(number, "", _("Tối đa %(count)s dòng.") % {"count": MAX_ROWS}))
            break
        cells = [("" if v is None else v) for v in (*values, *[None] * 5)[:5]]
        if not any(str(c).strip() for c in cells):
            continue
        name, category_text, area_text, address, members = cells
        name = nfc(str(name))
        if not name:
            result.errors.append(RowError(number, HEADERS[0], _("Thiếu tên chủ hộ.")))
        category = CATEGORY_WORDS.get(fold(str(category_text)))
        if category is None:
            result.errors.append(
                RowError(number, HEADERS[1], _("Diện '%(value)s' không hợp lệ.") % {"value": category_text})
            )
        area = None
        if str(area_text).strip():
            area = areas.get(fold(str(area_text)))
            if area is None:
                result.errors.append(
                    RowError(number, HEADERS[2], _("Không có khu dân cư '%(value)s'.") % {"value": area_text})
                )
        count = None
        if str(members).strip():
            try:
                count = _members(members)
            except ValueError:
                result.errors.append(
                    RowError(
                        number, HEADERS[4], _("Số nhân khẩu '%(value)s' không hợp lệ.") % {"value": members}
                    )
                )
        address = nfc(str(address))
        if len(name) > 200:
            result.errors.append(RowError(number, HEADERS[0], _("Tên chủ hộ dài quá 200 ký tự.")))
        if len(address) > 300:
            result.errors.append(RowError(number, HEADERS[3], _("Địa chỉ dài quá 300 ký tự.")))
        if name:
            key = household_key(name, area.pk if area else None, address)
            if key in existing:
                result.errors.append(
                    RowError(number, HEADERS[0], _("Hộ %(name)s đã có trong danh sách.") % {"name": name})
                )
            elif key in seen:
                result.errors.append(
                    RowError(number, HEADERS[0], _("Trùng với dòng %(row)s.") % {"row": seen[key]})
                )
            else:
                seen[key] = number
        if name and category:
            result.rows.append(ParsedRow(number, name, category, area, address, count))
    wb.close()
    return result
