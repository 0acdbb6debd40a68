"""Supervision, recommendations and social criticism over the API, with the same rules as the pages.

Persons under supervision are not in any answer: only the bodies, and the count of persons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from mattran.core.web import MAX_OFFSET, fetch
from mattran.meetings.models import Meeting
from mattran.org.models import Agency, MemberOrganization, Unit

from . import actions, queries
from .models import (
    CriticismDraft,
    CriticismPoint,
    Recommendation,
    ResidentialEvaluation,
    SubjectKind,
    SupervisionActivity,
    SupervisionProgramme,
)

router = Router(tags=["Giám sát, phản biện"])
VIEW, MANAGE = "oversight.view", "oversight.manage"


class ProgrammeOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    status: str
    adopted_at_id: int | None
    adopted_on: dt.date | None
    published: bool


class ActivityOut(Schema):
    id: int
    programme_id: int
    unit_id: int
    title: str
    form: str
    status: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    follows_id: int | None
    decision_number: str
    decision_on: dt.date | None
    plan_on: dt.date | None
    notice_on: dt.date | None
    concluded_on: dt.date | None
    conclusion: str


class RecommendationOut(Schema):
    id: int
    activity_id: int
    unit_id: int
    content: str
    addressee: str
    working_days: int
    issued_on: dt.date
    due_on: dt.date
    status: str
    answered_on: dt.date | None
    answer: str
    answered_late: bool


class ActivityDetailOut(ActivityOut):
    participant_ids: list[int]
    bodies: list[str]
    persons_count: int
    team: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    recommendations: list[RecommendationOut]


class ProgrammeIn(Schema):
    year: int
    title: str = ""


class AdoptIn(Schema):
    meeting_id: int
    adopted_on: dt.date | None = None


class ActivityIn(Schema):
    title: str
    form: str
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    participant_ids: list[int] = []


class RecommendationIn(Schema):
    content: str
    addressee: str = ""
    working_days: int | None = None
    issued_on: dt.date
    agency_id: int | None = None


class AnswerIn(Schema):
    answered_on: dt.date
    answer: str
    answer_number: str = ""


class BodyOut(Schema):
    addressee: str
    made: int
    answered: int
    answered_late: int
    overdue: int
    answer_rate: int


class DraftOut(Schema):
    id: int
    unit_id: int
    title: str
    drafting_body: str
    received_on: dt.date
    comments_due: dt.date
    form: str
    status: str
    sent_on: dt.date | None
    published: bool


class PointOut(Schema):
    id: int
    number: int
    content: str
    response: str
    explanation: str


class ResponseIn(Schema):
    response: str
    explanation: str = ""


UNITS = Unit.objects.all()


@router.get(
    "/units/{unit_id}/supervision-programmes",
    response=list[ProgrammeOut],
    summary="Chương trình giám sát của đơn vị",
)
def list_programmes(request: HttpRequest, unit_id: int) -> list[SupervisionProgramme]:
    unit = fetch(request, UNITS, unit_id, VIEW)
    return list(SupervisionProgramme.objects.filter(unit=unit))


@router.post(
    "/units/{unit_id}/supervision-programmes",
    response={201: ProgrammeOut},
    summary="Lập chương trình giám sát",
)
def create_programme(request: HttpRequest, unit_id: int, payload: ProgrammeIn) -> Status:
    unit = fetch(request, UNITS, unit_id, MANAGE)
    return Status(201, actions.do_create_programme(acting_user=request.user, unit=unit, **payload.dict()))


@router.post(
    "/supervision-programmes/{programme_id}/adopt",
    response=ProgrammeOut,
    summary="Ghi nhận thông qua tại hội nghị",
)
def adopt_programme(request: HttpRequest, programme_id: int, payload: AdoptIn) -> SupervisionProgramme:
    p = fetch(request, SupervisionProgramme, programme_id, MANAGE)
    meeting = fetch(request, Meeting, payload.meeting_id, "meetings.view_meeting")
    return actions.do_adopt_programme(
        p, acting_user=request.user, meeting=meeting, adopted_on=payload.adopted_on
    )


@router.get(
    "/supervision-programmes/{programme_id}/activities",
    response=list[ActivityOut],
    summary="Hoạt động của chương trình",
)
def list_activities(request: HttpRequest, programme_id: int) -> list[SupervisionActivity]:
    p = fetch(request, SupervisionProgramme, programme_id, VIEW)
    return list(p.activities.all())


@router.post(
    "/supervision-programmes/{programme_id}/activities",
    response={201: ActivityOut},
    summary="Thêm hoạt động giám sát",
)
def add_activity(request: HttpRequest, programme_id: int, payload: ActivityIn) -> Status:
    p = fetch(request, SupervisionProgramme, programme_id, MANAGE)
    data = payload.dict()
    orgs = list(MemberOrganization.objects.filter(pk__in=data.pop("participant_ids")))
    return Status(201, actions.do_add_activity(p, acting_user=request.user, participants=orgs, **data))


@router.get(
    "/supervision-activities/{activity_id}", response=ActivityDetailOut, summary="Một hoạt động giám sát"
)
def activity_detail(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    a = fetch(request, SupervisionActivity, activity_id, VIEW)
    return {
        **{f: getattr(a, f) for f in ActivityOut.model_fields},
        "participant_ids": list(a.participants.values_list("pk", flat=True)),
        "bodies": list(a.subjects.filter(kind=SubjectKind.BODY).values_list("name", flat=True)),
        "persons_count": a.subjects.filter(kind=SubjectKind.PERSON).count(),
        "team": [
            {"name": m.name, "title": m.title, "role": m.role, "member_org_id": m.member_org_id}
            for m in a.team.all()
        ],
        "sessions": [{"held_on": s.held_on, "place": s.place, "notes": s.notes} for s in a.sessions.all()],
        "findings": [
            {"id": f.pk, "text": f.text, "is_shortcoming": f.is_shortcoming} for f in a.findings.all()
        ],
        "recommendations": list(a.recommendations.all()),
    }


@router.post(
    "/supervision-activities/{activity_id}/recommendations",
    response={201: RecommendationOut},
    summary="Ghi kiến nghị",
)
def make_recommendation(request: HttpRequest, activity_id: int, payload: RecommendationIn) -> Status:
    a = fetch(request, SupervisionActivity, activity_id, MANAGE)
    data = payload.dict()
    agency_id = data.pop("agency_id")
    agency = get_object_or_404(Agency, pk=agency_id) if agency_id else None
    return Status(201, actions.do_make_recommendation(a, acting_user=request.user, agency=agency, **data))


@router.post(
    "/recommendations/{rec_id}/answer", response=RecommendationOut, summary="Ghi câu trả lời kiến nghị"
)
def answer_recommendation(request: HttpRequest, rec_id: int, payload: AnswerIn) -> Recommendation:
    rec = fetch(request, Recommendation, rec_id, MANAGE)
    return actions.do_answer_recommendation(rec, acting_user=request.user, **payload.dict())


@router.get(
    "/units/{unit_id}/recommendations",
    response=list[RecommendationOut],
    summary="Kiến nghị của đơn vị và cấp dưới",
)
def list_recommendations(
    request: HttpRequest,
    unit_id: int,
    overdue: bool = False,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
) -> list[Recommendation]:
    unit = fetch(request, UNITS, unit_id, VIEW)
    qs = queries.in_subtree(Recommendation.objects.all(), unit)
    if overdue:
        qs = queries.open_overdue(qs, timezone.localdate())
    return list(qs.order_by("due_on", "pk")[offset : offset + limit])


@router.get(
    "/units/{unit_id}/recommendations/by-body",
    response=list[BodyOut],
    summary="Kiến nghị theo cơ quan trả lời",
)
def recommendations_by_body(request: HttpRequest, unit_id: int) -> list[queries.BodyRow]:
    unit = fetch(request, UNITS, unit_id, VIEW)
    return queries.recommendations_by_body(unit)


@router.get("/units/{unit_id}/criticism-drafts", response=list[DraftOut], summary="Dự thảo được phản biện")
def list_drafts(request: HttpRequest, unit_id: int) -> list[CriticismDraft]:
    unit = fetch(request, UNITS, unit_id, VIEW)
    return list(CriticismDraft.objects.filter(unit=unit))


@router.get(
    "/criticism-drafts/{draft_id}/points", response=list[PointOut], summary="Ý kiến phản biện và giải trình"
)
def list_points(request: HttpRequest, draft_id: int) -> list[CriticismPoint]:
    d = fetch(request, CriticismDraft, draft_id, VIEW)
    return list(d.points.all())


@router.post("/criticism-points/{point_id}/response", response=PointOut, summary="Ghi giải trình một ý kiến")
def record_response(request: HttpRequest, point_id: int, payload: ResponseIn) -> CriticismPoint:
    point = fetch(request, CriticismPoint, point_id, MANAGE)
    return actions.do_record_point_response(point, acting_user=request.user, **payload.dict())


class SubjectIn(Schema):
    kind: str
    name: str = ""
    position: str = ""


class TeamMemberIn(Schema):
    name: str
    title: str = ""
    role: str = "thanh_vien"
    member_org_id: int | None = None


class TeamIn(Schema):
    decision_number: str = ""
    decision_on: dt.date
    members: list[TeamMemberIn]


class PlanIn(Schema):
    plan_on: dt.date
    purpose: str
    content: str
    plan_number: str = ""


class NoticeIn(Schema):
    notice_on: dt.date


class SessionIn(Schema):
    held_on: dt.date
    place: str = ""
    notes: str = ""


class FindingIn(Schema):
    text: str
    is_shortcoming: bool = True


class ConcludeIn(Schema):
    conclusion: str
    concluded_on: dt.date
    report_number: str = ""


def _activity(request: HttpRequest, activity_id: int) -> SupervisionActivity:
    return fetch(request, SupervisionActivity, activity_id, MANAGE)


@router.post(
    "/supervision-activities/{activity_id}/subjects", response={201: dict}, summary="Thêm đối tượng giám sát"
)
def add_subject(request: HttpRequest, activity_id: int, payload: SubjectIn) -> Status:
    subject = actions.do_add_subject(
        _activity(request, activity_id), acting_user=request.user, **payload.dict()
    )
    return Status(201, {"id": subject.pk, "kind": subject.kind})


@router.post(
    "/supervision-activities/{activity_id}/team", response=ActivityOut, summary="Thành lập đoàn giám sát"
)
def establish_team(request: HttpRequest, activity_id: int, payload: TeamIn) -> SupervisionActivity:
    a = _activity(request, activity_id)
    members = [
        {
            "name": m.name,
            "title": m.title,
            "role": m.role,
            "member_org": get_object_or_404(MemberOrganization, pk=m.member_org_id)
            if m.member_org_id
            else None,
        }
        for m in payload.members
    ]
    return actions.do_establish_team(
        a, acting_user=request.user, decision_number=payload.decision_number, decision_on=payload.decision_on,
        members=members,
    )  # fmt: skip


@router.post(
    "/supervision-activities/{activity_id}/plan", response=ActivityOut, summary="Ghi kế hoạch giám sát"
)
def record_plan(request: HttpRequest, activity_id: int, payload: PlanIn) -> SupervisionActivity:
    return actions.do_record_plan(_activity(request, activity_id), acting_user=request.user, **payload.dict())


@router.post(
    "/supervision-activities/{activity_id}/notice", response=ActivityOut, summary="Ghi thông báo giám sát"
)
def notify_subject(request: HttpRequest, activity_id: int, payload: NoticeIn) -> SupervisionActivity:
    return actions.do_notify_subject(
        _activity(request, activity_id), acting_user=request.user, **payload.dict()
    )


@router.post(
    "/supervision-activities/{activity_id}/sessions", response={201: dict}, summary="Ghi buổi làm việc"
)
def record_session(request: HttpRequest, activity_id: int, payload: SessionIn) -> Status:
    session = actions.do_record_session(
        _activity(request, activity_id), acting_user=request.user, **payload.dict()
    )
    return Status(201, {"id": session.pk, "held_on": session.held_on})


@router.post(
    "/supervision-activities/{activity_id}/findings", response={201: dict}, summary="Ghi kết quả phát hiện"
)
def add_finding(request: HttpRequest, activity_id: int, payload: FindingIn) -> Status:
    finding = actions.do_add_finding(
        _activity(request, activity_id), acting_user=request.user, **payload.dict()
    )
    return Status(201, {"id": finding.pk})


@router.post(
    "/supervision-activities/{activity_id}/conclusion", response=ActivityOut, summary="Kết luận giám sát"
)
def conclude(request: HttpRequest, activity_id: int, payload: ConcludeIn) -> SupervisionActivity:
    return actions.do_conclude_activity(
        _activity(request, activity_id), acting_user=request.user, **payload.dict()
    )


class DraftIn(Schema):
    title: str
    drafting_body: str
    received_on: dt.date
    comments_due: dt.date
    form: str
    summary_of_draft: str = ""


class PointIn(Schema):
    content: str


class SendIn(Schema):
    sent_on: dt.date
    document_number: str = ""


@router.post(
    "/units/{unit_id}/criticism-drafts", response={201: DraftOut}, summary="Nhận dự thảo để phản biện"
)
def receive_draft(request: HttpRequest, unit_id: int, payload: DraftIn) -> Status:
    unit = fetch(request, UNITS, unit_id, MANAGE)
    return Status(201, actions.do_receive_draft(acting_user=request.user, unit=unit, **payload.dict()))


@router.post("/criticism-drafts/{draft_id}/points", response={201: PointOut}, summary="Thêm ý kiến phản biện")
def add_point(request: HttpRequest, draft_id: int, payload: PointIn) -> Status:
    d = fetch(request, CriticismDraft, draft_id, MANAGE)
    return Status(201, actions.do_add_criticism_point(d, acting_user=request.user, **payload.dict()))


@router.post("/criticism-drafts/{draft_id}/send", response=DraftOut, summary="Gửi văn bản phản biện")
def send_criticism(request: HttpRequest, draft_id: int, payload: SendIn) -> CriticismDraft:
    d = fetch(request, CriticismDraft, draft_id, MANAGE)
    return actions.do_send_criticism(d, acting_user=request.user, **payload.dict())


class EvaluationOut(Schema):
    id: int
    unit_id: int
    year: int
    held_on: dt.date


class EvaluationIn(Schema):
    year: int
    held_on: dt.date


class EvaluatedIn(Schema):
    name: str
    result: str
    is_party_member: bool = True
    workplace: str = ""
    remarks: str = ""


@router.post(
    "/units/{unit_id}/residential-evaluations",
    response={201: EvaluationOut},
    summary="Mở đợt đánh giá ở khu dân cư",
)
def open_evaluation(request: HttpRequest, unit_id: int, payload: EvaluationIn) -> Status:
    unit = fetch(request, UNITS, unit_id, MANAGE)
    return Status(201, actions.do_open_evaluation(acting_user=request.user, unit=unit, **payload.dict()))


@router.post(
    "/residential-evaluations/{evaluation_id}/entries",
    response={201: dict},
    summary="Ghi kết quả đánh giá một người",
)
def evaluate_person(request: HttpRequest, evaluation_id: int, payload: EvaluatedIn) -> Status:
    e = fetch(request, ResidentialEvaluation, evaluation_id, MANAGE)
    entry = actions.do_evaluate_person(e, acting_user=request.user, **payload.dict())
    return Status(201, {"id": entry.pk, "result": entry.result})


__all__ = ["router"]
