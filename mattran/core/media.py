"""Sending an uploaded file to a reader the calling view has already authorised.

Uploaded files (meeting attachments, programs' evidence, statement files) have no public URL: nothing
serves MEDIA_ROOT, in any mode. A view fetches the record (``core.web.fetch``, which checks the reader's
permission) and answers with ``file_response``. Django streams the file itself by default; in production
``MATTRAN_MEDIA_ACCEL`` hands the sending to the web server after the check:

- ``nginx:/protected-media/`` — an ``X-Accel-Redirect`` to an ``internal`` location aliased to MEDIA_ROOT;
- ``apache`` (or ``lighttpd``) — an ``X-Sendfile`` header with the file's path (mod_xsendfile).
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase


def _media_path(file: FieldFile | str | Path) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    name = file.name if isinstance(file, FieldFile) else str(file)
    if not name:
        raise Http404
    path = (root / name).resolve()
    if root not in path.parents:
        raise Http404  # a stored name never leaves MEDIA_ROOT; refuse one that would
    if not path.is_file():
        raise Http404
    return path


def _disposition(filename: str, as_attachment: bool) -> str:
    kind = "attachment" if as_attachment else "inline"
    ascii_name = filename.encode("ascii", "ignore").decode() or "tep"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def file_response(
    file: FieldFile | str | Path,
    *,
    filename: str = "",
    content_type: str = "",
    as_attachment: bool = True,
) -> HttpResponseBase:
    """Answer with a stored file (its name relative to MEDIA_ROOT, or its field) — 404 if it is gone."""
    path = _media_path(file)
    filename = filename or path.name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    accel = (getattr(settings, "MEDIA_ACCEL", "") or "").strip()
    response: HttpResponseBase
    if accel:
        response = HttpResponse(content_type=content_type)
        relative = path.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
        if accel.startswith("nginx:"):
            response["X-Accel-Redirect"] = accel.removeprefix("nginx:").rstrip("/") + "/" + quote(relative)
        else:
            response["X-Sendfile"] = os.fspath(path)
    else:
        response = FileResponse(path.open("rb"), content_type=content_type)
    response["Content-Disposition"] = _disposition(filename, as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
