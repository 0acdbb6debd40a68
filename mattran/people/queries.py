"""Reads over persons and committees: the committee as of a date, a person's history."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from mattran.core.text import name_sort_key
from mattran.org.models import Unit

from .models import POSITION_RANK, Membership, Person, PersonPost, Term


def term_on(unit: Unit, day: dt.date) -> Term | None:
    """The unit's term that held on a day."""
    return Term.objects.filter(unit=unit, start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day)).first()


def committee_on(unit: Unit, day: dt.date) -> QuerySet:
    """The unit's committee members on a day, in the order committee lists print them."""
    return (
        Membership.objects.filter(unit=unit)
        .on(day)
        .select_related("person", "term", "member_org", "started_by_meeting")
        .by_rank()
    )


def committee_list(unit: Unit, day: dt.date) -> list[Membership]:
    """The committee on a day as printed: by position, then by given name, middle and family name."""
    rows = list(committee_on(unit, day))
    rows.sort(key=lambda m: (POSITION_RANK.get(m.position, 99), m.order, name_sort_key(m.person.full_name)))
    return rows


def committee_history(unit: Unit, term: Term | None = None) -> QuerySet:
    """Every membership change of a unit (or of one term), newest first."""
    qs = Membership.objects.filter(unit=unit)
    if term is not None:
        qs = qs.filter(term=term)
    return qs.select_related(
        "person",
        "term",
        "started_by_meeting",
        "ended_by_meeting",
        "started_by_meeting__unit__level",
        "ended_by_meeting__unit__level",
        "started_by_meeting__term",
        "ended_by_meeting__term",
    ).order_by("-start", "person__search_name")


def with_posts(qs: QuerySet) -> QuerySet:
    """Prefetch posts so Person.title_on does not query per person."""
    return qs.prefetch_related(Prefetch("posts", queryset=PersonPost.objects.order_by("order", "pk")))


def person_memberships(person: Person) -> QuerySet:
    return person.memberships.select_related(
        "unit__level",
        "term",
        "member_org",
        "started_by_meeting",
        "ended_by_meeting",
        "started_by_meeting__unit__level",
        "ended_by_meeting__unit__level",
        "started_by_meeting__term",
        "ended_by_meeting__term",
    ).order_by("-start")
