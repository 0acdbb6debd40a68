"""The one pass rule of every vote (mattran.meetings.voting): a table of votes for, those counted, result."""

from __future__ import annotations

import pytest

from mattran.meetings.models import Vote
from mattran.meetings.voting import PEER_VOTE, SHOW_OF_HANDS, PassRule, passes
from mattran.programs.models import PeerVote


@pytest.mark.parametrize(
    ("rule", "votes_for", "counted", "passed"),
    [
        (PassRule.MAJORITY, 5, 9, True),
        (PassRule.MAJORITY, 4, 9, False),
        (PassRule.MAJORITY, 3, 6, False),  # half is not more than half
        (PassRule.MAJORITY, 4, 6, True),
        (PassRule.TWO_THIRDS, 6, 9, True),
        (PassRule.TWO_THIRDS, 5, 9, False),
        (PassRule.TWO_THIRDS, 4, 5, True),
        (PassRule.TWO_THIRDS, 3, 5, False),
        (PassRule.UNANIMITY, 9, 9, True),
        (PassRule.UNANIMITY, 8, 9, False),
        (PassRule.MAJORITY, 0, 0, False),  # nobody counted: nothing passes
        (PassRule.UNANIMITY, 0, 0, False),
    ],
)
def test_it_counts_the_votes_for_against_those_counted(rule, votes_for, counted, passed):
    assert passes(rule, votes_for, counted) is passed


def test_it_keeps_the_stored_values_of_both_kinds_of_vote():
    """Meetings' show of hands and programs' peer votes store the same values, worded with their base."""
    assert [v for v, _label in SHOW_OF_HANDS] == ["qua_nua", "hai_phan_ba", "nhat_tri"]
    assert [v for v, _label in PEER_VOTE] == ["qua_nua", "hai_phan_ba"]
    assert set(dict(PEER_VOTE)) <= set(PassRule.values) and set(dict(SHOW_OF_HANDS)) == set(PassRule.values)
    assert Vote._meta.get_field("rule").choices == SHOW_OF_HANDS
    assert PeerVote._meta.get_field("pass_rule").choices == PEER_VOTE
    assert str(dict(SHOW_OF_HANDS)["qua_nua"]) == "Quá nửa số đại biểu có mặt"
    assert str(dict(PEER_VOTE)["qua_nua"]) == "Quá nửa số đơn vị trong cụm"
