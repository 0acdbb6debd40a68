"""JSON API for programs, campaigns, agreements, peer votes and awards (mounted under /api/v1/).

Thin: each endpoint fetches what its path names (``core.web.fetch``: 404, or 403 with the pages' words),
calls one action and answers with a schema of ``schemas.py``; an action's refusal is a structured error.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import fetch, require
from mattran.meetings.models import Meeting
from mattran.org.history import acts_for
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
    ProgramParticipant,
    ProgramTask,
)
from .schemas import (
    AgreementIn,
    AgreementOut,
    AssessIn,
    BallotIn,
    CampaignDetailOut,
    CampaignIn,
    CampaignOut,
    CampaignUpdateIn,
    CopyForwardIn,
    DecisionIn,
    IndicatorIO,
    ProgramDetailOut,
    ProgramOut,
    ProgressIn,
    ProgressOut,
    ProposalOut,
    ScoreIn,
    SignIn,
    VoteOut,
    agreement_out,
    campaign_out,
    program_out,
    proposal_out,
    vote_out,
)

router = Router(tags=["Chương trình, thi đua"])


def _own_unit(request: HttpRequest) -> Unit:
    """The unit the user acts for (a unit's own acts need one)."""
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return profile.unit


def _units(ids: list[int], field: str) -> list[Unit]:
    """The units of these ids, in order and once each, or a 404 naming the first one missing."""
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


def _indicators(rows: list[IndicatorIO]) -> list[actions.IndicatorRow]:
    return [(i.name, i.measure, i.indicator_code) for i in rows]


# --- campaigns ------------------------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut])
def list_campaigns(request: HttpRequest) -> list[Campaign]:
    return list(Campaign.objects.order_by("-is_national", "name"))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    return campaign_out(fetch(request, Campaign, campaign_id, "programs.view_campaign"))


@router.post("/campaigns", response={201: CampaignDetailOut}, summary="Phát động cuộc vận động, phong trào")
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Status:
    """The user's unit launches it; participants are that unit and units below it."""
    unit = _own_unit(request)
    require(request, "programs.create_campaign", unit)
    campaign = actions.do_create_campaign(
        acting_user=request.user,
        kind=payload.kind,
        name=payload.name,
        launching_body=payload.launching_body or unit.committee_name,
        code=payload.code,
        launching_unit=unit,
        launched_on=payload.launched_on,
        ends_on=payload.ends_on,
        description=payload.description,
        indicators=_indicators(payload.indicators),
        participants=_units(payload.participant_unit_ids, "participant_unit_ids"),
    )
    return Status(201, campaign_out(campaign))


@router.put("/campaigns/{campaign_id}", response=CampaignDetailOut, summary="Sửa cuộc vận động, phong trào")
def update_campaign(request: HttpRequest, campaign_id: int, payload: CampaignUpdateIn) -> dict[str, Any]:
    """Indicators and participants are replaced when given, kept when left out."""
    campaign = fetch(request, Campaign, campaign_id, "programs.change_campaign")
    ids = payload.participant_unit_ids
    campaign = actions.do_update_campaign(
        campaign,
        acting_user=request.user,
        kind=payload.kind,
        name=payload.name,
        launching_body=payload.launching_body,
        launched_on=payload.launched_on,
        ends_on=payload.ends_on,
        description=payload.description,
        indicators=None if payload.indicators is None else _indicators(payload.indicators),
        participants=None if ids is None else _units(ids, "participant_unit_ids"),
    )
    return campaign_out(campaign)


# --- programs -------------------------------------------------------------------------------------------


@router.get("/programs", response=list[ProgramOut])
def list_programs(request: HttpRequest, year: int | None = None) -> list[Program]:
    """Programs the user's unit may read (its subtree's, and those it is a party to)."""
    qs = Program.objects.all()
    if not request.user.is_superuser:
        unit = _own_unit(request)
        qs = qs.filter(queries.visible_to_unit(unit.pk, subtree_ids(unit))["programs"]).distinct()
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "pk")[:500])


@router.get("/programs/{program_id}", response=ProgramDetailOut)
def get_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    program = fetch(request, Program, program_id, "programs.view_program")
    return program_out(queries.program_with_tree(program.pk))


def _signatories(program: Program, payload: SignIn) -> dict[ProgramParticipant, dict[str, Any]]:
    """Each party of the payload with its signatory, refusing a party of another program or an unknown
    person."""
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
            "person": persons.get(row.person_id) if row.person_id is not None else None,
            "title": row.title,
            "authority": row.authority,
        }
    return signatories


@router.post("/programs/{program_id}/sign", response=ProgramDetailOut, summary="Ghi nhận ký kết chương trình")
def sign_program(request: HttpRequest, program_id: int, payload: SignIn) -> dict[str, Any]:
    """Each party's signatory: a person (their title on the signing day is used when none is given) or a title."""
    program = fetch(request, Program, program_id, "programs.manage_program")
    meeting = None
    if payload.meeting_id is not None:
        meeting = fetch(request, Meeting, payload.meeting_id, "meetings.view_meeting")
    actions.do_sign_program(
        program,
        acting_user=request.user,
        signed_on=payload.signed_on,
        signatories=_signatories(program, payload),
        meeting=meeting,
        number=payload.number,
    )
    return program_out(queries.program_with_tree(program.pk))


@router.post("/programs/{program_id}/tasks/{task_id}/progress", response={200: ProgressOut})
def record_progress(request: HttpRequest, program_id: int, task_id: int, payload: ProgressIn) -> object:
    tasks = ProgramTask.objects.select_related("content__program").filter(content__program_id=program_id)
    task = fetch(request, tasks, task_id, "programs.manage_program", on=lambda t: t.content.program)
    return actions.do_record_progress(
        task,
        acting_user=request.user,
        period=payload.period,
        status=payload.status,
        achieved_value=payload.achieved_value,
        note=payload.note,
    )


@router.post("/programs/{program_id}/copy-forward", response={201: ProgramOut})
def copy_forward(request: HttpRequest, program_id: int, payload: CopyForwardIn) -> Status:
    program = fetch(request, Program, program_id, "programs.manage_program")
    new = actions.do_copy_program_forward(
        program, acting_user=request.user, title=payload.title, year=payload.year
    )
    return Status(201, new)


# --- agreements -----------------------------------------------------------------------------------------


def _criterion(request: HttpRequest, agreement: Agreement, criterion_id: int) -> Criterion:
    """A criterion of this agreement (another agreement's is not found here)."""
    return fetch(
        request, agreement.criteria.all(), criterion_id, "programs.view_agreement", on=lambda _c: agreement
    )


@router.post("/agreements", response={201: AgreementOut}, summary="Tạo giao ước thi đua")
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status:
    """With ``cluster_id``: the cluster's agreement, by its leader. Without: a set of units run by the user's unit."""
    ids = payload.party_unit_ids
    if payload.cluster_id is not None:
        cluster = fetch(request, EmulationCluster, payload.cluster_id, "programs.lead_cluster")
        agreement = actions.do_create_agreement(
            acting_user=request.user,
            title=payload.title,
            year=payload.year,
            cluster=cluster,
            parties=None if ids is None else _units(ids, "party_unit_ids"),
            assessment_mode=payload.assessment_mode,
        )
    else:
        unit = _own_unit(request)
        require(request, "programs.create_agreement", unit)
        agreement = actions.do_create_agreement(
            acting_user=request.user,
            title=payload.title,
            year=payload.year,
            unit=unit,
            parties=_units(ids or [], "party_unit_ids"),
            assessment_mode=payload.assessment_mode,
        )
    return Status(201, agreement_out(agreement.pk))


@router.get("/agreements/{agreement_id}", response=AgreementOut)
def get_agreement(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    agreement = fetch(request, Agreement, agreement_id, "programs.view_agreement")
    return agreement_out(agreement.pk)


@router.post("/agreements/{agreement_id}/self-scores", response=AgreementOut)
def self_score(request: HttpRequest, agreement_id: int, payload: ScoreIn) -> dict[str, Any]:
    """The user's unit scores itself on a criterion."""
    agreement = fetch(request, Agreement, agreement_id, "programs.self_score")
    criterion = _criterion(request, agreement, payload.criterion_id)
    actions.do_self_score(
        criterion, acting_user=request.user, unit=_own_unit(request), score=payload.score, note=payload.note
    )
    return agreement_out(agreement.pk)


@router.post("/agreements/{agreement_id}/assessments", response=AgreementOut)
def assess(request: HttpRequest, agreement_id: int, payload: AssessIn) -> dict[str, Any]:
    """The administering unit scores a unit (leader mode), or the user's unit scores a peer (peer-mean mode)."""
    agreements = Agreement.objects.select_related("cluster__leader", "unit")
    agreement = fetch(request, agreements, agreement_id, "programs.assess")
    criterion = _criterion(request, agreement, payload.criterion_id)
    unit = _units([payload.unit_id], "unit_id")[0]
    if agreement.assessment_mode == AssessmentMode.LEADER:
        cluster = agreement.cluster
        by_unit = cluster.leader if cluster is not None and cluster.leader is not None else agreement.unit
    else:
        by_unit = _own_unit(request)
    actions.do_assess(criterion, acting_user=request.user, unit=unit, by_unit=by_unit, score=payload.score)
    return agreement_out(agreement.pk)


# --- votes and awards -----------------------------------------------------------------------------------

VOTES = PeerVote.objects.select_related("cluster", "award_kind")


@router.get("/peer-votes/{vote_id}", response=VoteOut)
def get_vote(request: HttpRequest, vote_id: int) -> dict[str, Any]:
    return vote_out(fetch(request, VOTES, vote_id, "programs.view_vote"))


@router.post("/peer-votes/{vote_id}/ballots", response={201: VoteOut})
def cast_ballot(request: HttpRequest, vote_id: int, payload: BallotIn) -> Status:
    """The user's unit casts its one ballot."""
    vote = fetch(request, VOTES, vote_id, "programs.cast_ballot")
    units = list(Unit.objects.filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise ActionError(_("Có đơn vị không tồn tại."), field="unit_ids")
    members = Unit.objects.filter(cluster_memberships__cluster_id=vote.cluster_id)
    voter = _own_unit(request)
    # A member merged away votes through the unit that carries it (the new Hà Nội for the Hà Nội of 2023).
    voter = next((m for m in members if m.pk == voter.pk), None) or next(
        (m for m in members if acts_for(voter.pk, m)), voter
    )
    actions.do_cast_ballot(vote, acting_user=request.user, unit=voter, choices=units)
    return Status(201, vote_out(vote))


@router.post("/peer-votes/{vote_id}/close", response=VoteOut)
def close_vote(request: HttpRequest, vote_id: int) -> dict[str, Any]:
    vote = fetch(request, VOTES, vote_id, "programs.administer_vote")
    return vote_out(actions.do_close_peer_vote(vote, acting_user=request.user))


@router.post("/peer-votes/{vote_id}/tally", response=VoteOut)
def tally_vote(request: HttpRequest, vote_id: int) -> dict[str, Any]:
    vote = fetch(request, VOTES, vote_id, "programs.administer_vote")
    return vote_out(actions.do_tally_peer_vote(vote, acting_user=request.user))


@router.get("/units/{unit_id}/awards", response=list[ProposalOut])
def unit_awards(request: HttpRequest, unit_id: int) -> list[dict[str, Any]]:
    unit = fetch(request, Unit, unit_id, "programs.view_awards")
    return [proposal_out(p) for p in queries.award_history(unit=unit)]


@router.get(
    "/persons/{person_id}/awards", response=list[ProposalOut], summary="Lịch sử khen thưởng của cá nhân"
)
def person_awards(request: HttpRequest, person_id: int) -> list[dict[str, Any]]:
    person = fetch(request, Person, person_id, "programs.view_person_awards")
    return [proposal_out(p) for p in queries.award_history(person=person)]


@router.post("/award-proposals/{proposal_id}/decision", response=ProposalOut)
def record_decision(request: HttpRequest, proposal_id: int, payload: DecisionIn) -> dict[str, Any]:
    proposals = AwardProposal.objects.select_related("award_kind", "unit", "person")
    proposal = fetch(request, proposals, proposal_id, "programs.decide_award")
    decided = actions.do_record_award_decision(
        proposal,
        acting_user=request.user,
        awarded=payload.awarded,
        decision_date=payload.decision_date,
        decision_body=payload.decision_body,
        decision_number=payload.decision_number,
    )
    return proposal_out(decided)
