"""JSON API for programs, campaigns, agreements, peer votes and awards (mounted under /api/v1/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.meetings.models import Meeting
from mattran.org.models import EmulationCluster, Unit
from mattran.org.queries import subtree_ids
from mattran.people.models import Person

from . import actions, queries
from .models import (
    Agreement,
    AssessmentMode,
    AwardProposal,
    Campaign,
    Criterion,
    PeerVote,
    Program,
    ProgramTask,
)
from .rules import admin_unit_id

router = Router(tags=["Chương trình, thi đua"])


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này.")


def _own_unit(request) -> Unit:
    profile = profile_of(request.user)
    if profile is None:
        raise HttpError(403, "Tài khoản chưa được gán đơn vị.")
    return profile.unit


# --- schemas --------------------------------------------------------------------------------------------


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


# --- campaigns and programs -----------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut])
def list_campaigns(request):
    return list(Campaign.objects.order_by("-is_national", "name"))


def _units(ids: list[int], field: str) -> list[Unit]:
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in units]
    if missing:
        raise ActionError(
            _("Không có đơn vị mã số %(id)s.") % {"id": missing[0]},
            field=field,
            code="not_found",
            status=404,
        )
    return [units[i] for i in dict.fromkeys(ids)]


def _campaign_out(campaign: Campaign) -> dict:
    return {
        **{f: getattr(campaign, f) for f in CampaignOut.model_fields},
        "launching_unit_id": campaign.launching_unit_id,
        "ends_on": campaign.ends_on,
        "description": campaign.description,
        "indicators": list(campaign.indicators.all()),
        "participant_unit_ids": sorted(campaign.participations.values_list("unit_id", flat=True)),
    }


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def get_campaign(request, campaign_id: int):
    return _campaign_out(get_object_or_404(Campaign, pk=campaign_id))


@router.post("/campaigns", response={201: CampaignDetailOut}, summary="Phát động cuộc vận động, phong trào")
def create_campaign(request, payload: CampaignIn):
    """The user's unit launches it; participants are that unit and units below it."""
    unit = _own_unit(request)
    _require(request, "programs.create_campaign", unit)
    data = payload.dict()
    indicators = [(i["name"], i["measure"], i["indicator_code"]) for i in data.pop("indicators")]
    participants = _units(data.pop("participant_unit_ids"), "participant_unit_ids")
    data["launching_body"] = data["launching_body"] or unit.committee_name
    campaign = actions.do_create_campaign(
        acting_user=request.user,
        launching_unit=unit,
        indicators=indicators,
        participants=participants,
        **data,
    )
    return Status(201, _campaign_out(campaign))


@router.put("/campaigns/{campaign_id}", response=CampaignDetailOut, summary="Sửa cuộc vận động, phong trào")
def update_campaign(request, campaign_id: int, payload: CampaignUpdateIn):
    """Indicators and participants are replaced when given, kept when left out."""
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    _require(request, "programs.change_campaign", campaign)
    data = payload.dict()
    indicators = data.pop("indicators")
    ids = data.pop("participant_unit_ids")
    campaign = actions.do_update_campaign(
        campaign,
        acting_user=request.user,
        indicators=None
        if indicators is None
        else [(i["name"], i["measure"], i["indicator_code"]) for i in indicators],
        participants=None if ids is None else _units(ids, "participant_unit_ids"),
        **data,
    )
    return _campaign_out(campaign)


@router.get("/programs", response=list[ProgramOut])
def list_programs(request, year: int | None = None):
    """Programs the user's unit may read (its subtree's, and those it is a party to)."""
    qs = Program.objects.all()
    if not request.user.is_superuser:
        unit = _own_unit(request)
        qs = qs.filter(queries.visible_to_unit(unit.pk, subtree_ids(unit))["programs"]).distinct()
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "pk")[:500])


def _row(r) -> dict:
    return {"label": r.label, "tasks": r.tasks, "reported": r.reported, "done": r.done, "percent": r.percent}


def _program_out(program: Program) -> dict:
    by_content, by_party = queries.program_progress(program)
    return {
        **{f: getattr(program, f) for f in ProgramOut.model_fields},
        "parties": [
            {
                "id": p.pk,
                "kind": p.kind,
                "name": p.name,
                "member_org_id": p.member_org_id,
                "unit_id": p.unit_id,
                "signatory_title": getattr(getattr(p, "signatory", None), "title", None),
                "signatory_person": (
                    p.signatory.person.full_name
                    if getattr(p, "signatory", None) and p.signatory.person_id
                    else None
                ),
            }
            for p in program.participants.all()
        ],
        "contents": [
            {
                "number": c.number,
                "title": c.title,
                "tasks": [
                    {
                        "id": t.pk,
                        "title": t.title,
                        "responsible": t.responsible.name,
                        "target": t.target,
                        "target_value": t.target_value,
                        "indicator_code": t.indicator_code,
                        "due_on": t.due_on,
                        "progress": list(t.progress.all()),
                    }
                    for t in c.tasks.all()
                ],
            }
            for c in program.contents.all()
        ],
        "progress_by_content": [_row(r) for r in by_content],
        "progress_by_party": [_row(r) for r in by_party],
    }


@router.get("/programs/{program_id}", response=ProgramDetailOut)
def get_program(request, program_id: int):
    program = get_object_or_404(Program, pk=program_id)
    _require(request, "programs.view_program", program)
    return _program_out(queries.program_with_tree(program.pk))


@router.post("/programs/{program_id}/sign", response=ProgramDetailOut, summary="Ghi nhận ký kết chương trình")
def sign_program(request, program_id: int, payload: SignIn):
    """Each party's signatory: a person (their title on the signing day is used when none is given) or a title."""
    program = get_object_or_404(Program, pk=program_id)
    _require(request, "programs.manage_program", program)
    parties = {p.pk: p for p in program.participants.all()}
    persons = {p.pk: p for p in Person.objects.filter(pk__in=[s.person_id for s in payload.signatories])}
    signatories = {}
    for row in payload.signatories:
        if row.party_id not in parties:
            raise ActionError(
                _("Bên mã số %(id)s không thuộc chương trình.") % {"id": row.party_id},
                field="signatories",
            )
        if row.person_id is not None and row.person_id not in persons:
            raise ActionError(
                _("Không có cá nhân mã số %(id)s.") % {"id": row.person_id},
                field="signatories",
                status=404,
            )
        signatories[parties[row.party_id]] = {
            "person": persons.get(row.person_id),
            "title": row.title,
            "authority": row.authority,
        }
    meeting = None
    if payload.meeting_id is not None:
        meeting = get_object_or_404(Meeting, pk=payload.meeting_id)
        _require(request, "meetings.view_meeting", meeting)
    actions.do_sign_program(
        program,
        acting_user=request.user,
        signed_on=payload.signed_on,
        signatories=signatories,
        meeting=meeting,
        number=payload.number,
    )
    return _program_out(queries.program_with_tree(program.pk))


@router.post("/programs/{program_id}/tasks/{task_id}/progress", response={200: ProgressOut})
def record_progress(request, program_id: int, task_id: int, payload: ProgressIn):
    task = get_object_or_404(
        ProgramTask.objects.select_related("content__program"), pk=task_id, content__program_id=program_id
    )
    _require(request, "programs.manage_program", task.content.program)
    return actions.do_record_progress(task, acting_user=request.user, **payload.dict())


@router.post("/programs/{program_id}/copy-forward", response={201: ProgramOut})
def copy_forward(request, program_id: int, payload: CopyForwardIn):
    program = get_object_or_404(Program, pk=program_id)
    _require(request, "programs.manage_program", program)
    return Status(201, actions.do_copy_program_forward(program, acting_user=request.user, **payload.dict()))


# --- agreements -----------------------------------------------------------------------------------------


def _agreement_out(agreement_id: int) -> dict:
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


@router.post("/agreements", response={201: AgreementOut}, summary="Tạo giao ước thi đua")
def create_agreement(request, payload: AgreementIn):
    """With ``cluster_id``: the cluster's agreement, by its leader. Without: a set of units run by the user's unit."""
    if payload.cluster_id is not None:
        cluster = get_object_or_404(EmulationCluster, pk=payload.cluster_id)
        _require(request, "programs.lead_cluster", cluster)
        parties = None if payload.party_unit_ids is None else _units(payload.party_unit_ids, "party_unit_ids")
        agreement = actions.do_create_agreement(
            acting_user=request.user,
            title=payload.title,
            year=payload.year,
            cluster=cluster,
            parties=parties,
            assessment_mode=payload.assessment_mode,
        )
    else:
        unit = _own_unit(request)
        _require(request, "programs.create_agreement", unit)
        agreement = actions.do_create_agreement(
            acting_user=request.user,
            title=payload.title,
            year=payload.year,
            unit=unit,
            parties=_units(payload.party_unit_ids or [], "party_unit_ids"),
            assessment_mode=payload.assessment_mode,
        )
    return Status(201, _agreement_out(agreement.pk))


@router.get("/agreements/{agreement_id}", response=AgreementOut)
def get_agreement(request, agreement_id: int):
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    _require(request, "programs.view_agreement", agreement)
    return _agreement_out(agreement.pk)


@router.post("/agreements/{agreement_id}/self-scores", response=AgreementOut)
def self_score(request, agreement_id: int, payload: ScoreIn):
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    _require(request, "programs.self_score", agreement)
    criterion = get_object_or_404(Criterion, pk=payload.criterion_id, agreement=agreement)
    actions.do_self_score(
        criterion, acting_user=request.user, unit=_own_unit(request), score=payload.score, note=payload.note
    )
    return _agreement_out(agreement.pk)


@router.post("/agreements/{agreement_id}/assessments", response=AgreementOut)
def assess(request, agreement_id: int, payload: AssessIn):
    agreement = get_object_or_404(Agreement.objects.select_related("cluster"), pk=agreement_id)
    _require(request, "programs.assess", agreement)
    criterion = get_object_or_404(Criterion, pk=payload.criterion_id, agreement=agreement)
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    if agreement.assessment_mode == AssessmentMode.LEADER:
        by_unit = Unit.objects.get(pk=admin_unit_id(agreement))
    else:
        by_unit = _own_unit(request)
    actions.do_assess(criterion, acting_user=request.user, unit=unit, by_unit=by_unit, score=payload.score)
    return _agreement_out(agreement.pk)


# --- votes and awards -----------------------------------------------------------------------------------


def _vote_out(vote: PeerVote) -> dict:
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


def _vote(request, vote_id: int) -> PeerVote:
    vote = get_object_or_404(PeerVote.objects.select_related("cluster", "award_kind"), pk=vote_id)
    _require(request, "programs.view_vote", vote)
    return vote


@router.get("/peer-votes/{vote_id}", response=VoteOut)
def get_vote(request, vote_id: int):
    return _vote_out(_vote(request, vote_id))


@router.post("/peer-votes/{vote_id}/ballots", response={201: VoteOut})
def cast_ballot(request, vote_id: int, payload: BallotIn):
    vote = _vote(request, vote_id)
    _require(request, "programs.cast_ballot", vote)
    units = list(Unit.objects.filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise ActionError(_("Có đơn vị không tồn tại."), field="unit_ids")
    actions.do_cast_ballot(vote, acting_user=request.user, unit=_own_unit(request), choices=units)
    return Status(201, _vote_out(vote))


@router.post("/peer-votes/{vote_id}/close", response=VoteOut)
def close_vote(request, vote_id: int):
    vote = _vote(request, vote_id)
    _require(request, "programs.administer_vote", vote)
    return _vote_out(actions.do_close_peer_vote(vote, acting_user=request.user))


@router.post("/peer-votes/{vote_id}/tally", response=VoteOut)
def tally_vote(request, vote_id: int):
    vote = _vote(request, vote_id)
    _require(request, "programs.administer_vote", vote)
    return _vote_out(actions.do_tally_peer_vote(vote, acting_user=request.user))


def _proposal_out(p) -> dict:
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


@router.get("/units/{unit_id}/awards", response=list[ProposalOut])
def unit_awards(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    _require(request, "programs.view_awards", unit)
    return [_proposal_out(p) for p in queries.award_history(unit=unit)]


@router.get(
    "/persons/{person_id}/awards", response=list[ProposalOut], summary="Lịch sử khen thưởng của cá nhân"
)
def person_awards(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    _require(request, "programs.view_person_awards", person)
    return [_proposal_out(p) for p in queries.award_history(person=person)]


@router.post("/award-proposals/{proposal_id}/decision", response=ProposalOut)
def record_decision(request, proposal_id: int, payload: DecisionIn):
    proposal = get_object_or_404(
        AwardProposal.objects.select_related("award_kind", "unit", "person"), pk=proposal_id
    )
    _require(request, "programs.decide_award", proposal)
    return _proposal_out(
        actions.do_record_award_decision(proposal, acting_user=request.user, **payload.dict())
    )
