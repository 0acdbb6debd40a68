"""Uploads are bounded before anything reads them: size per kind, an Excel file that unpacks to far more than
it weighs (a zip bomb), too many rows or columns, a PDF of too many pages — each refused within a second
with a message that names the limit, nothing changed."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.models import AuditEntry
from mattran.core.uploads import SheetGrid, bounded_rows, check_pdf_pages, open_workbook
from mattran.org.actions import do_import_residential_areas
from mattran.org.models import Unit
from mattran.reports import actions as report_actions
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.models import ReportForm, Value
from mattran.reports.periods import Period

MB = 1024 * 1024


def small_workbook(rows: int = 3, columns: int = 4) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Tên", "Loại", "Mã", "Ghi chú"][:columns] + [f"C{i}" for i in range(4, columns)])
    for r in range(rows):
        ws.append([f"Tổ dân phố số {r + 1}", "tổ dân phố"] + [""] * (columns - 2))
    return workbook_bytes(wb)


def zip_bomb(unpacked_mb: int = 150) -> bytes:
    """A real .xlsx whose first sheet unpacks to ``unpacked_mb`` MB of empty rows (a few hundred KB packed)."""
    source = zipfile.ZipFile(io.BytesIO(small_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item.filename))
        with bomb.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
            for _ in range(unpacked_mb * MB // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_it_refuses_a_zip_bomb_within_a_second_without_opening_it(bomb) -> None:
    assert len(bomb) < 2 * MB
    started = time.perf_counter()
    with pytest.raises(ActionError) as exc:
        open_workbook(bomb)
    assert time.perf_counter() - started < 1.0
    assert exc.value.code == "file_bomb" and exc.value.field == "file"
    assert "giải nén ra quá lớn" in exc.value.message


def test_the_residential_area_import_refuses_a_zip_bomb_and_changes_nothing(tree, people, bomb) -> None:
    before = Unit.objects.count(), AuditEntry.objects.count()
    started = time.perf_counter()
    with pytest.raises(ActionError) as exc:
        do_import_residential_areas(acting_user=people.ward_admin, commune=tree.commune, data=bomb)
    assert time.perf_counter() - started < 1.0
    assert exc.value.code == "file_bomb"
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_the_report_import_refuses_a_zip_bomb_within_a_second(tree, people, bomb) -> None:
    ensure_catalogue()
    form = ReportForm.objects.get(code="BM-THANG")
    period = Period.parse("2024-03") if hasattr(Period, "parse") else None
    if period is None:
        from tests.reports.conftest import month

        period = month(2024, 3)
    started = time.perf_counter()
    with pytest.raises(ActionError) as exc:
        report_actions.do_import_values(
            tree.commune, acting_user=people.ward_editor, form=form, period=period, data=bomb
        )
    assert time.perf_counter() - started < 1.0
    assert exc.value.code == "file_bomb"
    assert not Value.objects.exists()


def test_it_refuses_a_sheet_past_the_row_cap_with_the_limit_in_the_message(settings) -> None:
    settings.EXCEL_MAX_ROWS = 50
    wb = open_workbook(small_workbook(rows=80))
    with pytest.raises(ActionError) as exc:
        list(bounded_rows(wb.worksheets[0]))
    assert exc.value.code == "too_many_rows" and "50" in exc.value.message
    assert len(SheetGrid(open_workbook(small_workbook(rows=20)).worksheets[0]).rows) == 21


def test_it_refuses_a_sheet_past_the_column_cap(settings) -> None:
    settings.EXCEL_MAX_COLUMNS = 10
    wb = Workbook()
    wb.active.append(["x"] * 30)
    with pytest.raises(ActionError) as exc:
        list(bounded_rows(open_workbook(workbook_bytes(wb)).worksheets[0]))
    assert exc.value.code == "too_many_columns" and "10" in exc.value.message


def test_it_refuses_an_excel_file_over_its_kinds_limit(settings) -> None:
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "excel": 10_000}
    with pytest.raises(ActionError) as exc:
        open_workbook(small_workbook(rows=2000))
    assert exc.value.code == "file_size" and "MB" in exc.value.message


def _pdf(pages: int) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_it_counts_pdf_pages_and_refuses_too_many(tmp_path: Path, settings) -> None:
    path = tmp_path / "sao-ke.pdf"
    path.write_bytes(_pdf(12))
    assert check_pdf_pages(path) == 12
    settings.PDF_MAX_PAGES = 10
    with pytest.raises(ActionError) as exc:
        check_pdf_pages(path)
    assert exc.value.code == "too_many_pages" and "12" in exc.value.message and "10" in exc.value.message


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(client, people, settings) -> None:
    settings.MAX_REQUEST_BYTES = 100_000
    client.force_login(people.ward_admin)
    big = SimpleUploadedFile("a.xlsx", b"x" * 200_000)
    response = client.post("/don-vi/1/nhap-excel/", {"file": big})
    assert response.status_code == 413
    assert "Tệp gửi lên quá lớn (tối đa 0.1 MB)" in response.content.decode()
    api = client.post("/api/v1/units", {"file": SimpleUploadedFile("b.xlsx", b"x" * 200_000)})
    assert api.status_code == 413 and api.json()["error"] == "too_large"
