"""Coordination programs, campaigns, emulation agreements and clusters' scoring, peer votes and awards.

One module per topic: ``campaigns``, ``programs`` (coordination programs), ``agreements`` (emulation
agreements and scoring), ``leadership`` (the cluster leader's handover), ``votes`` (peer votes) and
``awards`` (award forms and proposals). Rules kept by the actions (``programs.actions``):

* Scores are decimals with two places (``Decimal``), never floats; a criterion's final score is the
  administering unit's score (``AssessmentMode.LEADER``) or the mean of the other signatory units' scores
  (``AssessmentMode.PEER_MEAN``), rounded half-up to two places.
* Ranking is standard competition ranking ("1-2-2-4"): units whose totals are equal to two places share a
  rank and the next rank is skipped; equal units are listed by name.
* A peer vote passes a candidate with more than half (or two thirds) of the **eligible** units, not of the
  ballots cast (the pass rule of every vote: ``mattran.meetings.voting``). Passing candidates are taken by
  votes, highest first, up to the number of places; when candidates tie across the last place none of the
  tied ones is elected and the vote ends ``TIED``: the administering unit opens a runoff among them for the
  places left (``PeerVote.runoff_of``).
* A secret ballot stores who voted (``Ballot``) apart from what was chosen (``BallotChoice`` has no link to
  the ballot), so the choices cannot be traced back to a unit; an open ballot links them.
"""

from mattran.meetings.voting import PassRule

from .agreements import (
    TWO_PLACES,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AssessmentMode,
    AssessmentScore,
    Criterion,
    ScoreEvidence,
    SelfScore,
    round_score,
)
from .awards import AwardKind, AwardProposal, ProposalStatus
from .campaigns import Campaign, CampaignFigure, CampaignIndicator, CampaignKind, CampaignParticipation
from .leadership import LeadershipHandover
from .programs import (
    DONE_STATUSES,
    ParticipantKind,
    Program,
    ProgramContent,
    ProgramParticipant,
    ProgramReview,
    ProgramSignatory,
    ProgramStatus,
    ProgramTask,
    ProgressEntry,
    ProgressStatus,
    ReviewPeriod,
)
from .votes import Ballot, BallotChoice, Candidate, PeerVote, VoteStatus

__all__ = [
    "DONE_STATUSES",
    "TWO_PLACES",
    "Agreement",
    "AgreementParty",
    "AgreementStatus",
    "AssessmentMode",
    "AssessmentScore",
    "AwardKind",
    "AwardProposal",
    "Ballot",
    "BallotChoice",
    "Campaign",
    "CampaignFigure",
    "CampaignIndicator",
    "CampaignKind",
    "CampaignParticipation",
    "Candidate",
    "Criterion",
    "LeadershipHandover",
    "ParticipantKind",
    "PassRule",
    "PeerVote",
    "Program",
    "ProgramContent",
    "ProgramParticipant",
    "ProgramReview",
    "ProgramSignatory",
    "ProgramStatus",
    "ProgramTask",
    "ProgressEntry",
    "ProgressStatus",
    "ProposalStatus",
    "ReviewPeriod",
    "ScoreEvidence",
    "SelfScore",
    "VoteStatus",
    "round_score",
]
