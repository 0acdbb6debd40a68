"""The values the documents API passes around: a signer (``SignatureBlock``), a body element as recorded
for the PDF (``Block``), the error when no PDF engine is installed, and ``in_vietnamese`` for builders."""

from __future__ import annotations

from typing import NamedTuple


def in_vietnamese(build):
    """Build an administrative document in Vietnamese whatever the reader's interface language: choice
    labels and period names are translatable, a Decree 30 document is not."""
    import functools

    from django.utils import translation

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapper


class Block(NamedTuple):
    """One body element as recorded for the PDF, which is drawn from the same content as the DOCX.

    ``kind`` is "heading", "paragraph", "table", "signatures" or "recipients"; ``data`` holds what the
    element needs (texts already formatted as in the DOCX, sizes in millimetres).
    """

    kind: str
    data: dict


class PdfUnavailable(RuntimeError):
    """The PDF engine (WeasyPrint with Pango) is not installed on this machine."""


class SignatureBlock(NamedTuple):
    """One signer: authority line ("TM. BAN THƯỜNG TRỰC"), position ("CHỦ TỊCH") and full name."""

    role: str
    title: str
    name: str
