"""Support paid from funds over the API: decisions, disbursements, houses and their progress."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from mattran.core.errors import ActionError
from mattran.core.web import MAX_OFFSET
from mattran.org.models import Unit

from .. import actions
from ..models import Beneficiary, Decision, Disbursement
from ..rules import visible_shares
from .common import _fund, _require, _unit
from .ledger import EntryOut

router = Router()


class DecisionIn(Schema):
    number: str
    date: dt.date
    title: str
    signer: str = ""


class DecisionOut(Schema):
    id: int
    unit_id: int
    number: str
    date: dt.date
    title: str
    signer: str


class DisbursementIn(Schema):
    decision_id: int
    kind: str = Field(..., description="gift (quà), house (nhà Đại đoàn kết) hoặc cash (tiền mặt)")
    category: str = Field(..., description="poor, near_poor, policy, disaster hoặc other")
    date: dt.date
    description: str
    beneficiary_ids: list[int] = Field(
        default_factory=list,
        max_length=20_000,
        description="Các hộ nhận: quà mỗi hộ một suất; tiền mặt chia đều; nhà đúng một hộ",
    )
    recipient_unit_id: int | None = None
    amount: int | None = Field(None, description="Đồng; với quà để trống (= số suất × giá trị mỗi suất)")
    gift_count: int | None = None
    gift_value: int | None = None
    house_work: str = Field("", description="build (xây mới) hoặc repair (sửa chữa), với nhà")
    appeal_id: int | None = None


class DisbursementOut(Schema):
    id: int
    fund_id: int
    decision_id: int
    appeal_id: int | None
    kind: str
    category: str
    date: dt.date
    description: str
    amount: int
    gift_count: int | None
    gift_value: int | None
    house_work: str
    house_progress: int | None
    house_stage: str
    house_state: str
    handed_over_on: dt.date | None
    recipient_unit_id: int | None
    entry_id: int
    cancelled: bool
    households: int

    @staticmethod
    def resolve_households(obj) -> int:
        count = getattr(obj, "households", None)
        return obj.shares.count() if count is None else count


class ShareOut(Schema):
    beneficiary_id: int
    head_name: str
    category: str
    area_id: int | None
    gift_count: int | None
    amount: int

    @staticmethod
    def resolve_head_name(obj) -> str:
        return obj.beneficiary.head_name

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.beneficiary.category

    @staticmethod
    def resolve_area_id(obj) -> int | None:
        return obj.beneficiary.area_id


class HouseProgressIn(Schema):
    stage: str = Field(..., description="started, foundation, walls, roof, finished hoặc handed_over")
    date: dt.date
    percent: int | None = Field(None, description="0–100; để trống: theo giai đoạn")
    note: str = ""


class HouseProgressOut(Schema):
    id: int
    disbursement_id: int
    stage: str
    percent: int
    date: dt.date
    note: str


class DisbursementDetailOut(DisbursementOut):
    decision: DecisionOut
    entry: EntryOut
    beneficiaries: list[ShareOut]
    progress: list[HouseProgressOut]

    @staticmethod
    def resolve_beneficiaries(obj, context) -> list:
        shares = visible_shares(context["request"].user, obj)
        return list(shares.select_related("beneficiary").order_by("beneficiary__search_name", "id"))

    @staticmethod
    def resolve_progress(obj) -> list:
        return list(obj.progress_updates.order_by("date", "id"))


def _disbursement(request, disbursement_id: int, perm: str = "funds.view_disbursement"):
    disbursement = get_object_or_404(
        Disbursement.objects.listed().select_related("entry__posted_by", "appeal"), pk=disbursement_id
    )
    _require(request, perm, disbursement)
    return disbursement


@router.get(
    "/funds/{int:fund_id}/disbursements", response=list[DisbursementOut], summary="Các khoản chi của quỹ"
)
def list_disbursements(
    request,
    fund_id: int,
    kind: str | None = None,
    category: str | None = None,
    decision_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    fund = _fund(request, fund_id)
    qs = fund.disbursements.all()
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(category=category)
    if decision_id:
        qs = qs.filter(decision_id=decision_id)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return list(qs.listed().order_by("-date", "-id")[offset : offset + limit])


@router.post(
    "/funds/{int:fund_id}/disbursements",
    response={201: DisbursementDetailOut},
    summary="Ghi khoản chi: quà (số suất × giá trị), nhà Đại đoàn kết, tiền mặt",
)
def record_disbursement(request, fund_id: int, data: DisbursementIn):
    fund = _fund(request, fund_id, "funds.post_entry")
    decision = get_object_or_404(Decision, pk=data.decision_id)
    appeal = get_object_or_404(fund.appeals, pk=data.appeal_id) if data.appeal_id else None
    recipient = get_object_or_404(Unit, pk=data.recipient_unit_id) if data.recipient_unit_id else None
    wanted = set(data.beneficiary_ids)
    households = list(Beneficiary.objects.filter(pk__in=wanted))
    missing = sorted(wanted - {h.pk for h in households})
    if missing:
        raise ActionError(
            _("Không tìm thấy hộ: %(ids)s") % {"ids": ", ".join(map(str, missing[:20]))}, field="beneficiary_ids", status=404,
            code="not_found",
        )  # fmt: skip
    disbursement = actions.do_record_disbursement(
        acting_user=request.user,
        fund=fund,
        decision=decision,
        kind=data.kind,
        date=data.date,
        description=data.description,
        category=data.category,
        beneficiaries=households,
        recipient_unit=recipient,
        amount=data.amount,
        gift_count=data.gift_count,
        gift_value=data.gift_value,
        house_work=data.house_work,
        appeal=appeal,
    )
    return Status(201, _disbursement(request, disbursement.pk))


@router.get(
    "/funds/disbursements/{int:disbursement_id}",
    response=DisbursementDetailOut,
    summary="Khoản chi: quyết định, bút toán, các hộ nhận, tiến độ nhà",
)
def get_disbursement(request, disbursement_id: int):
    return _disbursement(request, disbursement_id)


@router.get(
    "/funds/disbursements/{int:disbursement_id}/progress",
    response=list[HouseProgressOut],
    summary="Tiến độ nhà Đại đoàn kết",
)
def list_house_progress(request, disbursement_id: int):
    return list(_disbursement(request, disbursement_id).progress_updates.order_by("date", "id"))


@router.post(
    "/funds/disbursements/{int:disbursement_id}/progress",
    response={201: HouseProgressOut},
    summary="Ghi tiến độ nhà (khởi công, xong móng, xong tường, lên mái, hoàn thành, bàn giao)",
)
def record_house_progress(request, disbursement_id: int, data: HouseProgressIn):
    house = _disbursement(request, disbursement_id, "funds.update_house")
    step = actions.do_record_house_progress(
        acting_user=request.user,
        disbursement=house,
        stage=data.stage,
        date=data.date,
        percent=data.percent,
        note=data.note,
    )
    return Status(201, step)


@router.get(
    "/funds/units/{int:unit_id}/houses",
    response=list[DisbursementOut],
    summary="Nhà Đại đoàn kết do quỹ của đơn vị và cấp dưới hỗ trợ",
)
def list_houses(
    request,
    unit_id: int,
    state: Literal["not_started", "building", "finished", "handed_over"] | None = Query(
        None, description="not_started, building, finished hoặc handed_over"
    ),
    house_work: Literal["build", "repair"] | None = None,
    year: int | None = Query(None, ge=1990, le=2100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    unit = _unit(request, unit_id)
    qs = Disbursement.objects.houses().in_area(unit)
    if state:
        qs = qs.in_house_state(state)
    if house_work:
        qs = qs.filter(house_work=house_work)
    if year:
        qs = qs.filter(date__year=year)
    return list(qs.listed().order_by("-date", "-id")[offset : offset + limit])


@router.get(
    "/funds/units/{int:unit_id}/decisions", response=list[DecisionOut], summary="Quyết định hỗ trợ của đơn vị"
)
def list_decisions(
    request, unit_id: int, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)
):
    unit = _unit(request, unit_id)
    return list(Decision.objects.filter(unit=unit).order_by("-date", "-id")[offset : offset + limit])


@router.post(
    "/funds/units/{int:unit_id}/decisions", response={201: DecisionOut}, summary="Ghi quyết định hỗ trợ"
)
def create_decision(request, unit_id: int, data: DecisionIn):
    unit = _unit(request, unit_id, "funds.post_entry")
    return Status(201, actions.do_create_decision(acting_user=request.user, unit=unit, **data.dict()))
