"""Figures uploaded from a filled Excel template, for one unit or several side by side: all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.org.models import Unit

from .. import imports
from ..models import ReportForm
from ..periods import Period
from .entry import do_open_submission, do_save_values


@dataclass
class UploadResult:
    units: list[Unit] = field(default_factory=list)
    written: int = 0
    errors: list[dict] = field(default_factory=list)


@transaction.atomic
def do_import_values(
    unit: Unit, *, acting_user: Actor, form: ReportForm, period: Period, data: bytes
) -> UploadResult:
    """Read a filled template and store every unit's figures, or report every problem and store nothing.

    ``unit`` is the unit whose page the file comes from (the unit itself, or the parent of the units in its
    columns); each column's unit is checked for the actor's right to enter its figures as well.
    """
    authorize(acting_user, "reports.enter", unit)
    sheet = imports.read_values_sheet(data)
    checked = imports.validate_values_sheet(sheet, form=form, period=period, acting_user=acting_user)
    if checked.errors:
        return UploadResult(errors=checked.errors)
    result = UploadResult()
    for figures in checked.units:
        sub = do_open_submission(acting_user=acting_user, form=form, unit=figures.unit, period=period)
        result.written += do_save_values(
            sub, acting_user=acting_user, cells=figures.cells, notes=checked.notes
        )
        result.units.append(figures.unit)
    audit.record(
        "reports.import_values",
        actor=acting_user,
        unit=unit,
        after={"form": form.code, "period": period.key, "units": [u.pk for u in result.units]},
        summary=f"Nhập {result.written} số liệu {form.code} {period.label} từ Excel cho {len(result.units)} đơn vị",
    )
    return result
