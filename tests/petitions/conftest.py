"""Citizens' cases on the small test tree: the commune's directory, and a helper to receive a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mattran.org.actions import do_create_agency
from mattran.org.models import AgencyKind
from mattran.petitions import actions, catalogue
from mattran.petitions.models import Case, Channel, Field, Kind
from tests.conftest import SYSTEM

# A PNG of one pixel and a PDF, made here (real files, small).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str = "tra-loi.pdf", data: bytes = PDF, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def shipped_catalogue(db, settings, tmp_path):
    catalogue.ensure()
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def agencies(tree) -> dict[str, Any]:
    return {
        "ubnd": do_create_agency(
            acting_user=SYSTEM,
            unit=tree.commune,
            name="Ủy ban nhân dân xã An",
            kind=AgencyKind.PEOPLES_COMMITTEE,
        ),
        "police": do_create_agency(
            acting_user=SYSTEM, unit=tree.commune, name="Công an xã An", kind=AgencyKind.POLICE
        ),
        "other": do_create_agency(
            acting_user=SYSTEM,
            unit=tree.sibling,
            name="Ủy ban nhân dân xã Bình",
            kind=AgencyKind.PEOPLES_COMMITTEE,
        ),
    }


def field(code: str = "moi-truong") -> Field:
    return Field.objects.get(code=code)


def receive(
    unit, *, kind: str = Kind.RECOMMENDATION, day: dt.date | None = None, actor: Any = SYSTEM, **extra: Any
) -> Case:
    data: dict[str, Any] = {
        "summary": "Rác thải tập kết trái phép đầu ngõ 12",
        "text": "Nhiều hộ dân phản ánh rác thải tập kết đầu ngõ 12 gây ô nhiễm, đề nghị di dời.",
        "received_on": day or dt.date(2025, 3, 3),
        "channel": Channel.LETTER,
        "field": field(),
        "submitters": [{"full_name": "Nguyễn Văn Bình", "phone": "0912345678", "address": "Số 3 ngõ 12"}],
    }
    data.update(extra)
    return actions.do_receive_case(acting_user=actor, unit=unit, kind=kind, **data)
