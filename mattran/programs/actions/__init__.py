"""Every change to programs, campaigns, emulation agreements, peer votes and awards, one module per topic:

* ``campaigns`` — campaigns and movements, their indicators and participating units;
* ``programs`` — drafting a coordination program (parties, contents, tasks) and copying it forward;
* ``signing`` — signing a program, its tasks' progress and its 6-month and year-end reviews;
* ``agreements`` — emulation agreements, criteria, self-scores with evidence, assessments, closing;
* ``leadership`` — the cluster leader's handover;
* ``votes`` — peer votes, ballots, the tally and runoffs;
* ``awards`` — award forms, proposals and the awarding body's decisions.

Each ``do_*`` first authorises its actor (``core.authz.authorize``: a user, or an explicit system actor;
``None`` is refused), is atomic, validates before writing (raising ActionError, changing nothing), locks
the row two people could change at once and writes an audit entry. The rules for scores, ranking, the pass
rule and ties are in the models package's docstring. Import them from here: ``actions.do_sign_program``.
"""

from .agreements import (
    do_add_criterion,
    do_add_score_evidence,
    do_assess,
    do_close_agreement,
    do_create_agreement,
    do_self_score,
    do_sign_agreement,
)
from .awards import do_create_award_kind, do_propose_award, do_record_award_decision
from .campaigns import (
    IndicatorRow,
    do_attach_campaign_to_meeting,
    do_create_campaign,
    do_join_campaign,
    do_record_campaign_figure,
    do_update_campaign,
)
from .leadership import do_hand_over_leadership
from .programs import (
    do_add_content,
    do_add_participant,
    do_add_task,
    do_copy_program_forward,
    do_create_program,
    do_update_content,
    front_party_name,
)
from .signing import Signatories, do_record_progress, do_review_program, do_sign_program
from .votes import do_cast_ballot, do_close_peer_vote, do_open_peer_vote, do_open_runoff, do_tally_peer_vote

__all__ = [
    "IndicatorRow",
    "Signatories",
    "do_add_content",
    "do_add_criterion",
    "do_add_participant",
    "do_add_score_evidence",
    "do_add_task",
    "do_assess",
    "do_cast_ballot",
    "do_close_agreement",
    "do_close_peer_vote",
    "do_copy_program_forward",
    "do_create_agreement",
    "do_create_award_kind",
    "do_create_campaign",
    "do_create_program",
    "do_hand_over_leadership",
    "do_join_campaign",
    "do_attach_campaign_to_meeting",
    "do_record_campaign_figure",
    "do_open_peer_vote",
    "do_open_runoff",
    "do_propose_award",
    "do_record_award_decision",
    "do_record_progress",
    "do_review_program",
    "do_self_score",
    "do_sign_program",
    "do_sign_agreement",
    "do_tally_peer_vote",
    "do_update_campaign",
    "do_update_content",
    "front_party_name",
]
