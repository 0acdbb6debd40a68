"""Beneficiary lists from Excel: every row is checked first; nothing is written unless all rows pass.

Columns: Chủ hộ, Diện (hộ nghèo / cận nghèo / gia đình chính sách / thiên tai / khác), Khu dân cư (name of
a residential area of the unit, may be empty), Địa chỉ, Số nhân khẩu. Errors name the row and the column.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from mattran.core.errors import ActionError
from mattran.core.text import fold, nfc
from mattran.org.models import Unit

from .actions import do_add_beneficiary
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
        return f"Dòng {self.row}, cột {self.column}: {self.message}"


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


def template_workbook() -> bytes:
    """Return an empty list with the headers and one example row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách hộ"
    ws.append(HEADERS)
    ws.append(["Nguyễn Văn A", "hộ nghèo", "", "Xóm 1", 4])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(unit: Unit, data: bytes) -> ParseResult:
    """Read and check every row; the result holds either rows or errors."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ActionError("Tệp không phải Excel (.xlsx) hoặc bị hỏng.", field="file") from None
    areas = {}
    for area in Unit.objects.filter(parent=unit, valid_to__isnull=True):
        areas[fold(area.name)] = area
        areas[fold(area.short_name)] = area
    result = ParseResult()
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or fold(str(header[0] or "")) != fold(HEADERS[0]):
        raise ActionError("Dòng đầu phải là tiêu đề: " + ", ".join(HEADERS), field="file")
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append(RowError(number, "", f"Tối đa {MAX_ROWS} dòng."))
            break
        cells = [("" if v is None else v) for v in (*values, *[None] * 5)[:5]]
        if not any(str(c).strip() for c in cells):
            continue
        name, category_text, area_text, address, members = cells
        name = nfc(str(name))
        if not name:
            result.errors.append(RowError(number, HEADERS[0], "Thiếu tên chủ hộ."))
        category = CATEGORY_WORDS.get(fold(str(category_text)))
        if category is None:
            result.errors.append(RowError(number, HEADERS[1], f"Diện '{category_text}' không hợp lệ."))
        area = None
        if str(area_text).strip():
            area = areas.get(fold(str(area_text)))
            if area is None:
                result.errors.append(RowError(number, HEADERS[2], f"Không có khu dân cư '{area_text}'."))
        count = None
        if str(members).strip():
            try:
                count = int(str(members).strip())
                if not 0 < count < 100:
                    raise ValueError
            except ValueError:
                result.errors.append(RowError(number, HEADERS[4], f"Số nhân khẩu '{members}' không hợp lệ."))
        if name and category:
            result.rows.append(ParsedRow(number, name, category, area, nfc(str(address)), count))
    wb.close()
    return result


@transaction.atomic
def do_import_beneficiaries(*, acting_user, unit: Unit, data: bytes) -> tuple[list[Beneficiary], ParseResult]:
    """Add every household of the sheet, or none when any row is wrong."""
    parsed = parse(unit, data)
    if parsed.errors:
        return [], parsed
    if not parsed.rows:
        raise ActionError("Tệp không có dòng nào.", field="file")
    created = [
        do_add_beneficiary(
            acting_user=acting_user,
            unit=unit,
            head_name=row.head_name,
            category=row.category,
            area=row.area,
            address=row.address,
            members=row.members,
        )
        for row in parsed.rows
    ]
    return created, parsed
