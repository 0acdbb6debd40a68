"""The programs API's schemas, and the functions that turn records into them (``*_out``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from . import queries
from .models import (
    AssessmentMode,
    AwardProposal,
    Campaign,
    PeerVote,
    Program,
    ProgramParticipant,
    ProgramTask,
)
from .queries import Progress


class CampaignOut(Schema):
    id: int
    code: str
    kind: str
    name: str
    launching_body: str
    launched_on: dt.date | None
    is_national: bool


class IndicatorIO(Schema):
    name: str = ""
    measure: str = ""
    indicator_code: str = ""


class CampaignDetailOut(CampaignOut):
    launching_unit_id: int | None
    ends_on: dt.date | None
    description: str
    indicators: list[IndicatorIO]
    participant_unit_ids: list[int]


class CampaignIn(Schema):
    kind: str
    name: str
    launching_body: str = ""
    code: str = ""
    launched_on: dt.date | None = None
    ends_on: dt.date | None = None
    description: str = ""
    indicators: list[IndicatorIO] = []
    participant_unit_ids: list[int] = []


class CampaignUpdateIn(Schema):
    kind: str
    name: str
    launching_body: str
    launched_on: dt.date | None = None
    ends_on: dt.date | None = None
    description: str = ""
    indicators: list[IndicatorIO] | None = None
    participant_unit_ids: list[int] | None = None


class ProgramOut(Schema):
    id: int
    unit_id: int
    cluster_id: int | None
    year: int
    title: str
    status: str
    signed_on: dt.date | None
    signed_at_id: int | None = None
    previous_id: int | None = None


class ProgressOut(Schema):
    period: str
    status: str
    achieved_value: int | None
    note: str


class TaskOut(Schema):
    id: int
    title: str
    responsible: str
    target: str
    target_value: int | None
    indicator_code: str
    due_on: dt.date | None
    progress: list[ProgressOut]


class ContentOut(Schema):
    number: int
    title: str
    tasks: list[TaskOut]


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    member_org_id: int | None
    unit_id: int | None
    signatory_title: str | None
    signatory_person: str | None


class ProgressRowOut(Schema):
    label: str
    tasks: int
    reported: int
    done: int
    percent: int


class ProgramDetailOut(ProgramOut):
    parties: list[PartyOut]
    contents: list[ContentOut]
    progress_by_content: list[ProgressRowOut]
    progress_by_party: list[ProgressRowOut]


class ProgressIn(Schema):
    period: str
    status: str
    achieved_value: int | None = None
    note: str = ""


class SignatoryIn(Schema):
    party_id: int
    person_id: int | None = None
    title: str = ""
    authority: str = ""


class SignIn(Schema):
    signed_on: dt.date | None
    meeting_id: int | None = None
    number: str | None = None
    signatories: list[SignatoryIn]


class CopyForwardIn(Schema):
    year: int | None = None
    title: str | None = None


class RankOut(Schema):
    rank: int
    shared: bool
    unit_id: int
    unit: str
    self_total: Decimal
    total: Decimal
    complete: bool


class CriterionOut(Schema):
    id: int
    number: int
    content: str
    max_score: Decimal
    evidence_required: str


class AgreementOut(Schema):
    id: int
    title: str
    year: int
    unit_id: int
    cluster_id: int | None
    assessment_mode: str
    status: str
    signed_on: dt.date | None
    criteria: list[CriterionOut]
    ranking: list[RankOut]


class AgreementIn(Schema):
    title: str
    year: int
    assessment_mode: str = AssessmentMode.LEADER
    cluster_id: int | None = None
    party_unit_ids: list[int] | None = None


class ScoreIn(Schema):
    criterion_id: int
    score: Decimal
    note: str = ""


class AssessIn(Schema):
    criterion_id: int
    unit_id: int
    score: Decimal


class CandidateOut(Schema):
    unit_id: int
    unit: str
    votes: int | None
    passed: bool | None
    elected: bool | None
    tied: bool


class VoteOut(Schema):
    id: int
    cluster_id: int
    title: str
    award_kind: str
    places: int
    secret: bool
    pass_rule: str
    status: str
    closes_at: dt.datetime
    electorate: int
    ballots: int
    candidates: list[CandidateOut]


class BallotIn(Schema):
    unit_ids: list[int]


class ProposalOut(Schema):
    id: int
    year: int
    award_kind: str
    unit_id: int | None
    person_id: int | None
    recipient: str
    awarding_body: str
    status: str
    decision_number: str
    decision_date: dt.date | None
    decision_body: str


class DecisionIn(Schema):
    awarded: bool
    decision_date: dt.date
    decision_body: str
    decision_number: str = ""


# --- records as schemas ---------------------------------------------------------------------------------


def campaign_out(campaign: Campaign) -> dict[str, Any]:
    return {
        **{f: getattr(campaign, f) for f in CampaignOut.model_fields},
        "launching_unit_id": campaign.launching_unit_id,
        "ends_on": campaign.ends_on,
        "description": campaign.description,
        "indicators": list(campaign.indicators.all()),
        "participant_unit_ids": sorted(campaign.participations.values_list("unit_id", flat=True)),
    }


def progress_row(r: Progress) -> dict[str, Any]:
    return {"label": r.label, "tasks": r.tasks, "reported": r.reported, "done": r.done, "percent": r.percent}


def _party_out(p: ProgramParticipant) -> dict[str, Any]:
    signer = getattr(p, "signatory", None)
    return {
        "id": p.pk,
        "kind": p.kind,
        "name": p.name,
        "member_org_id": p.member_org_id,
        "unit_id": p.unit_id,
        "signatory_title": signer.title if signer is not None else None,
        "signatory_person": signer.person.full_name if signer is not None and signer.person else None,
    }


def _task_out(t: ProgramTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "title": t.title,
        "responsible": t.responsible.name,
        "target": t.target,
        "target_value": t.target_value,
        "indicator_code": t.indicator_code,
        "due_on": t.due_on,
        "progress": list(t.progress.all()),
    }


def program_out(program: Program) -> dict[str, Any]:
    """A program fetched with ``queries.program_with_tree``."""
    by_content, by_party = queries.program_progress(program)
    return {
        **{f: getattr(program, f) for f in ProgramOut.model_fields},
        "parties": [_party_out(p) for p in program.participants.all()],
        "contents": [
            {"number": c.number, "title": c.title, "tasks": [_task_out(t) for t in c.tasks.all()]}
            for c in program.contents.all()
        ],
        "progress_by_content": [progress_row(r) for r in by_content],
        "progress_by_party": [progress_row(r) for r in by_party],
    }


def agreement_out(agreement_id: int) -> dict[str, Any]:
    a = queries.agreement_with_scores(agreement_id)
    return {
        "id": a.pk,
        "title": a.title,
        "year": a.year,
        "unit_id": a.unit_id,
        "cluster_id": a.cluster_id,
        "assessment_mode": a.assessment_mode,
        "status": a.status,
        "signed_on": a.signed_on,
        "criteria": list(a.criteria.all()),
        "ranking": [
            {
                "rank": r.rank,
                "shared": r.shared,
                "unit_id": r.unit.pk,
                "unit": r.unit.name,
                "self_total": r.self_total,
                "total": r.total,
                "complete": r.complete,
            }
            for r in queries.ranking(a)
        ],
    }


def vote_out(vote: PeerVote) -> dict[str, Any]:
    """A vote; its candidates' votes are shown once it is tallied."""
    tallied = vote.tallied_at is not None
    return {
        **{
            f: getattr(vote, f)
            for f in (
                "id",
                "cluster_id",
                "title",
                "places",
                "secret",
                "pass_rule",
                "status",
                "closes_at",
                "electorate",
            )
        },
        "award_kind": vote.award_kind.name,
        "ballots": vote.ballots.count(),
        "candidates": [
            {
                "unit_id": c.unit_id,
                "unit": c.unit.name,
                "votes": c.votes if tallied else None,
                "passed": c.passed,
                "elected": c.elected,
                "tied": c.tied,
            }
            for c in vote.candidates.select_related("unit")
        ],
    }


def proposal_out(p: AwardProposal) -> dict[str, Any]:
    return {
        **{
            f: getattr(p, f)
            for f in (
                "id",
                "year",
                "unit_id",
                "person_id",
                "awarding_body",
                "status",
                "decision_number",
                "decision_date",
                "decision_body",
            )
        },
        "award_kind": p.award_kind.name,
        "recipient": p.recipient_name,
    }
