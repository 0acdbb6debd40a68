"""The yearly supervision programme: creating it, recording its adoption at a meeting, publishing it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.meetings.models import Meeting
from mattran.org.models import Unit

from ...models import ProgrammeStatus, SupervisionProgramme
from ..common import field_text, log, valid_year

# --- the programme ------------------------------------------------------------------------------------------


@transaction.atomic
def do_create_programme(
    *, acting_user: Actor, unit: Unit, year: int, title: str = ""
) -> SupervisionProgramme:
    """Create the draft supervision programme of a unit for a year."""
    authorize(acting_user, "oversight.manage", unit)
    year = valid_year(year)
    title = field_text(SupervisionProgramme, "title", title) or f"Chương trình giám sát năm {year}"
    if SupervisionProgramme.objects.filter(unit=unit, year=year).exists():
        raise ActionError(
            _("Đơn vị đã có chương trình giám sát năm %(year)s.") % {"year": year},
            field="year",
            code="duplicate",
        )
    programme = SupervisionProgramme.objects.create(
        unit=unit, year=year, title=title, created_by=user_or_none(acting_user)
    )
    log("create_programme", programme, acting_user, f"Tạo {title}", after=audit.snapshot(programme))
    return programme


@transaction.atomic
def do_adopt_programme(
    programme: SupervisionProgramme,
    *,
    acting_user: Actor,
    meeting: Meeting,
    adopted_on: dt.date | None = None,
) -> SupervisionProgramme:
    """Record that a committee meeting of the unit adopted the programme."""
    authorize(acting_user, "oversight.manage", programme)
    programme = lock(programme, related=["unit"])
    if programme.status != ProgrammeStatus.DRAFT:
        raise ActionError(_("Chương trình đã được thông qua."), code="adopted", status=409)
    if meeting is None or meeting.unit_id != programme.unit_id:
        raise ActionError(_("Chọn hội nghị của chính đơn vị đã thông qua chương trình."), field="meeting")
    before = audit.snapshot(programme)
    programme.status = ProgrammeStatus.ADOPTED
    programme.adopted_at = meeting
    programme.adopted_on = adopted_on or meeting.starts_at.date()
    programme.save(update_fields=["status", "adopted_at", "adopted_on"])
    log(
        "adopt_programme", programme, acting_user, f"Thông qua {programme.title} tại {meeting.title}",
        before=before, after=audit.snapshot(programme),
    )  # fmt: skip
    return programme


@transaction.atomic
def do_publish_programme(
    programme: SupervisionProgramme, *, acting_user: Actor, published: bool = True
) -> SupervisionProgramme:
    """Show (or stop showing) the programme's summary on the unit's public page."""
    authorize(acting_user, "oversight.manage", programme)
    programme = lock(programme, related=["unit"])
    if published and programme.status != ProgrammeStatus.ADOPTED:
        raise ActionError(_("Chỉ công khai chương trình đã được thông qua."), code="not_adopted", status=409)
    programme.published = bool(published)
    programme.save(update_fields=["published"])
    log(
        "publish_programme", programme, acting_user,
        ("Công khai " if published else "Thôi công khai ") + programme.title,
        after={"published": programme.published},
    )  # fmt: skip
    return programme
