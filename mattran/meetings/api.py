"""Meetings, attendance, votes and hiệp thương proposals over the API, with the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from mattran.core.web import MAX_OFFSET, fetch
from mattran.org.models import Unit
from mattran.people.models import Membership, Term

from . import actions, queries
from .models import FIRST_YEAR, LAST_YEAR, AgendaItem, Guest, Meeting, Vote

router = Router(tags=["Hội nghị"])


class GuestOut(Schema):
    person_id: int | None
    name: str | None = None
    title: str
    organisation: str
    role: str

    @staticmethod
    def resolve_name(obj: Guest) -> str | None:
        return obj.person.full_name if obj.person else None


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


class ConsultationChangeIn(Schema):
    action: str
    membership_id: int | None = None
    person_name: str = ""
    position: str = ""
    represents: str = ""
    represents_detail: str = ""
    end_reason: str = ""


class ConsultationChangeOut(Schema):
    id: int
    action: str
    membership_id: int | None
    person_id: int | None
    position: str
    end_reason: str
    applied_at: dt.datetime | None


VIEW, RECORD = "meetings.view_meeting", "meetings.record_meeting"
UNITS = Unit.objects.select_related("level")
MEETINGS = Meeting.objects.select_related("unit", "unit__level", "term", "cluster")
# A meeting's permissions are its unit's (the host unit for a cluster conference); so are its parts'.
of_unit = attrgetter("unit")
of_meeting = attrgetter("meeting.unit")


@router.get("/units/{unit_id}/meetings", response=list[MeetingOut], summary="Lịch hội nghị của đơn vị")
def list_meetings(
    request: HttpRequest,
    unit_id: int,
    subtree: bool = False,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
) -> list[Meeting]:
    unit = fetch(request, UNITS, unit_id, VIEW)
    return list(queries.meetings_of(unit, subtree=subtree, year=year)[offset : offset + limit])


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary="Toàn bộ biên bản một hội nghị")
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = fetch(request, MEETINGS, meeting_id, VIEW, on=of_unit)
    counts = queries.attendance_counts(meeting)
    return {
        **{f: getattr(meeting, f) for f in MeetingOut.model_fields},
        "participant_ids": list(meeting.participants.values_list("pk", flat=True)),
        "attendance": counts,
        "has_quorum": queries.has_quorum(counts),
        "guests": list(meeting.guests.select_related("person")),
        "agenda": list(meeting.agenda.all()),
        "opinions": list(meeting.opinions.select_related("speaker")),
        "votes": list(meeting.votes.all()),
        "conclusions": [c.text for c in meeting.conclusions.all()],
        "decisions": [d.text for d in meeting.decisions.all()],
        "started_membership_ids": list(queries.started_by(meeting).values_list("pk", flat=True)),
        "ended_membership_ids": list(queries.ended_by(meeting).values_list("pk", flat=True)),
    }


def _term(unit: Unit, term_id: int | None) -> Term | None:
    """The unit's term named by the request (404 for another unit's), or none."""
    return get_object_or_404(Term, pk=term_id, unit=unit) if term_id else None


@router.post("/units/{unit_id}/meetings", response={201: MeetingOut}, summary="Ghi một hội nghị")
def create_meeting(request: HttpRequest, unit_id: int, payload: MeetingIn) -> Status:
    unit = fetch(request, UNITS, unit_id, RECORD)
    data = payload.dict()
    term = _term(unit, data.pop("term_id"))
    return Status(201, actions.do_create_meeting(acting_user=request.user, unit=unit, term=term, **data))


@router.patch("/meetings/{meeting_id}", response=MeetingOut, summary="Sửa thông tin một hội nghị")
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Meeting:
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    changes = payload.dict(exclude_unset=True)
    if "term_id" in changes:
        changes["term"] = _term(meeting.unit, changes.pop("term_id"))
    return actions.do_update_meeting(meeting, acting_user=request.user, **changes)


@router.post("/meetings/{meeting_id}/attendance", response=dict[str, int], summary="Điểm danh ủy viên")
def record_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> dict[str, int]:
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    return actions.do_record_attendance(meeting, acting_user=request.user, statuses=payload.statuses)


@router.post("/meetings/{meeting_id}/votes", response={201: VoteOut}, summary="Đưa ra biểu quyết")
def open_vote(request: HttpRequest, meeting_id: int, payload: VoteIn) -> Status:
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    item_id = payload.agenda_item_id
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting) if item_id else None
    vote = actions.do_open_vote(
        meeting, acting_user=request.user, subject=payload.subject, rule=payload.rule, agenda_item=item
    )
    return Status(201, vote)


@router.post("/votes/{vote_id}/record", response=VoteOut, summary="Ghi kết quả biểu quyết")
def record_vote(request: HttpRequest, vote_id: int, payload: BallotsIn) -> Vote:
    vote = fetch(request, Vote.objects.select_related("meeting__unit"), vote_id, RECORD, on=of_meeting)
    return actions.do_record_vote(vote, acting_user=request.user, **payload.dict())


@router.post(
    "/agenda-items/{item_id}/changes",
    response={201: ConsultationChangeOut},
    summary="Đề xuất nhân sự hiệp thương",
    # The operation's published id from before the code named hiệp thương "consultation" everywhere; kept
    # so clients generated from the schema keep their method name (docs/decisions.md).
    operation_id="mattran_meetings_api_propose_change",
)
def propose_consultation_change(request: HttpRequest, item_id: int, payload: ConsultationChangeIn) -> Status:
    item = fetch(request, AgendaItem.objects.select_related("meeting__unit"), item_id, RECORD, on=of_meeting)
    unit = item.meeting.unit
    member_id = payload.membership_id
    members = Membership.objects.select_related("person")
    membership = get_object_or_404(members, pk=member_id, unit=unit) if member_id else None
    data = payload.dict(exclude={"membership_id"})
    change = actions.do_propose_consultation_change(
        item, acting_user=request.user, membership=membership, **data
    )
    return Status(201, change)
