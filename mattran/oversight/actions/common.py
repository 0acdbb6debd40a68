"""What the oversight actions share: reading a text, a year and a date the one way, and the audit record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor
from mattran.core.errors import ActionError
from mattran.core.text import clean_text

FIRST_YEAR, LAST_YEAR = 1990, 2100


def field_text(
    model: type[models.Model], name: str, value: object, *, field: str | None = None, required: str = ""
) -> str:
    """``value`` cleaned for the model's text field ``name`` (NFC; paragraphs kept in a long text); refused
    when longer than the column holds, or empty when ``required`` (the message) is given."""
    column = model._meta.get_field(name)
    return clean_text(
        value,
        field=field or name,
        required=bool(required),
        message=required or None,
        max_length=getattr(column, "max_length", None),
        multiline=isinstance(column, models.TextField),
    )


def valid_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ActionError(_("Năm không hợp lệ."), field="year")
    return year


def valid_date(value: object, *, field: str, message: str) -> dt.date:
    """A date (not a datetime), or the message on the field."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ActionError(message, field=field)
    return value


def log(action: str, obj: models.Model, acting_user: Actor, summary: str, **kwargs: Any) -> None:
    """One audit entry of an oversight action, under the unit the record belongs to."""
    audit.record(
        f"oversight.{action}",
        actor=acting_user,
        unit=getattr(obj, "unit", None),
        obj=obj,
        summary=summary,
        **kwargs,
    )
