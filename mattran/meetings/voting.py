"""The one pass rule of every vote: a show of hands at a meeting (``meetings.Vote``) and a cluster's peer
vote (``programs.PeerVote``) both ask whether enough of *those counted* voted for.

Who is counted belongs to the vote, never the ballots cast: at a meeting the members present when the vote
is recorded; in a peer vote every unit of the cluster entitled to vote, whether it voted or not. So each
kind of vote words the rules with its own base (``SHOW_OF_HANDS``, ``PEER_VOTE``), over the same stored
values (``PassRule``) and the same arithmetic (``passes``). Pure: no database, no model.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PassRule(models.TextChoices):
    """How many of those counted must vote for (the stored value of a vote's rule)."""

    MAJORITY = "qua_nua", _("Quá nửa")
    TWO_THIRDS = "hai_phan_ba", _("Từ hai phần ba")
    UNANIMITY = "nhat_tri", _("Nhất trí tuyệt đối")


def passes(rule: str, votes_for: int, counted: int) -> bool:
    """Whether ``votes_for`` meets the rule out of ``counted`` (nobody counted: nothing passes)."""
    if counted <= 0:
        return False
    if rule == PassRule.UNANIMITY:
        return votes_for >= counted
    if rule == PassRule.TWO_THIRDS:
        return 3 * votes_for >= 2 * counted
    return 2 * votes_for > counted


Choices = list[tuple[str, Promise]]

# A show of hands at a meeting counts the members present.
SHOW_OF_HANDS: Choices = [
    (PassRule.MAJORITY.value, _("Quá nửa số đại biểu có mặt")),
    (PassRule.TWO_THIRDS.value, _("Từ hai phần ba số đại biểu có mặt")),
    (PassRule.UNANIMITY.value, _("Nhất trí tuyệt đối")),
]
# A peer vote counts every unit of the cluster (a unit that did not vote counts as not choosing).
PEER_VOTE: Choices = [
    (PassRule.MAJORITY.value, _("Quá nửa số đơn vị trong cụm")),
    (PassRule.TWO_THIRDS.value, _("Từ hai phần ba số đơn vị trong cụm")),
]
