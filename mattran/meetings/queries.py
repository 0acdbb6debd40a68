"""Reads about meetings that span models: a unit's calendar, the committee as a meeting opened, its
attendance and quorum, the agenda with its hiệp thương (consultation) changes, the memberships it changed."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Prefetch, Q, QuerySet

from mattran.org.history import predecessor_ids
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids
from mattran.people.models import Membership, MembershipQuerySet

from .models import (
    QUORUM_DENOMINATOR,
    QUORUM_NUMERATOR,
    AgendaItem,
    AttendanceStatus,
    ConsultationChange,
    Meeting,
)


def meetings_of(unit: Unit, *, subtree: bool = False, year: int | None = None) -> QuerySet[Meeting]:
    """The unit's meetings (held by it or with its participation) and its predecessors' (phường Bồ Đề's
    calendar shows phường Ngọc Lâm's meetings, labelled with their unit), or those held anywhere in its
    subtree; newest first, with what a calendar line shows."""
    own = [unit.pk, *predecessor_ids(unit)]
    qs = (
        Meeting.objects.filter(Q(unit_id__in=subtree_ids(unit)) | Q(unit_id__in=own))
        if subtree
        else Meeting.objects.in_units(own)
    )
    if year:
        qs = qs.filter(starts_at__year=year)
    return qs.select_related("unit", "unit__level", "term", "cluster").order_by("-starts_at", "-pk")


def committee_of(meeting: Meeting) -> MembershipQuerySet:
    """The committee as the meeting opened: its term's members that day, before its own hiệp thương.

    Members the meeting relieves still count (they were there when it opened); members it adds do not.
    """
    if meeting.term_id is None:
        return Membership.objects.none()
    day = meeting.date
    held = Q(end__isnull=True) | Q(end__gt=day) | Q(end=day, ended_by_meeting=meeting)
    return (
        Membership.objects.filter(term_id=meeting.term_id, start__lte=day)
        .filter(held)
        .exclude(started_by_meeting=meeting)
    )


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """Members in the committee, present, absent with and without leave, not yet marked."""
    total = committee_of(meeting).count()
    by_status = dict.fromkeys(AttendanceStatus.values, 0)
    for status in meeting.attendance.values_list("status", flat=True):
        by_status[status] += 1
    marked = sum(by_status.values())
    return {
        "total": total,
        "present": by_status[AttendanceStatus.PRESENT],
        "excused": by_status[AttendanceStatus.EXCUSED],
        "unexcused": by_status[AttendanceStatus.UNEXCUSED],
        "unmarked": max(total - marked, 0),
    }


def has_quorum(counts: Mapping[str, int]) -> bool:
    """More than half of the committee present."""
    return counts["total"] > 0 and counts["present"] * QUORUM_DENOMINATOR > counts["total"] * QUORUM_NUMERATOR


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order, each item with its votes and its hiệp thương changes (people joined)."""
    changes = ConsultationChange.objects.select_related("membership__person", "person", "new_membership")
    return list(meeting.agenda.prefetch_related(Prefetch("changes", queryset=changes), "votes"))


def started_by(meeting: Meeting) -> MembershipQuerySet:
    """The memberships the meeting's hiệp thương opened."""
    return Membership.objects.filter(started_by_meeting=meeting)


def ended_by(meeting: Meeting) -> MembershipQuerySet:
    """The memberships the meeting's hiệp thương closed."""
    return Membership.objects.filter(ended_by_meeting=meeting)
