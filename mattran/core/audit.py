"""Write audit records; only actions call this."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .authz import SystemActor, user_or_none
from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the JSON-ready values of a model's concrete fields (or the named ones)."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in obj._meta.concrete_fields if f.name not in {"search_name"}]
    )
    data = {name: _plain(getattr(obj, name)) for name in names}
    # Keep a readable label beside each foreign key so the log stays legible after renames.
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.attname in data and data[f.attname] is not None:
            data[f.name] = str(getattr(obj, f.name))
    return data


def record(
    action: str,
    *,
    actor,
    unit=None,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one audit entry."""
    entry = AuditEntry(
        action=action,
        actor=user_or_none(actor),
        system_actor=actor.name if isinstance(actor, SystemActor) else "",
        unit=unit,
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        summary=summary[:500],
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    entry.save(force_insert=True)
    return entry
