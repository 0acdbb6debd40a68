"""A peer vote's page and its commands: a unit's ballot, closing, the tally, a runoff among tied units."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.web import fetch
from mattran.org.models import Unit

from .. import actions, forms
from ..models import Ballot, PeerVote, VoteStatus
from .common import acting_as, command, press, require_acting_as, submit

ADMINISTER = "programs.administer_vote"
VOTES = PeerVote.objects.select_related("cluster", "cluster__leader", "award_kind", "meeting")


def _to(vote: PeerVote) -> str:
    return reverse("programs:vote", args=[vote.pk])


def _candidates(vote: PeerVote) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=vote.candidates.values("unit_id")).order_by("name")


def _members(vote: PeerVote) -> QuerySet[Unit]:
    """The units that vote: the cluster's members (a member merged away votes through its successor)."""
    return Unit.objects.filter(cluster_memberships__cluster_id=vote.cluster_id)


def _page(request: HttpRequest, vote: PeerVote, form: forms.BallotForm | None = None) -> HttpResponse:
    """The vote's page; ``form`` is a ballot just sent, shown again with its errors."""
    unit = acting_as(request, _members(vote))
    can_cast = unit is not None and request.user.has_perm("programs.cast_ballot", vote)
    voted = unit is not None and Ballot.objects.filter(vote=vote, unit=unit).exists()
    return render(
        request,
        "programs/vote_detail.html",
        {
            "vote": vote,
            "ballots": list(vote.ballots.select_related("unit").order_by("cast_at")),
            "results": list(vote.candidates.select_related("unit").order_by("-votes", "unit__name")),
            "tallied": vote.status in (VoteStatus.DECIDED, VoteStatus.TIED),
            "form": form or forms.BallotForm(candidates=_candidates(vote)),
            "unit": unit,
            "voted": voted,
            "can_cast": can_cast and not voted and vote.status == VoteStatus.OPEN,
            "can_admin": request.user.has_perm(ADMINISTER, vote),
            "proposals": vote.proposals.select_related("unit", "award_kind"),
            "runoffs": vote.runoffs.all(),
        },
    )


@login_required
@require_safe
def vote_detail(request: HttpRequest, vote_id: int) -> HttpResponse:
    return _page(request, fetch(request, VOTES, vote_id, "programs.view_vote"))


@login_required
@command("programs:vote")
def vote_cast_ballot(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The user's unit casts its one ballot."""
    vote = fetch(request, VOTES, vote_id, "programs.cast_ballot")
    unit = require_acting_as(request, _members(vote))
    return submit(
        request,
        forms.BallotForm(request.POST, candidates=_candidates(vote)),
        lambda f: actions.do_cast_ballot(
            vote, acting_user=request.user, unit=unit, choices=list(f.cleaned_data["choices"])
        ),
        done=lambda _ballot: _to(vote),
        page=lambda form: _page(request, vote, form),
        success=_("Đã ghi nhận phiếu của %(unit)s.") % {"unit": unit.name},
    )


@login_required
@command("programs:vote")
def vote_close(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = fetch(request, VOTES, vote_id, ADMINISTER)
    return press(request, lambda: actions.do_close_peer_vote(vote, acting_user=request.user), back=_to(vote))


@login_required
@command("programs:vote")
def vote_tally(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = fetch(request, VOTES, vote_id, ADMINISTER)
    return press(
        request,
        lambda: actions.do_tally_peer_vote(vote, acting_user=request.user),
        back=_to(vote),
        success=_("Đã kiểm phiếu."),
    )


@login_required
@command("programs:vote")
def vote_open_runoff(request: HttpRequest, vote_id: int) -> HttpResponse:
    """A runoff among the tied units, open for as long as the first vote was."""
    vote = fetch(request, VOTES, vote_id, ADMINISTER)
    closes_at = timezone.now() + (vote.closes_at - vote.created_at)
    return press(
        request,
        lambda: actions.do_open_runoff(vote, acting_user=request.user, closes_at=closes_at),
        back=_to(vote),
        done=_to,
    )
