"""The households a unit supports, over the API: the list, its Excel import and template, one household."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import MAX_OFFSET
from mattran.org.models import Unit

from .. import actions
from ..actions import do_import_beneficiaries
from ..beneficiaries import template_workbook
from ..models import Beneficiary
from .common import _require, _unit

router = Router()


class BeneficiaryIn(Schema):
    head_name: str
    category: str = Field(..., description="poor, near_poor, policy, disaster hoặc other")
    area_id: int | None = None
    address: str = ""
    members: int | None = None


class BeneficiaryOut(Schema):
    id: int
    unit_id: int
    area_id: int | None
    head_name: str
    category: str
    address: str
    members: int | None
    received_times: int = 0
    received_total: int = 0


class ReceivedOut(Schema):
    disbursement_id: int
    date: dt.date
    kind: str
    description: str
    fund_id: int
    decision_number: str
    gift_count: int | None
    amount: int
    cancelled: bool

    @staticmethod
    def resolve_date(obj) -> dt.date:
        return obj.disbursement.date

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.disbursement.kind

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.disbursement.description

    @staticmethod
    def resolve_fund_id(obj) -> int:
        return obj.disbursement.fund_id

    @staticmethod
    def resolve_decision_number(obj) -> str:
        return obj.disbursement.decision.number

    @staticmethod
    def resolve_cancelled(obj) -> bool:
        return obj.disbursement.cancelled


class BeneficiaryDetailOut(BeneficiaryOut):
    received: list[ReceivedOut]

    @staticmethod
    def resolve_received(obj) -> list:
        return list(
            obj.shares.select_related("disbursement__decision", "disbursement__entry__reversed_by").order_by(
                "-disbursement__date", "-id"
            )
        )


class ImportedOut(Schema):
    created: int
    ids: list[int]


@router.get(
    "/funds/units/{int:unit_id}/beneficiaries",
    response=list[BeneficiaryOut],
    summary="Hộ được hỗ trợ của đơn vị, với số lần và tổng giá trị đã nhận",
)
def list_beneficiaries(
    request,
    unit_id: int,
    q: str = Query("", max_length=100),
    category: str | None = None,
    area_id: int | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    unit = _unit(request, unit_id)
    qs = Beneficiary.objects.filter(unit=unit).with_received()
    if q:
        qs = qs.filter(search_name__contains=fold(q))
    if category:
        qs = qs.filter(category=category)
    if area_id:
        qs = qs.filter(area_id=area_id)
    return list(qs.order_by("search_name", "id")[offset : offset + limit])


@router.post("/funds/units/{int:unit_id}/beneficiaries", response={201: BeneficiaryOut}, summary="Thêm hộ")
def add_beneficiary(request, unit_id: int, data: BeneficiaryIn):
    unit = _unit(request, unit_id, "funds.manage_beneficiaries")
    area = get_object_or_404(Unit, pk=data.area_id) if data.area_id else None
    payload = data.dict()
    payload.pop("area_id")
    return Status(201, actions.do_add_beneficiary(acting_user=request.user, unit=unit, area=area, **payload))


@router.post(
    "/funds/units/{int:unit_id}/beneficiaries/import",
    response={201: ImportedOut},
    summary="Nhập danh sách hộ từ Excel: mọi dòng đúng thì thêm hết, có dòng sai thì không thêm hộ nào",
    description="Lỗi từng dòng trả về 400 với details = [{row, column, message}].",
)
def import_beneficiaries(request, unit_id: int, file: File[UploadedFile]):
    unit = _unit(request, unit_id, "funds.manage_beneficiaries")
    created, parsed = do_import_beneficiaries(acting_user=request.user, unit=unit, data=file.read())
    if parsed.errors:
        raise ActionError(
            ngettext(
                "Không nhập hộ nào: %(count)s lỗi trong tệp.",
                "Không nhập hộ nào: %(count)s lỗi trong tệp.",
                len(parsed.errors),
            )
            % {"count": len(parsed.errors)},
            code="invalid_rows",
            field="file",
            details=[{"row": e.row, "column": e.column, "message": e.message} for e in parsed.errors],
        )
    return Status(201, {"created": len(created), "ids": [b.pk for b in created]})


@router.get("/funds/units/{int:unit_id}/beneficiaries/template", summary="Tệp Excel mẫu danh sách hộ")
def beneficiary_template(request, unit_id: int):
    unit = _unit(request, unit_id)
    response = HttpResponse(
        template_workbook(unit),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ho.xlsx"'
    return response


@router.get(
    "/funds/beneficiaries/{int:beneficiary_id}",
    response=BeneficiaryDetailOut,
    summary="Một hộ và những gì hộ đã nhận",
)
def get_beneficiary(request, beneficiary_id: int):
    household = get_object_or_404(
        Beneficiary.objects.with_received().select_related("unit"), pk=beneficiary_id
    )
    _require(request, "funds.view_fund", household)
    return household
