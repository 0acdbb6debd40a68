"""Persons, terms, committees and memberships over the API, with the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from mattran.core.authz import profile_of
from mattran.core.errors import PermissionDenied
from mattran.core.web import MAX_OFFSET, fetch
from mattran.org.models import MemberOrganization, Unit
from mattran.org.queries import scope_q, today

from . import actions, queries
from .models import Membership, Person, Term

router = Router(tags=["Nhân sự, ủy viên"])


class PersonOut(Schema):
    """A person as any reader in scope sees them: no sensitive personal data."""

    id: int
    full_name: str
    gender: str
    occupation: str
    unit_id: int


class PersonDetailOut(PersonOut):
    """With the sensitive fields for the keeping unit's editors and administrators (each read audited);
    null for everyone else."""

    birth_year: int | None = None
    ethnicity: str | None = None
    religion: str | None = None
    contact: str | None = None
    notes: str | None = None


class PersonIn(Schema):
    unit_id: int
    full_name: str = Field(..., min_length=1, max_length=150)
    gender: str = ""
    birth_year: int | None = None
    ethnicity: str = ""
    religion: str = ""
    occupation: str = ""
    contact: str = ""
    notes: str = ""


class TermOut(Schema):
    id: int
    unit_id: int
    label: str
    period_label: str
    start: dt.date
    end: dt.date | None
    congress_id: int | None


class TermIn(Schema):
    label: str = Field(..., min_length=1, max_length=100)
    period_label: str = ""
    start: dt.date
    end: dt.date | None = None


class MembershipOut(Schema):
    id: int
    person: PersonOut
    unit_id: int
    term_id: int
    position: str
    position_label: str = Field(..., alias="get_position_display")
    represents: str
    member_org_id: int | None
    represents_detail: str
    start: dt.date
    end: dt.date | None
    end_reason: str
    started_by_meeting_id: int | None
    ended_by_meeting_id: int | None
    start_decision: str
    end_decision: str


class MembershipIn(Schema):
    person_id: int | None = None
    full_name: str = ""
    position: str
    start: dt.date
    represents: str = ""
    member_org_id: int | None = None
    represents_detail: str = ""
    start_decision: str = ""


class EndIn(Schema):
    end: dt.date
    reason: str
    end_decision: str = ""


UNITS = Unit.objects.select_related("level")
TERMS = Term.objects.select_related("unit")


def _readable_units(request: HttpRequest) -> QuerySet[Unit]:
    if request.user.is_superuser:
        return Unit.objects.all()
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return Unit.objects.filter(scope_q(profile.unit_id))


@router.get("/persons", response=list[PersonOut], summary="Cá nhân do các đơn vị trong phạm vi quản lý")
def list_persons(
    request: HttpRequest,
    q: str = "",
    unit_id: int | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
) -> list[Person]:
    qs = Person.objects.filter(unit__in=_readable_units(request))
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if q.strip():
        qs = qs.search(q)
    return list(qs.order_by("search_name", "pk")[offset : offset + limit])


@router.get(
    "/persons/{person_id}",
    response=PersonDetailOut,
    summary="Một cá nhân (thông tin nhạy cảm chỉ cho cán bộ đơn vị quản lý hồ sơ, có ghi nhật ký)",
)
def person_detail(request: HttpRequest, person_id: int) -> dict[str, Any]:
    person = fetch(request, Person.objects.select_related("unit"), person_id, "people.view_person")
    out = PersonDetailOut.from_orm(person).dict()
    for name in actions.SENSITIVE_FIELDS:
        out[name] = None
    if request.user.has_perm("people.view_sensitive", person):
        out.update(actions.do_read_sensitive(person, acting_user=request.user, purpose="API"))
    return out


@router.post("/persons", response={201: PersonOut}, summary="Thêm cá nhân")
def create_person(request: HttpRequest, payload: PersonIn) -> Status:
    unit = fetch(request, UNITS, payload.unit_id, "people.change_person")
    data = payload.dict(exclude={"unit_id"})
    return Status(201, actions.do_create_person(acting_user=request.user, unit=unit, **data))


@router.get("/units/{unit_id}/terms", response=list[TermOut], summary="Các nhiệm kỳ của đơn vị")
def list_terms(request: HttpRequest, unit_id: int) -> list[Term]:
    unit = fetch(request, UNITS, unit_id, "people.view_committee")
    return list(Term.objects.filter(unit=unit).order_by("-start"))


@router.post("/units/{unit_id}/terms", response={201: TermOut}, summary="Mở nhiệm kỳ")
def create_term(request: HttpRequest, unit_id: int, payload: TermIn) -> Status:
    unit = fetch(request, UNITS, unit_id, "people.manage_committee")
    return Status(201, actions.do_create_term(acting_user=request.user, unit=unit, **payload.dict()))


@router.get("/units/{unit_id}/committee", response=list[MembershipOut], summary="Ủy viên tại một ngày")
def committee(request: HttpRequest, unit_id: int, as_of: dt.date | None = None) -> list[Membership]:
    unit = fetch(request, UNITS, unit_id, "people.view_committee")
    return queries.committee_list(unit, as_of or today())


@router.get(
    "/terms/{term_id}/memberships", response=list[MembershipOut], summary="Mọi biến động của một khóa"
)
def term_memberships(request: HttpRequest, term_id: int) -> list[Membership]:
    term = fetch(request, TERMS, term_id, "people.view_committee")
    return list(queries.committee_history(term.unit, term))


@router.post("/terms/{term_id}/memberships", response={201: MembershipOut}, summary="Thêm ủy viên")
def add_membership(request: HttpRequest, term_id: int, payload: MembershipIn) -> Status:
    """Add a member named by ``person_id`` (a recorded person) or by ``full_name`` (found or recorded)."""
    term = fetch(request, TERMS, term_id, "people.manage_committee")
    extra: dict[str, Any] = {
        "represents": payload.represents,
        "member_org": None,
        "represents_detail": payload.represents_detail,
        "start_decision": payload.start_decision,
    }
    if payload.member_org_id is not None:
        extra["member_org"] = fetch(request, MemberOrganization, payload.member_org_id, "org.view_unit")
    fields = {"term": term, "position": payload.position, "start": payload.start, **extra}
    if payload.person_id is not None:
        person = fetch(request, Person, payload.person_id, "people.view_person")
        membership = actions.do_add_membership(acting_user=request.user, person=person, **fields)
    else:
        membership = actions.do_add_member_by_name(
            acting_user=request.user, full_name=payload.full_name, **fields
        )
    return Status(201, Membership.objects.select_related("person").get(pk=membership.pk))


@router.post("/memberships/{membership_id}/end", response=MembershipOut, summary="Cho thôi / ghi thôi")
def end_membership(request: HttpRequest, membership_id: int, payload: EndIn) -> Membership:
    memberships = Membership.objects.select_related("person", "term")
    membership = fetch(request, memberships, membership_id, "people.manage_committee")
    actions.do_end_membership(membership, acting_user=request.user, **payload.dict())
    return Membership.objects.select_related("person").get(pk=membership.pk)
