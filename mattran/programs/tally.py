"""Who a peer vote elects, from the candidates' counted votes (pure: no database).

A candidate passes with the votes the pass rule asks of the units entitled to vote (``meetings.voting``).
Passing candidates are taken by votes, highest first, up to the number of places; candidates tied across
the last place are none of them elected — they go to a runoff for the places left.
"""

from __future__ import annotations

from mattran.meetings.voting import passes

from .models import Candidate


def elect(
    candidates: list[Candidate], *, places: int, rule: str, electorate: int
) -> tuple[list[Candidate], list[Candidate]]:
    """Split candidates (with ``votes`` set) into (elected, tied at the last place)."""
    passing = sorted(
        (c for c in candidates if passes(rule, c.votes or 0, electorate)), key=lambda c: -(c.votes or 0)
    )
    if len(passing) <= places:
        return passing, []
    cutoff = passing[places - 1].votes or 0
    above = [c for c in passing if (c.votes or 0) > cutoff]
    at_cut = [c for c in passing if (c.votes or 0) == cutoff]
    if len(above) + len(at_cut) <= places:
        return above + at_cut, []
    return above, at_cut
