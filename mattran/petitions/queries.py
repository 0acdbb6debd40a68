"""Reads of citizens' cases: a unit's list (own or subtree), overdue counts by body, on-time rates, the
public side (by tracking code, published answers) — none of them reads a sealed submitter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from mattran.org import queries as org_queries
from mattran.org.models import Unit

from .models import OPEN_STATUSES, Case, CaseQuerySet, Status, normalise_code


def cases_of(unit: Unit, *, subtree: bool = False) -> CaseQuerySet:
    """The unit's own cases, or every case of its subtree (units merged into it included)."""
    if subtree:
        units = Unit.objects.filter(org_queries.scope_q(unit.pk)).values("pk")
        qs = Case.objects.filter(unit_id__in=units)
    else:
        qs = Case.objects.filter(unit=unit)
    return qs.select_related("unit", "field", "agency")


def filtered(qs: CaseQuerySet, params: Any, today: dt.date) -> CaseQuerySet:
    status = params.get("trang_thai") or ""
    if status == "mo":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if params.get("qua_han"):
        qs = qs.overdue(today)
    if params.get("loai"):
        qs = qs.filter(kind=params["loai"])
    if params.get("linh_vuc"):
        qs = qs.filter(field__code=params["linh_vuc"])
    return qs


def overdue_first(qs: CaseQuerySet, today: dt.date) -> CaseQuerySet:
    """Open cases by deadline (overdue first), then the rest newest first."""
    return qs.order_by(F("due_on").asc(nulls_last=True), "-received_on", "-id")


def overdue_by_agency(qs: CaseQuerySet, today: dt.date) -> list[dict[str, Any]]:
    """Overdue cases counted per body they wait on (None: still with the Front)."""
    return list(
        qs.overdue(today)
        .values("agency_id", "agency__name")
        .annotate(n=Count("id"))
        .order_by("-n", "agency__name")
    )


def on_time_by_agency(
    unit: Unit, start: dt.date, end: dt.date, *, subtree: bool = True
) -> list[dict[str, Any]]:
    """Per body: cases answered in the period, how many on time, the rate (%)."""
    qs = cases_of(unit, subtree=subtree).filter(answered_on__range=(start, end), agency__isnull=False)
    rows = (
        qs.values("agency_id", "agency__name")
        .annotate(answered=Count("id"), on_time=Count("id", filter=Q(answered_on__lte=F("answer_due_on"))))
        .order_by("agency__name")
    )
    out = []
    for row in rows:
        rate = round(100 * row["on_time"] / row["answered"]) if row["answered"] else 0
        out.append({**row, "rate": rate})
    return out


def by_code(code: str) -> Case | None:
    """The case a tracking code names, as the public may see it (None for unknown and hidden alike)."""
    normalised = normalise_code(code)
    if len(normalised) != 12:
        return None
    case = (
        Case.objects.select_related("unit", "field", "agency", "merged_into").filter(code=normalised).first()
    )
    if case is None:
        return None
    if case.status == Status.MERGED and case.merged_into is not None:
        return case.merged_into
    return case


def published(unit: Unit | None = None) -> QuerySet[Case]:
    qs = Case.objects.filter(published=True, sealed=False).select_related("unit", "field", "agency")
    if unit is not None:
        qs = qs.filter(unit_id__in=Unit.objects.filter(org_queries.scope_q(unit.pk)).values("pk"))
    return qs.order_by("-answered_on", "-id")
