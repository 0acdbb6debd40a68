"""Peer votes among a cluster's units: opening one (or a runoff), the units' ballots, closing and the tally,
whose elected candidates become award proposals. The vote row is locked by every change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import clean_text
from mattran.meetings.models import Meeting
from mattran.meetings.voting import PEER_VOTE, PassRule, passes
from mattran.org.models import EmulationCluster, Unit

from ..models import (
    Agreement,
    AwardKind,
    AwardProposal,
    Ballot,
    BallotChoice,
    Candidate,
    PeerVote,
    VoteStatus,
)
from ..tally import elect
from .common import field_text


def _check_vote(
    cluster: EmulationCluster,
    candidates: list[Unit],
    places: int,
    closes_at: dt.datetime,
    pass_rule: str,
    agreement: Agreement | None,
) -> set[int]:
    """Refuse a vote that cannot be held; return the ids of the units entitled to vote."""
    if timezone.is_naive(closes_at):
        raise ActionError(_("Thời hạn phải có múi giờ."), field="closes_at")
    if pass_rule not in dict(PEER_VOTE):
        raise ActionError(_("Điều kiện đạt không hợp lệ."), field="pass_rule")
    members = set(cluster.members.values_list("pk", flat=True))
    if not candidates:
        raise ActionError(_("Chọn ít nhất một đơn vị được bình xét."), field="candidates")
    if any(u.pk not in members for u in candidates):
        raise ActionError(_("Đơn vị được bình xét phải là thành viên của cụm."), field="candidates")
    if not isinstance(places, int) or not 1 <= places <= len(candidates):
        raise ActionError(_("Số suất phải từ 1 đến số đơn vị được bình xét."), field="places")
    if agreement is not None and agreement.cluster_id != cluster.pk:
        raise ActionError(_("Giao ước không thuộc cụm này."), field="agreement")
    return members


def _open(
    cluster: EmulationCluster,
    acting_user: Actor,
    *,
    award_kind: AwardKind,
    places: int,
    candidates: Iterable[Unit],
    closes_at: dt.datetime,
    awarding_body: str,
    title: str,
    secret: bool,
    pass_rule: str,
    awarding_unit: Unit | None,
    meeting: Meeting | None,
    agreement: Agreement | None,
    runoff_of: PeerVote | None,
) -> PeerVote:
    """Open a vote (the caller has authorised the actor)."""
    chosen = list(dict.fromkeys(candidates))
    members = _check_vote(cluster, chosen, places, closes_at, pass_rule, agreement)
    body = field_text(PeerVote, "awarding_body", awarding_body, required=_("Nhập cấp đề nghị khen thưởng."))
    title = field_text(
        PeerVote, "title", title or f"Bình xét đề nghị tặng {award_kind.name} năm {cluster.year}"
    )
    vote = PeerVote.objects.create(
        cluster=cluster,
        agreement=agreement,
        award_kind=award_kind,
        title=title,
        places=places,
        secret=secret,
        pass_rule=pass_rule,
        awarding_body=body,
        awarding_unit=awarding_unit,
        meeting=meeting,
        closes_at=closes_at,
        electorate=len(members),
        runoff_of=runoff_of,
        opened_by=user_or_none(acting_user),
    )
    Candidate.objects.bulk_create(Candidate(vote=vote, unit=u) for u in chosen)
    audit.record(
        "programs.open_peer_vote", actor=acting_user, unit=cluster.leader or cluster.organiser, obj=vote,
        after={**audit.snapshot(vote), "candidate_units": [u.pk for u in chosen]},
    )  # fmt: skip
    return vote


@transaction.atomic
def do_open_peer_vote(
    cluster: EmulationCluster,
    *,
    acting_user: Actor,
    award_kind: AwardKind,
    places: int,
    candidates: Iterable[Unit],
    closes_at: dt.datetime,
    awarding_body: str,
    title: str = "",
    secret: bool = True,
    pass_rule: str = PassRule.MAJORITY,
    awarding_unit: Unit | None = None,
    meeting: Meeting | None = None,
    agreement: Agreement | None = None,
    illustrative_note: str = "",
) -> PeerVote:
    """Open a vote among the cluster's units for an award kind and a number of places (``illustrative_note``
    marks a vote whose ballots are not from a source, e.g. the demo's behind a published result)."""
    authorize(acting_user, "programs.lead_cluster", cluster)
    vote = _open(
        cluster,
        acting_user,
        award_kind=award_kind,
        places=places,
        candidates=candidates,
        closes_at=closes_at,
        awarding_body=awarding_body,
        title=title,
        secret=secret,
        pass_rule=pass_rule,
        awarding_unit=awarding_unit,
        meeting=meeting,
        agreement=agreement,
        runoff_of=None,
    )
    note = clean_text(illustrative_note, field="illustrative_note", max_length=300)
    if note:
        vote.illustrative_note = note
        vote.save(update_fields=["illustrative_note"])
    return vote


def _check_ballot(vote: PeerVote, unit: Unit, at: dt.datetime, now: dt.datetime) -> None:
    if at > now:
        raise ActionError(_("Thời điểm bỏ phiếu không được ở tương lai."), field="at")
    if vote.status != VoteStatus.OPEN or at > vote.closes_at:
        raise ActionError(
            _("Cuộc bình xét đã kết thúc; không nhận phiếu nữa."), code="vote_closed", status=409
        )
    if not vote.cluster.members.filter(pk=unit.pk).exists():
        raise ActionError(
            _("%(unit)s không phải thành viên của cụm.") % {"unit": unit.name}, code="not_member", status=403
        )
    if Ballot.objects.filter(vote=vote, unit=unit).exists():
        raise ActionError(_("%(unit)s đã bỏ phiếu.") % {"unit": unit.name}, code="already_voted", status=409)


@transaction.atomic
def do_cast_ballot(
    vote: PeerVote,
    *,
    acting_user: Actor,
    unit: Unit,
    choices: Iterable[Unit],
    at: dt.datetime | None = None,
) -> Ballot:
    """Cast a unit's one ballot choosing at most ``places`` candidates.

    A unit's own act: the actor must act for ``unit``. The vote row is locked so a ballot and the closing
    cannot interleave; the unique (vote, unit) constraint refuses a second ballot even from two requests at
    once. ``at`` records a paper ballot cast at the meeting and entered afterwards; it defaults to now and
    may not lie in the future.
    """
    authorize(acting_user, "programs.cast_ballot", vote)
    authorize(acting_user, "programs.act_for_unit", unit)
    vote = lock(vote)
    now = timezone.now()
    at = at or now
    _check_ballot(vote, unit, at, now)
    chosen = list(dict.fromkeys(choices))
    by_unit = {c.unit_id: c for c in vote.candidates.all()}
    if any(u.pk not in by_unit for u in chosen):
        raise ActionError(_("Chỉ chọn trong danh sách đơn vị được bình xét."), field="choices")
    if len(chosen) > vote.places:
        raise ActionError(
            _("Chỉ được chọn tối đa %(places)s đơn vị.") % {"places": vote.places},
            field="choices",
            code="too_many",
        )
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                vote=vote, unit=unit, cast_by=user_or_none(acting_user), cast_at=at
            )
    except IntegrityError:
        raise ActionError(
            _("%(unit)s đã bỏ phiếu.") % {"unit": unit.name}, code="already_voted", status=409
        ) from None
    BallotChoice.objects.bulk_create(
        BallotChoice(vote=vote, candidate=by_unit[u.pk], ballot=None if vote.secret else ballot)
        for u in chosen
    )
    # A secret ballot's audit entry says who voted, never for whom.
    audit.record(
        "programs.cast_ballot", actor=acting_user, unit=unit, obj=vote,
        summary=f"{unit.name} bỏ phiếu" + ("" if vote.secret else ": " + ", ".join(u.name for u in chosen)),
    )  # fmt: skip
    return ballot


@transaction.atomic
def do_close_peer_vote(vote: PeerVote, *, acting_user: Actor) -> PeerVote:
    """Stop taking ballots before the deadline (e.g. when every unit has voted at the meeting)."""
    authorize(acting_user, "programs.administer_vote", vote)
    vote = lock(vote, related=["cluster"])
    if vote.status != VoteStatus.OPEN:
        raise ActionError(_("Cuộc bình xét đã đóng."), code="vote_closed", status=409)
    vote.status = VoteStatus.CLOSED
    vote.save(update_fields=["status"])
    audit.record("programs.close_peer_vote", actor=acting_user, unit=vote.cluster.leader, obj=vote)
    return vote


def _count(vote: PeerVote) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """Set each candidate's votes and result; return (all, elected, tied)."""
    candidates = list(vote.candidates.select_related("unit"))
    tally: dict[int, int] = {}
    for candidate_id in vote.choices.values_list("candidate_id", flat=True):
        tally[candidate_id] = tally.get(candidate_id, 0) + 1
    for c in candidates:
        c.votes = tally.get(c.pk, 0)
        c.passed = passes(vote.pass_rule, c.votes, vote.electorate)
    elected, tied = elect(candidates, places=vote.places, rule=vote.pass_rule, electorate=vote.electorate)
    elected_ids, tied_ids = {c.pk for c in elected}, {c.pk for c in tied}
    for c in candidates:
        c.elected, c.tied = c.pk in elected_ids, c.pk in tied_ids
    Candidate.objects.bulk_update(candidates, ["votes", "passed", "elected", "tied"])
    return candidates, elected, tied


def _propose_elected(vote: PeerVote, elected: list[Candidate], day: dt.date, proposer: Unit) -> None:
    """Each elected candidate becomes a proposal to the awarding body, most votes first."""
    cluster = vote.cluster
    for c in sorted(elected, key=lambda c: -(c.votes or 0)):
        AwardProposal.objects.create(
            year=cluster.year,
            award_kind=vote.award_kind,
            unit=c.unit,
            proposed_by=proposer,
            cluster=cluster,
            vote=vote,
            meeting=vote.meeting,
            awarding_body=vote.awarding_body,
            awarding_unit=vote.awarding_unit,
            reason=f"{cluster.name} bình xét năm {cluster.year} ({c.votes}/{vote.electorate} phiếu)",
            proposed_on=day,
        )


@transaction.atomic
def do_tally_peer_vote(vote: PeerVote, *, acting_user: Actor, proposed_on: dt.date | None = None) -> PeerVote:
    """Count the ballots; the elected become award proposals to the awarding body; ties await a runoff."""
    authorize(acting_user, "programs.administer_vote", vote)
    vote = lock(vote, related=["cluster", "award_kind", "meeting"])
    if vote.status in (VoteStatus.DECIDED, VoteStatus.TIED):
        raise ActionError(_("Đã kiểm phiếu."), code="tallied", status=409)
    if vote.status == VoteStatus.OPEN and timezone.now() <= vote.closes_at:
        raise ActionError(
            _("Chưa hết hạn bỏ phiếu; đóng bình xét trước khi kiểm phiếu."), code="still_open", status=409
        )
    candidates, elected, tied = _count(vote)
    vote.status = VoteStatus.TIED if tied else VoteStatus.DECIDED
    vote.tallied_at = timezone.now()
    vote.save(update_fields=["status", "tallied_at"])
    day = proposed_on or (vote.meeting.date if vote.meeting is not None else timezone.localdate())
    proposer = vote.cluster.leader or vote.cluster.organiser
    _propose_elected(vote, elected, day, proposer)
    audit.record(
        "programs.tally_peer_vote", actor=acting_user, unit=proposer, obj=vote,
        after={"votes": {c.unit.name: c.votes for c in candidates}, "elected": [c.unit.name for c in elected],
               "tied": [c.unit.name for c in tied]},
    )  # fmt: skip
    return vote


@transaction.atomic
def do_open_runoff(vote: PeerVote, *, acting_user: Actor, closes_at: dt.datetime) -> PeerVote:
    """Vote again among the candidates tied at the last place, for the places left."""
    authorize(acting_user, "programs.administer_vote", vote)
    vote = lock(vote, related=["cluster", "award_kind"])
    if vote.status != VoteStatus.TIED:
        raise ActionError(_("Chỉ bỏ phiếu lại khi có bằng phiếu ở vị trí cuối."), code="not_tied", status=409)
    if vote.runoffs.exists():
        raise ActionError(_("Đã mở bỏ phiếu lại."), code="duplicate", status=409)
    tied = [c.unit for c in vote.candidates.filter(tied=True).select_related("unit")]
    return _open(
        vote.cluster,
        acting_user,
        award_kind=vote.award_kind,
        places=vote.places - vote.candidates.filter(elected=True).count(),
        candidates=tied,
        closes_at=closes_at,
        awarding_body=vote.awarding_body,
        title=f"{vote.title} (bỏ phiếu lại)",
        secret=vote.secret,
        pass_rule=vote.pass_rule,
        awarding_unit=vote.awarding_unit,
        meeting=vote.meeting,
        agreement=vote.agreement,
        runoff_of=vote,
    )
