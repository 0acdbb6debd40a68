"""What the meetings actions share: the permission names, reading a text for a model field, locking the
meeting, the next position in a list, the audit entry, and naming a person."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import clean_text
from mattran.org.models import Unit
from mattran.people import actions as people_actions
from mattran.people.models import Person

from ..models import Meeting

RECORD = "meetings.record_meeting"
PUBLISH = "meetings.publish_news"


def text_for(model: type[models.Model], field: str, value: object, *, error_field: str | None = None) -> str:
    """The text as stored in ``model.field``: NFC, whitespace collapsed (paragraphs kept in a TextField),
    None as empty, refused beside the field when longer than the column."""
    f = model._meta.get_field(field)
    return clean_text(
        value,
        field=error_field or field,
        max_length=getattr(f, "max_length", None),
        multiline=isinstance(f, models.TextField),
    )


def lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting re-read under a row lock, with what headings and checks read."""
    return lock(meeting, related=("unit", "unit__level", "term", "cluster"))


def next_order(qs: models.Manager[Any] | models.QuerySet[Any]) -> int:
    """The position after the last one in an ordered list (guests, agenda, opinions…)."""
    last = qs.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def log(
    action: str,
    meeting: Meeting,
    acting_user: Actor,
    obj: models.Model,
    summary: str,
    before: dict[str, Any] | None = None,
) -> None:
    """One audit entry for a change to the meeting's record, under the meeting's unit."""
    audit.record(
        action,
        actor=acting_user,
        unit=meeting.unit,
        obj=obj,
        before=before,
        after=audit.snapshot(obj),
        summary=summary,
    )


def named_person(unit: Unit, name: str, acting_user: Actor, *, field: str = "person_name") -> Person:
    """The unit's person of that full name, or a new one (in the caller's transaction)."""
    name = clean_text(name, field=field, max_length=Person._meta.get_field("full_name").max_length)
    if len(name.split()) < 2:
        raise ActionError(_("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field=field)
    return people_actions.find_or_create_person(acting_user=acting_user, unit=unit, full_name=name)
