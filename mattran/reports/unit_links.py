"""The reports' work offered on a unit's page (org.links): the unit's last 6-month and year-end reviews.

A former unit's are those of its last half-year and year (phường Ngọc Lâm: 6 tháng đầu năm 2025, năm 2024),
written by its successor's staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.org.links import Link, register
from mattran.org.models import Unit

from . import periods as P


def review_periods(unit: Unit, today: dt.date) -> list[P.Period]:
    """The last finished half-year and year of the unit's life (a former unit's last half-year, even if it
    closed within it, and its last whole year)."""
    if unit.valid_to is None:
        half = P.Period.containing(P.HALF, today).previous()
        year = P.Period.containing(P.YEAR, today).previous()
    else:
        last_day = unit.valid_to - dt.timedelta(days=1)
        half = P.Period.containing(P.HALF, last_day)
        year = P.Period.containing(P.YEAR, last_day)
        if year.end != last_day:
            year = year.previous()
    return [
        p
        for p in (half, year)
        if (unit.valid_from is None or unit.valid_from <= p.end)
        and (unit.valid_to is None or unit.valid_to > p.start)
    ]


@register
def review_links(user: Any, unit: Unit) -> list[Link]:
    if unit.is_residential or not user.has_perm("reports.view", unit):
        return []
    return [
        (
            _("Báo cáo %(period)s") % {"period": period.display},
            reverse("reports:review", args=[unit.pk, period.key]),
        )
        for period in review_periods(unit, timezone.localdate())
    ]
