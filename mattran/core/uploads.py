"""Checking uploaded documents (attachments, evidence) by size, extension and actual content."""

from __future__ import annotations

import os

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


def check_document(upload: UploadedFile, *, max_bytes: int) -> tuple[str, str, str]:
    """Return (clean name, extension, content type) of an uploaded document, or refuse it."""
    name = os.path.basename(nfc(upload.name or "")).strip()
    ext = os.path.splitext(name)[1].lower()
    if ext not in DOCUMENT_TYPES:
        allowed = ", ".join(sorted(e.lstrip(".") for e in DOCUMENT_TYPES))
        raise ActionError(
            _("Chỉ nhận tệp %(allowed)s.") % {"allowed": allowed}, field="file", code="file_type"
        )
    if not upload.size:
        raise ActionError(_("Tệp rỗng."), field="file")
    if upload.size > max_bytes:
        raise ActionError(
            _("Tệp quá lớn (tối đa %(size)s MB).") % {"size": max_bytes // (1024 * 1024)},
            field="file",
            code="file_size",
        )
    content_type, magics = DOCUMENT_TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ActionError(_("Nội dung tệp không đúng với phần mở rộng."), field="file", code="file_type")
    return name[:255], ext, content_type
