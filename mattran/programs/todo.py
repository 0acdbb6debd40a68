"""What a unit must do in programs, for the home page's to-do list (core.todo): programs of its own still to
sign, and peer votes of its clusters it has not voted in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.todo import TodoItem

from .models import PeerVote, Program, ProgramStatus, VoteStatus


def program_items(user: Any) -> list[TodoItem]:
    """Draft programs of the user's unit to sign; open peer votes its unit has not voted in."""
    profile = profile_of(user)
    if profile is None:
        return []
    unit = profile.unit
    section = _("Thi đua")
    items: list[TodoItem] = []
    if user.has_perm("programs.manage_program", unit):
        drafts = Program.objects.filter(unit=unit, status=ProgramStatus.DRAFT).order_by("year", "pk")
        for program in drafts[:20]:
            items.append(
                TodoItem(
                    title=_("Ký kết chương trình: %(title)s") % {"title": program.title},
                    url=reverse("programs:program", args=[program.pk]),
                    section=section,
                )
            )
    now = timezone.now()
    votes = (
        PeerVote.objects.filter(status=VoteStatus.OPEN, cluster__members=unit, closes_at__gte=now)
        .exclude(ballots__unit=unit)
        .select_related("award_kind")
        .order_by("closes_at")
    )
    for vote in votes[:20]:
        if not user.has_perm("programs.cast_ballot", vote):
            continue
        items.append(
            TodoItem(
                title=_("Bỏ phiếu bình xét: %(vote)s") % {"vote": vote},
                url=reverse("programs:vote", args=[vote.pk]),
                section=section,
                due=timezone.localtime(vote.closes_at).date(),
            )
        )
    return items
