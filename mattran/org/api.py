"""Units over the API: list, detail, children, subtree, search — the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from mattran.core.authz import profile_of
from mattran.core.web import MAX_OFFSET

from . import queries
from .models import Unit

router = Router(tags=["Đơn vị"])

MAX_PAGE = 500


class LevelOut(Schema):
    code: str
    name: str
    rank: int


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    code: str
    structure: str
    level: LevelOut
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    home_id: int | None
    committee_name: str


class SuccessionOut(Schema):
    predecessor_id: int
    successor_id: int
    date: dt.date
    is_primary: bool


class UnitDetailOut(UnitOut):
    ancestors: list[UnitOut]
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]
    children_count: int


class Page(Schema):
    count: int
    offset: int
    limit: int
    items: list[UnitOut]


class ListParams(Schema):
    level: str | None = None
    parent: int | None = None
    as_of: dt.date | None = None
    include_closed: bool = False
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(50, ge=1, le=MAX_PAGE)


def _readable_unit(request, unit_id: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level"), pk=unit_id)
    if not request.user.has_perm("org.view_unit", unit):
        raise HttpError(403, "Bạn không có quyền xem đơn vị này.")
    return unit


def _scope(request):
    """The units a user may read: everything for a superuser, else their own subtree."""
    if request.user.is_superuser:
        return Unit.objects.all()
    profile = profile_of(request.user)
    if profile is None:
        raise HttpError(403, "Tài khoản chưa được gán đơn vị.")
    return Unit.objects.filter(queries.scope_q(profile.unit_id))


def _page(qs, offset: int, limit: int) -> dict:
    qs = qs.select_related("level").order_by("level__rank", "search_name", "pk")
    return {"count": qs.count(), "offset": offset, "limit": limit, "items": list(qs[offset : offset + limit])}


@router.get("/units", response=Page, summary="Danh sách đơn vị trong phạm vi được xem")
def list_units(request, params: Query[ListParams]):
    qs = _scope(request)
    if params.level:
        qs = qs.filter(level__code=params.level)
    if params.parent is not None:
        qs = qs.filter(parent_id=params.parent)
    if params.as_of:
        qs = qs.open_on(params.as_of)
    elif not params.include_closed:
        qs = qs.filter(valid_to__isnull=True)
    return _page(qs, params.offset, params.limit)


@router.get("/units/search", response=list[UnitOut], summary="Tìm đơn vị theo tên (có hoặc không dấu)")
def search(
    request,
    q: str = Query(..., min_length=1, max_length=100),
    include_closed: bool = False,
    limit: int = Query(20, ge=1, le=100),
):
    within = None
    if not request.user.is_superuser:
        profile = profile_of(request.user)
        if profile is None:
            raise HttpError(403, "Tài khoản chưa được gán đơn vị.")
        within = profile.unit
    return queries.search_units(q, within=within, include_closed=include_closed, limit=limit)


@router.get("/units/{unit_id}", response=UnitDetailOut, summary="Chi tiết một đơn vị")
def unit_detail(request, unit_id: int):
    unit = _readable_unit(request, unit_id)
    unit.ancestors = queries.ancestors(unit)
    unit.predecessors = list(queries.predecessors(unit))
    unit.successors = list(queries.successors(unit))
    unit.children_count = queries.children(unit).count()
    return unit


@router.get("/units/{unit_id}/children", response=Page, summary="Đơn vị trực thuộc")
def unit_children(
    request,
    unit_id: int,
    as_of: dt.date | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
):
    unit = _readable_unit(request, unit_id)
    return _page(queries.children(unit, as_of=as_of), offset, limit)


@router.get("/units/{unit_id}/subtree", response=Page, summary="Toàn bộ đơn vị bên dưới tại một ngày")
def unit_subtree(
    request,
    unit_id: int,
    as_of: dt.date | None = None,
    level: str | None = None,
    effective: bool = False,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
):
    unit = _readable_unit(request, unit_id)
    qs = queries.effective_descendants(unit) if effective else queries.subtree(unit, as_of=as_of)
    if level:
        qs = qs.filter(level__code=level)
    return _page(qs, offset, limit)
