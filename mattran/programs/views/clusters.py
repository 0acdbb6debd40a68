"""An emulation cluster's year: its page, opening a peer vote, the leader's handover, its summary document."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from mattran.core.web import document_response, fetch
from mattran.meetings.models import Meeting
from mattran.meetings.voting import PassRule
from mattran.org.models import EmulationCluster, Unit

from .. import actions, documents, forms, queries
from ..models import AwardKind, AwardProposal, Program
from .common import award_persons, command, submit

LEAD = "programs.lead_cluster"
CLUSTERS = EmulationCluster.objects.select_related("leader", "deputy", "organiser")


def _to(cluster: EmulationCluster) -> str:
    return reverse("programs:cluster", args=[cluster.pk])


def _next(cluster: EmulationCluster) -> EmulationCluster | None:
    """The same cluster next year (where the leader's flag goes), if it has been set up."""
    return EmulationCluster.objects.filter(name=cluster.name, year=cluster.year + 1).first()


def _members(cluster: EmulationCluster) -> QuerySet[Unit]:
    return cluster.members.order_by("name")


def _meetings(cluster: EmulationCluster) -> QuerySet[Meeting]:
    return Meeting.objects.filter(cluster=cluster).order_by("-starts_at")


def _vote_form(cluster: EmulationCluster, post: Any = None) -> forms.PeerVoteForm:
    return forms.PeerVoteForm(
        post,
        kinds=AwardKind.objects.all(),
        members=_members(cluster),
        initial={"awarding_body": cluster.organiser.committee_name, "pass_rule": PassRule.MAJORITY},
    )


def _handover_form(
    cluster: EmulationCluster, next_cluster: EmulationCluster, post: Any = None
) -> forms.HandoverForm:
    return forms.HandoverForm(
        post,
        members=_members(next_cluster),
        meetings=_meetings(cluster),
        initial={"leader": next_cluster.leader_id, "deputy": next_cluster.deputy_id},
    )


def _handover_context(cluster: EmulationCluster) -> dict[str, Any]:
    """The handover out of this year (with the persons who handed and received the flag) and into it."""
    handover = getattr(cluster, "handover_out", None)
    people = []
    if handover is not None:
        people = [
            (handover.handed_by, handover.handed_by_title),
            (handover.received_by, handover.received_by_title),
        ]
    return {
        "handover": handover,
        "handover_people": people,
        "handover_in": getattr(cluster, "handover_in", None),
    }


def _page(request: HttpRequest, cluster: EmulationCluster, **posted: Any) -> HttpResponse:
    """The cluster's page; ``posted`` is a form just sent, shown again with its errors."""
    next_cluster = _next(cluster)
    handover = _handover_context(cluster)
    proposals = list(
        AwardProposal.objects.filter(cluster=cluster)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    shown = [p.person for p in proposals if p.person_id]
    shown += [person for person, _title in handover["handover_people"]]
    programs = Program.objects.filter(Q(cluster=cluster) | Q(signed_at__cluster=cluster))
    return render(
        request,
        "programs/cluster_detail.html",
        {
            "cluster": cluster,
            "award_persons": award_persons(request, shown),
            "members": _members(cluster),
            "next_cluster": next_cluster,
            **handover,
            "agreements": cluster.agreements.annotate(n_criteria=Count("criteria")).order_by("title"),
            "programs": programs.select_related("unit").distinct(),
            "votes": queries.cluster_votes(cluster),
            "proposals": proposals,
            "meetings": _meetings(cluster),
            "can_lead": request.user.has_perm(LEAD, cluster),
            "vote_form": _vote_form(cluster),
            "handover_form": _handover_form(cluster, next_cluster) if next_cluster else None,
            **posted,
        },
    )


@login_required
@require_safe
def cluster_detail(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = fetch(request, CLUSTERS, cluster_id, "programs.view_cluster")
    return _page(request, cluster)


@login_required
@command("programs:cluster")
def cluster_open_vote(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The leader opens a peer vote among the cluster's units; the awarding unit is the cluster's organiser."""
    cluster = fetch(request, CLUSTERS, cluster_id, LEAD)

    def open_vote(form: forms.PeerVoteForm) -> object:
        d = form.cleaned_data
        return actions.do_open_peer_vote(
            cluster,
            acting_user=request.user,
            award_kind=d["award_kind"],
            places=d["places"],
            candidates=list(d["candidates"]),
            closes_at=d["closes_at"],
            awarding_body=d["awarding_body"],
            secret=d["secret"],
            pass_rule=d["pass_rule"],
            awarding_unit=cluster.organiser,
        )

    return submit(
        request,
        _vote_form(cluster, request.POST),
        open_vote,
        done=lambda vote: reverse("programs:vote", args=[vote.pk]),
        page=lambda form: _page(request, cluster, vote_form=form),
    )


@login_required
@command("programs:cluster")
def cluster_hand_over(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The leader hands the flag to next year's leader (the same cluster must be set up for next year)."""
    cluster = fetch(request, CLUSTERS, cluster_id, LEAD)
    next_cluster = _next(cluster)
    if next_cluster is None:
        raise Http404
    return submit(
        request,
        _handover_form(cluster, next_cluster, request.POST),
        lambda f: actions.do_hand_over_leadership(
            cluster, acting_user=request.user, next_cluster=next_cluster, **f.cleaned_data
        ),
        done=lambda _handover: _to(cluster),
        page=lambda form: _page(request, cluster, handover_form=form),
    )


@login_required
@require_safe
def cluster_docx(request: HttpRequest, cluster_id: int, fmt: str = "docx") -> HttpResponse:
    cluster = fetch(request, CLUSTERS, cluster_id, "programs.view_cluster")
    return document_response(documents.cluster_summary_document(cluster), f"tong-ket-cum-{cluster.year}", fmt)
