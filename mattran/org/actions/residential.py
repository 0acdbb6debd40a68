"""A commune's residential areas imported from an Excel sheet (org/imports.py reads and checks it)."""

from __future__ import annotations

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize

from ..imports import ParseResult, parse_workbook
from ..models import Unit
from .units import do_create_unit


@transaction.atomic
def do_import_residential_areas(
    *, acting_user: Actor, commune: Unit, data: bytes
) -> tuple[list[Unit], ParseResult]:
    """Create every area in the sheet, or none if any row is wrong."""
    authorize(acting_user, "org.add_child_unit", commune)
    parsed = parse_workbook(data, commune=commune)
    if parsed.errors:
        return [], parsed
    created = [
        do_create_unit(
            acting_user=acting_user,
            parent=commune,
            short_name=row.short_name,
            kind=row.kind,
            code=row.code,
            notes=row.notes,
        )
        for row in parsed.rows
    ]
    audit.record(
        "org.import_residential_areas",
        actor=acting_user,
        unit=commune,
        obj=commune,
        after={"created": [u.pk for u in created]},
        summary=f"Nhập {len(created)} khu dân cư từ Excel",
    )
    return created, parsed
