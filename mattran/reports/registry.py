"""Registry of computed indicators: queries over the records other modules keep, so a figure is typed once.

A module registers a function under a stable key, usually from its AppConfig.ready()::

    from mattran.reports.registry import register

    @register("meetings.held", _("Số hội nghị do đơn vị tổ chức trong kỳ"))
    def meetings_held(unit, period):  # -> int, or {breakdown option code: int}
        ...

An indicator with ``source = computed`` and ``computed_key`` naming the function gets its value for a unit
and period from it; the value is stored (marked computed) when the unit's report is opened, saved or
submitted, so roll-ups read stored values only. Once the report is approved the stored figure is locked like a
typed one; re-opening and saving recomputes it.

**Count the unit's own records only.** A roll-up (queries.rollup) adds the stored values of every unit in a
subtree, each unit's once, exactly as for typed figures — it does not know where a value came from. So a query
answering for a province must count the province's own records (its funds, the meetings it held, its
committee), never its communes': the communes' own stored figures are added by the roll-up, and a query that
summed its subtree would count every commune record twice at the province and three times at the centre.
Records that move between levels (a fund transfer, điều tiết) must be counted at one end only, or not at all.

The queries live with the records they read, registered from each app's ``AppConfig.ready()``:
``mattran/funds/indicators.py`` (receipts and support per fund kind, gifts, houses, households),
``mattran/meetings/indicators.py`` (meetings held, voter contacts), ``mattran/people/indicators.py``
(committee members by gender, ethnic minority, religion) and, below, the organisation's own counts. A key
with no registered query leaves the indicator's stored values as they are. The label is shown to cadres as the
figure's source, in their language: mark it for translation (``gettext_lazy``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Level, MemberOrganization, Unit, UnitClosure

from .periods import Period

ComputeFn = Callable[[Unit, Period], "int | dict[str, int]"]


@dataclass(frozen=True)
class Computation:
    key: str
    label: str | Promise  # lazily translated: ``str(label)`` in the reader's language
    fn: ComputeFn


_REGISTRY: dict[str, Computation] = {}


def register(key: str, label: str | Promise) -> Callable[[ComputeFn], ComputeFn]:
    """Register a computed-indicator query under a key (re-registering replaces it)."""

    def wrap(fn: ComputeFn) -> ComputeFn:
        _REGISTRY[key] = Computation(key, label, fn)
        return fn

    return wrap


def get(key: str) -> Computation | None:
    return _REGISTRY.get(key)


def available() -> list[Computation]:
    return sorted(_REGISTRY.values(), key=lambda c: c.key)


def compute(key: str, unit: Unit, period: Period) -> dict[str, int]:
    """Run a registered query; the answer is keyed by breakdown option ("" for the plain figure)."""
    comp = _REGISTRY.get(key)
    if comp is None:
        return {}
    out = comp.fn(unit, period)
    if isinstance(out, dict):
        return {str(k): int(v) for k, v in out.items()}
    return {"": int(out)}


def _open_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


@register("org.residential_areas", _("Số khu dân cư (Ban công tác Mặt trận) trực thuộc, cuối kỳ"))
def residential_areas(unit: Unit, period: Period) -> int:
    # The residential areas under the unit at the end of the period (the tree of that day, org.queries):
    # phường Ngọc Lâm's 14 groups count under it in 2020, under phường Bồ Đề from 1 July 2025.
    if unit.is_residential:
        return 0
    below = UnitClosure.objects.filter(_open_on(period.end), ancestor_id=unit.pk, depth=1).values(
        "descendant_id"
    )
    return Unit.objects.filter(_open_on(period.end), pk__in=below, level__code=Level.RESIDENTIAL).count()


@register("org.member_organizations", _("Số tổ chức thành viên của Mặt trận tại đơn vị, cuối kỳ"))
def member_organizations(unit: Unit, period: Period) -> int:
    return MemberOrganization.objects.filter(_open_on(period.end), unit=unit).count()
