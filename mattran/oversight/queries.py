"""Reads across the oversight models: a unit's (or subtree's) recommendations and their answer rates, the
to-do items of a user, the counts the dashboard and the public page show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.org.models import Unit, UnitClosure

from .models import (
    ActivityStatus,
    Recommendation,
    RecommendationStatus,
    SupervisionActivity,
    SupervisionProgramme,
    TeamRole,
)

SECTION = "Giám sát, phản biện"
TEAM_ORDER = {TeamRole.HEAD: 0, TeamRole.DEPUTY: 1, TeamRole.MEMBER: 2, TeamRole.SECRETARY: 3}


def subtree_ids(unit: Unit) -> QuerySet[Any]:
    """Ids of the unit and every unit below it today (for roll-ups of a province or a district)."""
    return UnitClosure.objects.filter(ancestor_id=unit.pk, valid_to__isnull=True).values("descendant_id")


def in_subtree(qs: QuerySet[Any], unit: Unit) -> QuerySet[Any]:
    return qs.filter(Q(unit_id=unit.pk) | Q(unit_id__in=subtree_ids(unit)))


def open_overdue(qs: QuerySet[Recommendation], day: dt.date) -> QuerySet[Recommendation]:
    return qs.filter(status=RecommendationStatus.OPEN, due_on__lt=day)


@dataclass(frozen=True)
class BodyRow:
    addressee: str
    made: int
    answered: int
    answered_late: int
    overdue: int

    @property
    def answer_rate(self) -> int:
        return round(100 * self.answered / self.made) if self.made else 0


def recommendations_by_body(
    unit: Unit, *, day: dt.date | None = None, year: int | None = None
) -> list[BodyRow]:
    """Per body that must answer, in the unit's subtree: made, answered, answered late, overdue now
    (one grouped query; bodies with the most overdue first)."""
    day = day or timezone.localdate()
    qs = in_subtree(Recommendation.objects.all(), unit)
    if year is not None:
        qs = qs.filter(issued_on__year=year)
    answered = Q(answered_on__isnull=False)
    rows = (
        qs.values("addressee")
        .annotate(
            made=Count("pk"),
            answered=Count("pk", filter=answered),
            late=Count("pk", filter=answered & Q(answered_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(status=RecommendationStatus.OPEN, due_on__lt=day)),
        )
        .order_by("-overdue", "addressee")
    )
    return [BodyRow(r["addressee"], r["made"], r["answered"], r["late"], r["overdue"]) for r in rows]


@dataclass(frozen=True)
class ProgrammeProgress:
    programme: SupervisionProgramme
    planned: int
    concluded: int
    under_way: int

    @property
    def percent(self) -> int:
        return round(100 * self.concluded / self.planned) if self.planned else 0


def programme_progress(unit: Unit, year: int) -> list[ProgrammeProgress]:
    """Each programme of the year in the unit's subtree with its activities planned, under way and concluded."""
    under_way = [ActivityStatus.TEAM, ActivityStatus.NOTIFIED, ActivityStatus.UNDER_WAY]
    programmes = (
        in_subtree(SupervisionProgramme.objects.filter(year=year), unit)
        .select_related("unit")
        .annotate(
            n_planned=Count("activities", filter=~Q(activities__status=ActivityStatus.CANCELLED)),
            n_concluded=Count("activities", filter=Q(activities__status=ActivityStatus.CONCLUDED)),
            n_under_way=Count("activities", filter=Q(activities__status__in=under_way)),
        )
        .order_by("unit__name")
    )
    return [ProgrammeProgress(p, p.n_planned, p.n_concluded, p.n_under_way) for p in programmes]


def activity_page_data(activity: SupervisionActivity) -> dict[str, Any]:
    """What the activity page shows besides the activity: team, sessions, findings, recommendations."""
    return {
        "team": sorted(activity.team.select_related("member_org"), key=lambda m: (TEAM_ORDER[m.role], m.pk)),
        "sessions": list(activity.sessions.prefetch_related("photos")),
        "findings": list(activity.findings.all()),
        "recommendations": list(activity.recommendations.all()),
        "bodies": list(activity.subjects.filter(kind="co_quan")),
        "participants": list(activity.participants.all()),
        "follow_ups": list(activity.follow_ups.all()),
    }


def todo_items(user: Any) -> list:
    """Recommendations of the user's unit still awaiting an answer: the overdue ones first (editors only)."""
    from mattran.core.todo import TodoItem

    profile = profile_of(user)
    if profile is None or not user.has_perm("oversight.manage", profile.unit):
        return []
    today = timezone.localdate()
    waiting = Recommendation.objects.filter(unit_id=profile.unit_id, status=RecommendationStatus.OPEN)
    url = reverse("oversight:recommendations")
    items = []
    overdue = waiting.filter(due_on__lt=today)
    n_overdue = overdue.count()
    if n_overdue:
        first = overdue.order_by("due_on").values_list("due_on", flat=True).first()
        items.append(
            TodoItem(
                title=_("Đôn đốc %(n)s kiến nghị giám sát quá hạn chưa được trả lời") % {"n": n_overdue},
                url=url + "?loc=qua-han",
                section=SECTION,
                due=first,
                count=n_overdue,
                overdue=True,
            )
        )
    pending = waiting.filter(due_on__gte=today)
    n_pending = pending.count()
    if n_pending:
        first = pending.order_by("due_on").values_list("due_on", flat=True).first()
        items.append(
            TodoItem(
                title=_("Theo dõi %(n)s kiến nghị giám sát đang chờ trả lời") % {"n": n_pending},
                url=url,
                section=SECTION,
                due=first,
                count=n_pending,
            )
        )
    return items
