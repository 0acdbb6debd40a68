"""Citizens' cases over the API (OpenAPI at /api/v1/docs), with the same rules as the pages.

No response schema has a submitter field: a case's submitters are counted, never listed, here — a sealed
denunciation's identity cannot leave through the API, and an ordinary case's stays on the pages.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from mattran.core.web import MAX_OFFSET, fetch
from mattran.org.models import Agency, Unit

from . import actions, queries
from .models import Case, Field

router = Router(tags=["Tiếng nói nhân dân"])

CASES = Case.objects.select_related("unit", "field", "agency")


class CaseOut(Schema):
    id: int
    code: str
    unit_id: int
    kind: str
    urgency: str
    field: str | None
    channel: str
    summary: str
    text: str
    received_on: dt.date
    status: str
    due_on: dt.date | None
    overdue: bool
    sealed: bool
    submitters: int
    agency_id: int | None
    forwarded_on: dt.date | None
    answer_due_on: dt.date | None
    answered_on: dt.date | None
    answer_text: str
    answered_by_front: bool
    satisfied: bool | None
    reopen_count: int
    escalated_from_id: int | None
    merged_into_id: int | None

    @staticmethod
    def resolve_field(obj: Case) -> str | None:
        return obj.field.code if obj.field else None

    @staticmethod
    def resolve_overdue(obj: Case) -> bool:
        return obj.overdue_now

    @staticmethod
    def resolve_submitters(obj: Case) -> int:
        return obj.submitters.count()


class SubmitterIn(Schema):
    full_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class CaseIn(Schema):
    kind: str
    channel: str
    received_on: dt.date
    text: str
    summary: str = ""
    field: str | None = None
    urgency: str = "thuong"
    address: str = ""
    anonymous: bool = False
    submitters: list[SubmitterIn] = []
    allow_publish: bool = False


class ClassifyIn(Schema):
    kind: str
    field: str
    urgency: str = "thuong"
    summary: str = ""


class ForwardIn(Schema):
    agency_id: int
    forwarded_on: dt.date


class ReasonIn(Schema):
    reason: str


def _field(code: str | None) -> Field | None:
    return get_object_or_404(Field, code=code) if code else None


@router.get(
    "/units/{unit_id}/petitions", response=list[CaseOut], summary="Vụ việc của đơn vị (quá hạn trước)"
)
def list_cases(
    request: HttpRequest,
    unit_id: int,
    subtree: bool = False,
    overdue: bool = False,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
) -> list[Case]:
    unit = fetch(request, Unit, unit_id, "petitions.view_case")
    today = timezone.localdate()
    qs = queries.cases_of(unit, subtree=subtree)
    if overdue:
        qs = qs.overdue(today)
    return list(queries.overdue_first(qs, today).prefetch_related("submitters")[offset : offset + limit])


@router.get("/petitions/{case_id}", response=CaseOut, summary="Một vụ việc")
def case_detail(request: HttpRequest, case_id: int) -> Case:
    return fetch(request, CASES, case_id, "petitions.view_case")


@router.post("/units/{unit_id}/petitions", response={201: CaseOut}, summary="Tiếp nhận một vụ việc")
def receive(request: HttpRequest, unit_id: int, payload: CaseIn) -> Status:
    unit = fetch(request, Unit, unit_id, "petitions.receive_case")
    data = payload.dict()
    data["field"] = _field(data.pop("field"))
    case = actions.do_receive_case(acting_user=request.user, unit=unit, **data)
    return Status(201, case)


@router.post("/petitions/{case_id}/classify", response=CaseOut, summary="Phân loại")
def classify(request: HttpRequest, case_id: int, payload: ClassifyIn) -> Case:
    case = fetch(request, CASES, case_id, "petitions.handle_case")
    return actions.do_classify_case(
        case,
        acting_user=request.user,
        kind=payload.kind,
        field=_field(payload.field),
        urgency=payload.urgency,
        summary=payload.summary,
    )


@router.post("/petitions/{case_id}/forward", response=CaseOut, summary="Chuyển cơ quan có thẩm quyền")
def forward(request: HttpRequest, case_id: int, payload: ForwardIn) -> Case:
    case = fetch(request, CASES, case_id, "petitions.handle_case")
    agency = get_object_or_404(Agency, pk=payload.agency_id)
    return actions.do_forward_case(
        case, acting_user=request.user, agency=agency, forwarded_on=payload.forwarded_on
    )


@router.post("/petitions/{case_id}/reopen", response=CaseOut, summary="Mở lại")
def reopen(request: HttpRequest, case_id: int, payload: ReasonIn) -> Case:
    case = fetch(request, CASES, case_id, "petitions.handle_case")
    return actions.do_reopen_case(case, acting_user=request.user, reason=payload.reason)


@router.post("/petitions/{case_id}/escalate", response={201: CaseOut}, summary="Chuyển lên cấp trên")
def escalate(request: HttpRequest, case_id: int, payload: ReasonIn) -> Status:
    case = fetch(request, CASES, case_id, "petitions.handle_case")
    return Status(201, actions.do_escalate_case(case, acting_user=request.user, reason=payload.reason))


class OnTimeOut(Schema):
    agency_id: int
    agency__name: str
    answered: int
    on_time: int
    rate: int


@router.get(
    "/units/{unit_id}/petitions/on-time",
    response=list[OnTimeOut],
    summary="Tỷ lệ trả lời đúng hạn theo cơ quan",
)
def on_time(request: HttpRequest, unit_id: int, year: int = Query(..., ge=2000, le=2100)) -> list[dict]:
    unit = fetch(request, Unit, unit_id, "petitions.view_case")
    return queries.on_time_by_agency(unit, dt.date(year, 1, 1), dt.date(year, 12, 31))
