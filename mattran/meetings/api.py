"""Meetings, attendance, votes and hiệp thương proposals over the API, with the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from mattran.core.web import MAX_OFFSET
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids
from mattran.people.models import Membership, Term

from . import actions
from .models import FIRST_YEAR, LAST_YEAR, AgendaItem, Meeting, Vote

router = Router(tags=["Hội nghị"])


class GuestOut(Schema):
    person_id: int | None
    name: str | None = None
    title: str
    organisation: str
    role: str

    @staticmethod
    def resolve_name(obj) -> str | None:
        return obj.person.full_name if obj.person_id else None


class AgendaOut(Schema):
    id: int
    order: int
    kind: str
    title: str
    presenter: str
    summary: str


class OpinionOut(Schema):
    speaker_id: int | None
    speaker: str = Field(..., alias="speaker_label")
    agenda_item_id: int | None
    gist: str


class VoteOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    subject: str
    rule: str
    present: int | None
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    not_voting: int | None
    share_for: float | None
    passed: bool | None
    recorded_at: dt.datetime | None


class MeetingOut(Schema):
    id: int
    unit_id: int
    cluster_id: int | None
    kind: str
    term_id: int | None
    number: int | None
    heading: str
    title: str
    starts_at: dt.datetime
    venue: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_label: str
    chair_id: int | None
    chair_title: str


class MeetingDetailOut(MeetingOut):
    participant_ids: list[int]
    attendance: dict[str, int]
    has_quorum: bool
    guests: list[GuestOut]
    agenda: list[AgendaOut]
    opinions: list[OpinionOut]
    votes: list[VoteOut]
    conclusions: list[str]
    decisions: list[str]
    started_membership_ids: list[int]
    ended_membership_ids: list[int]


class MeetingIn(Schema):
    kind: str
    title: str = Field(..., min_length=1, max_length=400)
    starts_at: dt.datetime
    term_id: int | None = None
    number: int | None = None
    venue: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str = ""
    chair_name: str = ""
    chair_title: str = ""
    organiser_label: str = ""


class MeetingPatch(Schema):
    """Only the fields sent are changed; ``chair_name`` names the chair as the edit page does."""

    kind: str | None = None
    title: str | None = Field(None, min_length=1, max_length=400)
    starts_at: dt.datetime | None = None
    term_id: int | None = None
    number: int | None = None
    venue: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str | None = None
    chair_name: str | None = None
    chair_title: str | None = None
    organiser_label: str | None = None
    summary: str | None = None


class AttendanceIn(Schema):
    statuses: dict[int, str]


class VoteIn(Schema):
    subject: str = Field(..., min_length=1, max_length=400)
    rule: str = "qua_nua"
    agenda_item_id: int | None = None


class BallotsIn(Schema):
    votes_for: int = Field(..., ge=0)
    votes_against: int = Field(0, ge=0)
    abstentions: int = Field(0, ge=0)
    present: int | None = Field(None, ge=1)


class ChangeIn(Schema):
    action: str
    membership_id: int | None = None
    person_name: str = ""
    position: str = ""
    represents: str = ""
    represents_detail: str = ""
    end_reason: str = ""


class ChangeOut(Schema):
    id: int
    action: str
    membership_id: int | None
    person_id: int | None
    position: str
    end_reason: str
    applied_at: dt.datetime | None


def _unit(request, unit_id: int, perm: str = "meetings.view_meeting") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level"), pk=unit_id)
    if not request.user.has_perm(perm, unit):
        raise HttpError(403, "Bạn không có quyền với đơn vị này.")
    return unit


def _meeting(request, meeting_id: int, perm: str = "meetings.view_meeting") -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("unit", "unit__level", "term", "cluster"), pk=meeting_id
    )
    if not request.user.has_perm(perm, meeting.unit):
        raise HttpError(403, "Bạn không có quyền với hội nghị này.")
    return meeting


@router.get("/units/{unit_id}/meetings", response=list[MeetingOut], summary="Lịch hội nghị của đơn vị")
def list_meetings(
    request,
    unit_id: int,
    subtree: bool = False,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
):
    unit = _unit(request, unit_id)
    qs = (
        Meeting.objects.filter(unit_id__in=subtree_ids(unit))
        if subtree
        else Meeting.objects.in_units([unit.pk])
    )
    if year:
        qs = qs.filter(starts_at__year=year)
    qs = qs.select_related("unit", "unit__level", "term").order_by("-starts_at", "-pk")
    return list(qs[offset : offset + limit])


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary="Toàn bộ biên bản một hội nghị")
def meeting_detail(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    counts = actions.attendance_counts(meeting)
    return {
        **{f: getattr(meeting, f) for f in MeetingOut.model_fields},
        "participant_ids": list(meeting.participants.values_list("pk", flat=True)),
        "attendance": counts,
        "has_quorum": actions.has_quorum(counts),
        "guests": list(meeting.guests.select_related("person")),
        "agenda": list(meeting.agenda.all()),
        "opinions": list(meeting.opinions.select_related("speaker")),
        "votes": list(meeting.votes.all()),
        "conclusions": [c.text for c in meeting.conclusions.all()],
        "decisions": [d.text for d in meeting.decisions.all()],
        "started_membership_ids": list(
            Membership.objects.filter(started_by_meeting=meeting).values_list("pk", flat=True)
        ),
        "ended_membership_ids": list(
            Membership.objects.filter(ended_by_meeting=meeting).values_list("pk", flat=True)
        ),
    }


@router.post("/units/{unit_id}/meetings", response={201: MeetingOut}, summary="Ghi một hội nghị")
def create_meeting(request, unit_id: int, payload: MeetingIn):
    unit = _unit(request, unit_id, "meetings.record_meeting")
    data = payload.dict()
    term_id = data.pop("term_id")
    term = get_object_or_404(Term, pk=term_id, unit=unit) if term_id else None
    return Status(201, actions.do_create_meeting(acting_user=request.user, unit=unit, term=term, **data))


@router.patch("/meetings/{meeting_id}", response=MeetingOut, summary="Sửa thông tin một hội nghị")
def update_meeting(request, meeting_id: int, payload: MeetingPatch):
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    changes = payload.dict(exclude_unset=True)
    if "term_id" in changes:
        term_id = changes.pop("term_id")
        changes["term"] = get_object_or_404(Term, pk=term_id, unit=meeting.unit) if term_id else None
    if not changes:
        raise HttpError(400, "Không có trường nào để sửa.")
    return actions.do_update_meeting(meeting, acting_user=request.user, **changes)


@router.post("/meetings/{meeting_id}/attendance", response=dict[str, int], summary="Điểm danh ủy viên")
def record_attendance(request, meeting_id: int, payload: AttendanceIn):
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    return actions.do_record_attendance(meeting, acting_user=request.user, statuses=payload.statuses)


@router.post("/meetings/{meeting_id}/votes", response={201: VoteOut}, summary="Đưa ra biểu quyết")
def open_vote(request, meeting_id: int, payload: VoteIn):
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    item = (
        get_object_or_404(AgendaItem, pk=payload.agenda_item_id, meeting=meeting)
        if payload.agenda_item_id
        else None
    )
    vote = actions.do_open_vote(
        meeting, acting_user=request.user, subject=payload.subject, rule=payload.rule, agenda_item=item
    )
    return Status(201, vote)


@router.post("/votes/{vote_id}/record", response=VoteOut, summary="Ghi kết quả biểu quyết")
def record_vote(request, vote_id: int, payload: BallotsIn):
    vote = get_object_or_404(Vote, pk=vote_id)
    _meeting(request, vote.meeting_id, "meetings.record_meeting")
    return actions.do_record_vote(vote, acting_user=request.user, **payload.dict())


@router.post(
    "/agenda-items/{item_id}/changes", response={201: ChangeOut}, summary="Đề xuất nhân sự hiệp thương"
)
def propose_change(request, item_id: int, payload: ChangeIn):
    item = get_object_or_404(AgendaItem, pk=item_id)
    meeting = _meeting(request, item.meeting_id, "meetings.record_meeting")
    membership = (
        get_object_or_404(
            Membership.objects.select_related("person"), pk=payload.membership_id, unit=meeting.unit
        )
        if payload.membership_id
        else None
    )
    data = payload.dict(exclude={"membership_id"})
    return Status(
        201, actions.do_propose_change(item, acting_user=request.user, membership=membership, **data)
    )
