"""The residential areas' yearly evaluation of the officials and party members who live there (QĐ 218-QĐ/TW)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.org.models import Level, Unit
from mattran.people.models import Person

from ..models import EvaluatedPerson, EvaluationResult, ResidentialEvaluation
from .common import field_text, log, valid_date, valid_year


@transaction.atomic
def do_open_evaluation(
    *, acting_user: Actor, unit: Unit, year: int, held_on: dt.date, notes: str = ""
) -> ResidentialEvaluation:
    """Open a residential area's evaluation conference of a year."""
    authorize(acting_user, "oversight.manage", unit)
    year = valid_year(year)
    if unit.level.code != Level.RESIDENTIAL:
        raise ActionError(
            _("Việc đánh giá theo Quy định 218 do khu dân cư thực hiện; chọn một khu dân cư."), field="unit"
        )
    day = valid_date(held_on, field="held_on", message=_("Nhập ngày hội nghị đánh giá."))
    if ResidentialEvaluation.objects.filter(unit=unit, year=year).exists():
        raise ActionError(
            _("Khu dân cư đã có đợt đánh giá năm %(year)s.") % {"year": year}, field="year", code="duplicate"
        )
    evaluation = ResidentialEvaluation.objects.create(
        unit=unit, year=year, held_on=day, notes=field_text(ResidentialEvaluation, "notes", notes)
    )
    log(
        "open_evaluation",
        evaluation,
        acting_user,
        f"Đánh giá cán bộ, đảng viên năm {year}",
        after=audit.snapshot(evaluation),
    )
    return evaluation


@transaction.atomic
def do_evaluate_person(
    evaluation: ResidentialEvaluation,
    *,
    acting_user: Actor,
    name: str = "",
    result: str,
    is_party_member: bool = True,
    workplace: str = "",
    remarks: str = "",
    person: Person | None = None,
) -> EvaluatedPerson:
    """Record the residential area's verdict on one official or party member living there."""
    authorize(acting_user, "oversight.manage", evaluation)
    evaluation = lock(evaluation, related=["unit"])
    if result not in EvaluationResult.values:
        raise ActionError(_("Chọn kết quả đánh giá."), field="result")
    if person is not None:
        name = name or person.full_name
    name = field_text(EvaluatedPerson, "name", name, required=_("Nhập họ tên người được đánh giá."))
    remarks = field_text(EvaluatedPerson, "remarks", remarks)
    if result == EvaluationResult.SHORTCOMING and not remarks:
        raise ActionError(_("Ghi ý kiến của khu dân cư về khuyết điểm."), field="remarks")
    entry = EvaluatedPerson.objects.create(
        evaluation=evaluation,
        unit=evaluation.unit,
        person=person,
        name=name,
        is_party_member=bool(is_party_member),
        workplace=field_text(EvaluatedPerson, "workplace", workplace),
        result=result,
        remarks=remarks,
    )
    log(
        "evaluate_person", entry, acting_user, f"Đánh giá năm {evaluation.year}: {entry.get_result_display()}"
    )
    return entry
