"""The programs home page: what the user's unit takes part in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.errors import PermissionDenied
from mattran.org.models import EmulationCluster, Unit
from mattran.org.queries import subtree_ids

from .. import queries
from ..models import Agreement, Campaign, PeerVote, Program, VoteStatus
from .common import own_unit


def _visible(unit: Unit | None) -> tuple[QuerySet[Program], QuerySet[Agreement], QuerySet[EmulationCluster]]:
    """Programs, agreements and clusters the unit's users see (everything for a superuser)."""
    if unit is None:
        return Program.objects.all(), Agreement.objects.all(), EmulationCluster.objects.all()
    scope = queries.visible_to_unit(unit.pk, subtree_ids(unit))
    return (
        Program.objects.filter(scope["programs"]),
        Agreement.objects.filter(scope["agreements"]),
        EmulationCluster.objects.filter(Q(members=unit) | Q(organiser_id__in=subtree_ids(unit))),
    )


def _lists(unit: Unit | None) -> dict[str, Any]:
    programs, agreements, clusters = _visible(unit)
    open_votes = PeerVote.objects.filter(status=VoteStatus.OPEN)
    if unit is not None:
        open_votes = open_votes.filter(cluster__members=unit)
    return {
        "programs": Program.objects.filter(pk__in=programs.values("pk"))
        .select_related("unit", "cluster")
        .annotate(n_contents=Count("contents", distinct=True))
        .order_by("-year", "unit__name", "title")[:100],
        "agreements": Agreement.objects.filter(pk__in=agreements.values("pk"))
        .select_related("unit", "cluster")
        .annotate(n_parties=Count("parties", distinct=True), n_criteria=Count("criteria", distinct=True))
        .order_by("-year", "title")[:100],
        "clusters": EmulationCluster.objects.filter(pk__in=clusters.values("pk"))
        .select_related("leader", "deputy")
        .annotate(n_members=Count("memberships", distinct=True))
        .order_by("-year", "name")[:50],
        "open_votes": open_votes.select_related("award_kind", "cluster").order_by("closes_at")[:20],
    }


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """What the user's unit takes part in: programs, agreements, clusters, votes; and the campaigns."""
    unit = own_unit(request)
    if unit is None and not request.user.is_superuser:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    may = request.user.has_perm
    return render(
        request,
        "programs/index.html",
        {
            "unit": unit,
            **_lists(unit),
            "campaigns": Campaign.objects.filter(is_national=True).order_by("name"),
            "can_create": unit is not None and may("programs.create_program", unit),
            "can_create_agreement": unit is not None and may("programs.create_agreement", unit),
            "can_create_campaign": unit is not None and may("programs.create_campaign", unit),
        },
    )
