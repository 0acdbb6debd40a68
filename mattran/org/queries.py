"""Reads over the hierarchy that every module uses; all index-backed, no recursion in Python."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.utils import timezone

from mattran.core.models import AuditEntry
from mattran.core.text import fold

from .models import Level, Unit, UnitClosure, UnitSuccession


def today() -> dt.date:
    return timezone.localdate()


def _edges_on(day: dt.date | None) -> Q:
    if day is None:
        return Q(valid_to__isnull=True)
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def subtree_ids(unit: Unit | int, *, as_of: dt.date | None = None, include_self: bool = True) -> QuerySet:
    """Ids of the units below a unit (itself included) through the tree edges that held on a day."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    qs = UnitClosure.objects.filter(_edges_on(as_of), ancestor_id=unit_id)
    if not include_self:
        qs = qs.filter(depth__gt=0)
    return qs.values("descendant_id")


def subtree(unit: Unit | int, *, as_of: dt.date | None = None, include_self: bool = True) -> QuerySet:
    """The units below a unit as of a day (default: today's open units)."""
    day = as_of or today()
    return Unit.objects.filter(pk__in=subtree_ids(unit, as_of=as_of, include_self=include_self)).open_on(day)


def scope_q(unit_id: int) -> Q:
    """Units a user of `unit_id` may read: its subtree, and units merged into it (through their home)."""
    ids = subtree_ids(unit_id)
    return Q(pk__in=ids) | Q(home_id__in=ids)


def effective_descendants(unit: Unit | int) -> QuerySet:
    """Every unit, open or closed, whose history counts toward this unit today (exactly once)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return Unit.objects.filter(home_id__in=subtree_ids(unit_id))


def count_effective_descendants(unit: Unit | int) -> int:
    """Count the units whose history rolls up into this unit, with one indexed join."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT COUNT(*) FROM {UnitClosure._meta.db_table} c "
            f"JOIN {Unit._meta.db_table} u ON u.home_id = c.descendant_id "
            "WHERE c.ancestor_id = %s AND c.valid_to IS NULL",
            [unit_id],
        )
        return cur.fetchone()[0]


def ancestors(unit: Unit, *, as_of: dt.date | None = None, include_self: bool = False) -> list[Unit]:
    """The parent chain from the top down."""
    qs = UnitClosure.objects.filter(_edges_on(as_of if as_of else None), descendant_id=unit.pk)
    if as_of is None and not unit.is_open:
        # A closed unit's chain is the one it had when it closed.
        qs = UnitClosure.objects.filter(
            _edges_on(unit.valid_to - dt.timedelta(days=1)), descendant_id=unit.pk
        )
    if not include_self:
        qs = qs.filter(depth__gt=0)
    links = qs.select_related("ancestor", "ancestor__level").order_by("-depth")
    return [link.ancestor for link in links]


def is_in_subtree(unit_id: int, ancestor_id: int, *, as_of: dt.date | None = None) -> bool:
    """Whether a unit lies below (or is) another unit."""
    return UnitClosure.objects.filter(
        _edges_on(as_of), ancestor_id=ancestor_id, descendant_id=unit_id
    ).exists()


def relation(unit: Unit, other: Unit) -> str:
    """How `other` stands to `unit`: own, child, grandchild, descendant, parent, ancestor, sibling, other."""
    if unit.pk == other.pk:
        return "own"
    link = UnitClosure.objects.filter(
        Q(valid_to__isnull=True), ancestor_id=unit.pk, descendant_id=other.pk
    ).first()
    if link:
        return {1: "child", 2: "grandchild"}.get(link.depth, "descendant")
    link = UnitClosure.objects.filter(
        Q(valid_to__isnull=True), ancestor_id=other.pk, descendant_id=unit.pk
    ).first()
    if link:
        return "parent" if link.depth == 1 else "ancestor"
    if unit.parent_id and unit.parent_id == other.parent_id:
        return "sibling"
    return "other"


def children(unit: Unit, *, as_of: dt.date | None = None) -> QuerySet:
    """Direct children as of a day, in Vietnamese order of kind and name."""
    ids = UnitClosure.objects.filter(_edges_on(as_of), ancestor_id=unit.pk, depth=1).values("descendant_id")
    return Unit.objects.filter(pk__in=ids).open_on(as_of or today()).select_related("level")


def predecessors(unit: Unit) -> QuerySet:
    return UnitSuccession.objects.filter(successor=unit).select_related("predecessor__level", "event")


def successors(unit: Unit) -> QuerySet:
    return UnitSuccession.objects.filter(predecessor=unit).select_related("successor__level", "event")


def search_units(
    query: str,
    *,
    within: Unit | None = None,
    include_closed: bool = False,
    level: str | None = None,
    limit: int = 20,
) -> list[Unit]:
    """Find units whose name words start with the query's words, with or without diacritics.

    "le chan" finds "Lê Chân"; ranking (in SQL, before the limit): the exact short name, then names that
    start with the phrase, then the phrase anywhere, then other matches; open units first, then higher levels.
    """
    words = fold(query).split()
    if not words:
        return []
    qs = Unit.objects.all()
    if connection.vendor == "sqlite":
        # FTS5 prefix match on the folded name; the index is kept in step by triggers (migration 0002).
        match = " ".join(f'"{w}"*' for w in words)
        qs = qs.filter(pk__in=RawSQL("SELECT rowid FROM org_unit_fts WHERE org_unit_fts MATCH %s", [match]))
    else:
        # Word-start regex per word; the pg_trgm GIN index on search_name serves it (migration 0002).
        for word in words:
            qs = qs.filter(search_name__regex=rf"(^| ){re.escape(word)}")
    if not include_closed:
        qs = qs.filter(valid_to__isnull=True)
    if level:
        qs = qs.filter(level__code=level)
    if within is not None:
        qs = qs.filter(scope_q(within.pk))
    phrase = " ".join(words)
    rank = Case(
        When(search_short=phrase, then=Value(0)),
        When(search_short__startswith=phrase, then=Value(1)),
        When(Q(search_name__startswith=phrase) | Q(search_name__contains=f" {phrase}"), then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    closed = Case(When(valid_to__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    qs = qs.annotate(match_rank=rank, closed_rank=closed).select_related("level", "parent")
    return list(qs.order_by("match_rank", "closed_rank", "level__rank", "search_name", "pk")[:limit])


def units_at_level(level_code: str, *, as_of: dt.date | None = None) -> QuerySet:
    return Unit.objects.filter(level__code=level_code).open_on(as_of or today())


def central_unit() -> Unit | None:
    return Unit.objects.filter(level__code=Level.CENTRAL).order_by("pk").first()


def audit_in_subtree(unit: Unit, entries: QuerySet[AuditEntry] | None = None) -> QuerySet[AuditEntry]:
    """Audit entries about units that were below this unit when the entry was written, or merged into it."""
    entries = AuditEntry.objects.all() if entries is None else entries
    day = OuterRef("audit_day")
    below_then = UnitClosure.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gt=day),
        ancestor_id=unit.pk,
        descendant_id=OuterRef("unit_id"),
    )
    merged_in = Unit.objects.filter(valid_to__isnull=False, home_id__in=subtree_ids(unit.pk)).values("pk")
    return entries.annotate(audit_day=TruncDate("at")).filter(Exists(below_then) | Q(unit_id__in=merged_in))
