"""Row locks for actions where two people can race (the same meeting, fund, submission, units)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock(obj: M, *, related: Sequence[str] = ()) -> M:
    """Re-read ``obj`` under a row lock (SELECT … FOR UPDATE of its own row) inside the caller's transaction,
    with the named relations joined; the caller works on the returned, fresh copy."""
    qs = type(obj)._default_manager.select_for_update(of=("self",)).select_related(*related)
    return qs.get(pk=obj.pk)


def lock_all(objs: Sequence[M], *, related: Sequence[str] = ()) -> list[M]:
    """Re-read several rows of one model under row locks, in id order (so two callers cannot deadlock),
    returned in the order given."""
    if not objs:
        return []
    model = type(objs[0])
    ids = [o.pk for o in objs]
    rows = model._default_manager.select_for_update(of=("self",)).select_related(*related).filter(pk__in=ids)
    found = {o.pk: o for o in rows.order_by("pk")}
    return [found[i] for i in ids]
