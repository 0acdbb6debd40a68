"""Checking uploads before anything reads them: size per kind, extension and content, Excel bounds.

Limits come from settings (``UPLOAD_LIMITS`` per kind, ``EXCEL_*``, ``ZIP_MAX_RATIO``, ``PDF_MAX_PAGES``;
defaults in docs/operations.md). Every refusal is an ``ActionError`` on the field ``file`` with a message
that names the limit, given before the file is parsed: a few milliseconds, whatever the file holds.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .errors import ActionError
from .text import nfc

# Allowed files: extension → (content type, leading bytes that file must start with).
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def limit_for(kind: str) -> int:
    """The size limit (bytes) of a kind of upload: attachment, evidence, excel, statement, image."""
    return int(settings.UPLOAD_LIMITS[kind])


def megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f}" if mb >= 1 else f"{mb:.2f}".rstrip("0").rstrip(".")


def check_size(size: int | None, kind: str) -> None:
    """Refuse an empty upload, or one over its kind's limit."""
    if not size:
        raise ActionError(_("Tệp rỗng."), field="file")
    limit = limit_for(kind)
    if size > limit:
        raise ActionError(
            _("Tệp quá lớn (tối đa %(size)s MB).") % {"size": megabytes(limit)},
            field="file",
            code="file_size",
        )


def check_document(
    upload: UploadedFile, *, max_bytes: int | None = None, kind: str = "attachment"
) -> tuple[str, str, str]:
    """Return (clean name, extension, content type) of an uploaded document, or refuse it."""
    name = os.path.basename(nfc(upload.name or "")).strip()
    ext = os.path.splitext(name)[1].lower()
    if ext not in DOCUMENT_TYPES:
        allowed = ", ".join(sorted(e.lstrip(".") for e in DOCUMENT_TYPES))
        raise ActionError(
            _("Chỉ nhận tệp %(allowed)s.") % {"allowed": allowed}, field="file", code="file_type"
        )
    if max_bytes is not None and upload.size and upload.size > max_bytes:
        raise ActionError(
            _("Tệp quá lớn (tối đa %(size)s MB).") % {"size": megabytes(max_bytes)},
            field="file",
            code="file_size",
        )
    check_size(upload.size, kind)
    content_type, magics = DOCUMENT_TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ActionError(_("Nội dung tệp không đúng với phần mở rộng."), field="file", code="file_type")
    return name[:255], ext, content_type


# --- Excel ---------------------------------------------------------------------------------------------


def check_zip(source: bytes | IO[bytes], *, max_unpacked: int | None = None) -> None:
    """Refuse an .xlsx (a zip) that is not one, or that unpacks to far more than it weighs.

    Reads only the zip's directory: the sizes its entries declare. A declared size can lie, so openpyxl
    is then given the file in read-only (streaming) mode and rows are capped as they are read.
    """
    max_unpacked = settings.EXCEL_MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ActionError(
            _("Không đọc được tệp Excel (.xlsx). Hãy lưu lại bằng Excel rồi gửi lại."),
            field="file",
            code="bad_file",
        ) from exc
    finally:
        if not isinstance(source, bytes | bytearray):
            handle.seek(0)
    if len(entries) > 10_000:
        raise ActionError(_("Tệp Excel có quá nhiều thành phần."), field="file", code="file_bomb")
    unpacked = sum(max(e.file_size, 0) for e in entries)
    packed = sum(max(e.compress_size, 0) for e in entries) or 1
    if unpacked > max_unpacked or (
        unpacked > 10 * 1024 * 1024 and unpacked / packed > settings.ZIP_MAX_RATIO
    ):
        raise ActionError(
            _(
                "Tệp Excel giải nén ra quá lớn (%(unpacked)s MB từ %(packed)s MB): không xử lý. "
                "Hãy lưu bảng tính thành tệp mới chỉ gồm dữ liệu cần nhập."
            )
            % {"unpacked": megabytes(unpacked), "packed": megabytes(packed)},
            field="file",
            code="file_bomb",
        )


def open_workbook(data: bytes | IO[bytes], *, kind: str = "excel", unreadable: str = "") -> Any:
    """Check an uploaded .xlsx (size, zip bounds) and open it in streaming read-only mode (values only).

    ``unreadable``: the caller's message for a file that is empty or no workbook at all (code "bad_file").
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    message = unreadable or _("Không đọc được tệp Excel (.xlsx). Hãy lưu lại bằng Excel rồi gửi lại.")
    size = len(data) if isinstance(data, bytes | bytearray) else None
    if size == 0:
        raise ActionError(message, field="file", code="bad_file")
    if size is not None:
        check_size(size, kind)
    try:
        check_zip(data)
        return load_workbook(
            io.BytesIO(data) if isinstance(data, bytes | bytearray) else data, read_only=True, data_only=True
        )
    except ActionError as exc:
        if exc.code != "bad_file":
            raise
        raise ActionError(message, field="file", code="bad_file") from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ActionError(message, field="file", code="bad_file") from exc


def bounded_rows(
    ws: Any, *, min_row: int = 1, max_rows: int | None = None, max_columns: int | None = None
) -> Iterator[tuple]:
    """The rows of a sheet as tuples of values, refusing a sheet past the row or column cap."""
    max_rows = settings.EXCEL_MAX_ROWS if max_rows is None else max_rows
    max_columns = settings.EXCEL_MAX_COLUMNS if max_columns is None else max_columns
    for count, row in enumerate(ws.iter_rows(min_row=min_row, values_only=True), start=1):
        if count > max_rows:
            raise ActionError(
                _("Bảng tính có quá nhiều dòng (tối đa %(rows)s dòng).")
                % {"rows": f"{max_rows:,}".replace(",", ".")},
                field="file",
                code="too_many_rows",
            )
        if len(row) > max_columns:
            if any(v not in (None, "") for v in row[max_columns:]):
                raise ActionError(
                    _("Bảng tính có quá nhiều cột (tối đa %(columns)s cột).") % {"columns": max_columns},
                    field="file",
                    code="too_many_columns",
                )
            row = row[:max_columns]
        yield row


# --- PDF -----------------------------------------------------------------------------------------------


def pdf_page_count(path: str | os.PathLike[str]) -> int:
    """Pages of a PDF file (its page tree only; nothing is drawn), refusing one that cannot be opened."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(os.fspath(path))
    except pypdfium2.PdfiumError as exc:
        raise ActionError(_("Không mở được tệp PDF."), field="file") from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


def check_pdf_pages(path: str | os.PathLike[str], *, max_pages: int | None = None) -> int:
    max_pages = settings.PDF_MAX_PAGES if max_pages is None else max_pages
    pages = pdf_page_count(path)
    if pages > max_pages:
        raise ActionError(
            _("Tệp PDF có %(pages)s trang, quá giới hạn %(max)s trang.")
            % {"pages": f"{pages:,}".replace(",", "."), "max": f"{max_pages:,}".replace(",", ".")},
            field="file",
            code="too_many_pages",
        )
    return pages


class _Cell:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class SheetGrid:
    """A sheet read once, within the caps, into memory: ``ws["C2"]``, ``ws.cell(row=, column=)``,
    ``max_row``, ``max_column`` as openpyxl's worksheet offers them, for code that reads cells by address
    (a read-only worksheet would re-read the file at each access)."""

    def __init__(self, ws: Any, **caps: Any) -> None:
        self.rows = [list(row) for row in bounded_rows(ws, **caps)]
        while self.rows and all(v in (None, "") for v in self.rows[-1]):
            self.rows.pop()
        self.max_row = len(self.rows)
        self.max_column = max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, column: int) -> _Cell:
        if 1 <= row <= self.max_row and 1 <= column <= len(self.rows[row - 1]):
            return _Cell(self.rows[row - 1][column - 1])
        return _Cell(None)

    def __getitem__(self, address: str) -> _Cell:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        letters, row = coordinate_from_string(address)
        return self.cell(row, column_index_from_string(letters))

    def iter_rows(self, min_row: int = 1, values_only: bool = True) -> Iterator[tuple]:
        for row in self.rows[min_row - 1 :]:
            yield tuple(row)
