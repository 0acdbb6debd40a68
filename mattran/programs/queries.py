"""Reads that span the programs models: progress by content and party, signatories' titles, the units an
agreement may gather, scores and ranking, what a unit sees, award history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from mattran.core.text import fold, vi_sort_key
from mattran.org.history import predecessor_ids
from mattran.org.models import EmulationCluster, Unit, UnitClosure
from mattran.people.models import Person

from .models import (
    DONE_STATUSES,
    Agreement,
    AgreementStatus,
    AssessmentMode,
    AwardProposal,
    Criterion,
    PeerVote,
    Program,
    ProgramParticipant,
    ProgramTask,
    ProgressEntry,
    ProgressStatus,
    ReviewPeriod,
    round_score,
)

# --- programs -------------------------------------------------------------------------------------------


@dataclass
class Progress:
    label: str
    tasks: int = 0
    reported: int = 0
    done: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.tasks) if self.tasks else 0


def program_with_tree(program_id: int) -> Program:
    """A program with its parties, signatories, contents, tasks and progress in a fixed number of queries."""
    return (
        Program.objects.select_related("unit", "unit__level", "signed_at", "previous", "cluster", "term")
        .prefetch_related(
            "participants__signatory__person",
            "contents__tasks__responsible",
            "contents__tasks__progress",
            "contents__tasks__campaign",
            "reviews__meeting",
            "next_programs",
        )
        .get(pk=program_id)
    )


def latest_entry(task: ProgramTask, period: str | None = None) -> ProgressEntry | None:
    """The task's year-end entry if any, else its 6-month entry (or the one asked for)."""
    entries = {e.period: e for e in task.progress.all()}
    if period:
        return entries.get(period)
    return entries.get(ReviewPeriod.YEAR_END) or entries.get(ReviewPeriod.MID_YEAR)


def program_progress(program: Program, period: str | None = None) -> tuple[list[Progress], list[Progress]]:
    """Progress of a prefetched program, by content and by responsible party."""
    by_content: list[Progress] = []
    by_party: dict[int, Progress] = {p.pk: Progress(p.label) for p in program.participants.all()}
    for content in program.contents.all():
        row = Progress(f"{content.number}. {content.title}")
        for task in content.tasks.all():
            entry = latest_entry(task, period)
            for target in (row, by_party[task.responsible_id]):
                target.tasks += 1
                if entry is not None:
                    target.reported += 1
                    target.by_status[entry.status] = target.by_status.get(entry.status, 0) + 1
                    if entry.status in DONE_STATUSES:
                        target.done += 1
        by_content.append(row)
    return by_content, [p for p in by_party.values() if p.tasks]


def status_label(status: str) -> str:
    return str(ProgressStatus(status).label)


def signatory_title(person: Person, day: dt.date, party: ProgramParticipant | None = None) -> str:
    """The title a person signs with on a day: their post there, with its organisation ("Chủ tịch Ủy ban …").

    Among several posts held that day, the one whose organisation names the party comes first.
    """
    posts = sorted((p for p in person.posts.all() if p.holds_on(day)), key=lambda p: (p.order, p.pk))
    if not posts:
        return ""
    if party is not None:
        label = fold(party.name)
        posts.sort(
            key=lambda p: (
                not (p.organisation and (fold(p.organisation) in label or label in fold(p.organisation)))
            )
        )
    post = posts[0]
    if post.organisation and fold(post.organisation) not in fold(post.title):
        return f"{post.title} {post.organisation}"
    return post.title


# --- agreements -----------------------------------------------------------------------------------------


@dataclass
class RankRow:
    unit: Unit
    self_total: Decimal
    total: Decimal
    scored: int
    criteria: int
    rank: int = 0
    shared: bool = False
    scores: list[tuple[Criterion, Decimal | None, Decimal | None]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.scored == self.criteria


def final_scores(agreement: Agreement) -> dict[tuple[int, int], Decimal]:
    """The cluster's score per (criterion, unit): the leader's score, or the mean of the peers' scores."""
    out: dict[tuple[int, int], Decimal] = {}
    given: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for criterion in agreement.criteria.all():
        for a in criterion.assessments.all():
            if agreement.assessment_mode == AssessmentMode.LEADER and a.by_unit_id != agreement.unit_id:
                continue
            given[(criterion.pk, a.unit_id)].append(a.score)
    for key, scores in given.items():
        out[key] = round_score(sum(scores, Decimal("0")) / len(scores))
    return out


def ranking(agreement: Agreement) -> list[RankRow]:
    """Units by the cluster's total, highest first; equal totals (to 0.01) share a rank ("1-2-2-4").

    A criterion the cluster has not scored yet counts as 0 and the row is marked incomplete.
    Expects ``criteria__assessments``, ``criteria__self_scores`` and ``parties__unit`` prefetched.
    """
    criteria = list(agreement.criteria.all())
    finals = final_scores(agreement)
    own = {(s.criterion_id, s.unit_id): s.score for c in criteria for s in c.self_scores.all()}
    rows = []
    for party in agreement.parties.all():
        unit = party.unit
        scores = [(c, own.get((c.pk, unit.pk)), finals.get((c.pk, unit.pk))) for c in criteria]
        rows.append(
            RankRow(
                unit=unit,
                self_total=sum((s for _, s, _ in scores if s is not None), Decimal("0")),
                total=sum((f for _, _, f in scores if f is not None), Decimal("0")),
                scored=sum(1 for _, _, f in scores if f is not None),
                criteria=len(criteria),
                scores=scores,
            )
        )
    rows.sort(key=lambda r: (-r.total, vi_sort_key(r.unit.name)))
    for i, row in enumerate(rows):
        if i and row.total == rows[i - 1].total:
            row.rank, row.shared, rows[i - 1].shared = rows[i - 1].rank, True, True
        else:
            row.rank = i + 1
    return rows


def agreement_unit_ids(unit: Unit, year: int) -> set[int]:
    """Units that may sign a set-of-units agreement run by ``unit`` in a year.

    The unit itself, the units below it and its siblings (the other units under its direct parent), by the
    tree edges that held at any time in the year, so that an old agreement keeps its former wards.
    """
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    during = (Q(valid_from__isnull=True) | Q(valid_from__lt=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    )
    edges = UnitClosure.objects.filter(during)
    below = edges.filter(ancestor_id=unit.pk).values_list("descendant_id", flat=True)
    parents = edges.filter(descendant_id=unit.pk, depth=1).values("ancestor_id")
    siblings = edges.filter(ancestor_id__in=parents, depth=1).values_list("descendant_id", flat=True)
    return {unit.pk, *below, *siblings}


def agreement_with_scores(agreement_id: int) -> Agreement:
    return (
        Agreement.objects.select_related("unit", "cluster", "cluster__leader", "signed_at")
        .prefetch_related(
            "parties__unit",
            "criteria__assessments",
            "criteria__self_scores__evidence",
        )
        .get(pk=agreement_id)
    )


# --- visibility and history -----------------------------------------------------------------------------


def visible_to_unit(unit_id: int, subtree: QuerySet) -> dict[str, Q]:
    """Filters for what a unit's users see: their subtree's records and those of clusters they belong to."""
    return {
        "programs": Q(unit_id__in=subtree) | Q(participants__unit_id=unit_id) | Q(cluster__members=unit_id),
        "agreements": Q(unit_id__in=subtree)
        | Q(parties__unit_id=unit_id)
        | Q(cluster__organiser_id__in=subtree),
        "votes": Q(cluster__members=unit_id) | Q(cluster__organiser_id__in=subtree),
    }


def award_history(*, unit: Unit | None = None, person: Person | None = None) -> QuerySet[AwardProposal]:
    qs = AwardProposal.objects.select_related(
        "award_kind", "unit", "person", "proposed_by", "cluster", "meeting"
    )
    if unit is not None:
        # A unit's history includes its predecessors' awards (the new Hà Nội shows the 2023 Cờ thi đua of
        # the Hà Nội of 2023); the page labels them with their unit.
        qs = qs.filter(unit_id__in=[unit.pk, *predecessor_ids(unit)])
    if person is not None:
        qs = qs.filter(person=person)
    return qs.order_by("-year", "award_kind__order", "pk")


def cluster_votes(cluster: EmulationCluster) -> QuerySet[PeerVote]:
    return (
        PeerVote.objects.filter(cluster=cluster)
        .select_related("award_kind", "meeting")
        .prefetch_related("candidates__unit")
        .order_by("pk")
    )


def is_scoring(agreement: Agreement) -> bool:
    return agreement.status == AgreementStatus.SIGNED
