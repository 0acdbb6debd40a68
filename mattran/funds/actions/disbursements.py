"""Support paid from a fund (khoản chi): decisions on support, gifts, houses, cash; a house's progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import format_money, vi
from mattran.org.history import require_open_on
from mattran.org.models import Unit
from mattran.org.queries import is_in_subtree, subtree_ids

from ..models import (
    STAGE_ORDER,
    STAGE_PERCENT,
    Appeal,
    Beneficiary,
    BeneficiaryCategory,
    Decision,
    Disbursement,
    DisbursementKind,
    DisbursementShare,
    EntryKind,
    Fund,
    HouseProgress,
    HouseStage,
    HouseWork,
    LedgerEntry,
)
from .common import MAX_GIFTS, _amount, _check_appeal, _lock, _post, _text


@transaction.atomic
def do_create_decision(
    *, acting_user: Actor, unit: Unit, number: str, date: dt.date, title: str, signer: str = ""
) -> Decision:
    """Record a decision on support, dated in the life of its unit."""
    authorize(acting_user, "funds.post_entry", unit)
    require_open_on(unit, date, field="date")
    number = _text(number, "number", max_length=50)
    if Decision.objects.filter(unit=unit, number=number).exists():
        raise ActionError(_("Số quyết định đã có."), field="number", status=409, code="conflict")
    decision = Decision.objects.create(
        unit=unit,
        number=number,
        date=date,
        title=_text(title, "title"),
        signer=_text(signer, "signer", required=False, max_length=200),
    )
    audit.record(
        "funds.create_decision", actor=acting_user, unit=unit, obj=decision, after=audit.snapshot(decision)
    )
    return decision


def _households(
    fund: Fund, beneficiary: Beneficiary | None, beneficiaries: Sequence[Beneficiary]
) -> list[Beneficiary]:
    """The distinct households a disbursement reaches, each checked to live in the fund unit's area."""
    households: dict[int, Beneficiary] = {}
    for household in [beneficiary, *beneficiaries]:
        if household is not None:
            households.setdefault(household.pk, household)
    units = {h.unit_id for h in households.values()} - {fund.unit_id}
    if units:
        inside = set(
            subtree_ids(fund.unit_id).filter(descendant_id__in=units).values_list("descendant_id", flat=True)
        )
        outside = [h for h in households.values() if h.unit_id != fund.unit_id and h.unit_id not in inside]
        if outside:
            raise ActionError(
                _("Hộ %(name)s không thuộc địa bàn của đơn vị giữ quỹ.") % {"name": outside[0].head_name},
                field="beneficiaries",
            )
    return list(households.values())


@transaction.atomic
def do_record_disbursement(
    *,
    acting_user: Actor,
    fund: Fund,
    decision: Decision,
    kind: str,
    date: dt.date,
    description: str,
    category: str,
    beneficiary: Beneficiary | None = None,
    beneficiaries: Sequence[Beneficiary] = (),
    recipient_unit: Unit | None = None,
    amount: int | None = None,
    gift_count: int | None = None,
    gift_value: int | None = None,
    house_work: str = "",
    appeal: Appeal | None = None,
) -> Disbursement:
    """Pay support from a fund under a decision: gifts (suất × value), a house, or cash.

    The households reached get one share each: one suất quà per listed household (the suất may go
    further than the list), an equal part of cash support, the whole amount of a house.
    """
    authorize(acting_user, "funds.post_entry", fund)
    if kind not in DisbursementKind.values:
        raise ActionError(_("Hình thức hỗ trợ không hợp lệ."), field="kind")
    if category not in BeneficiaryCategory.values:
        raise ActionError(_("Diện hỗ trợ không hợp lệ."), field="category")
    if decision.unit_id != fund.unit_id:
        raise ActionError(_("Quyết định không phải của đơn vị giữ quỹ."), field="decision")
    if kind == DisbursementKind.GIFT:
        if isinstance(gift_count, bool) or not isinstance(gift_count, int) or gift_count <= 0:
            raise ActionError(_("Nhập số suất quà."), field="gift_count")
        if gift_count > MAX_GIFTS:
            raise ActionError(
                _("Tối đa %(count)s suất quà một lần chi.") % {"count": f"{MAX_GIFTS:,}".replace(",", ".")},
                field="gift_count",
            )
        gift_value = _amount(gift_value, "gift_value")
        if amount is not None and amount != gift_count * gift_value:
            raise ActionError(_("Số tiền phải bằng số suất × giá trị mỗi suất."), field="amount")
        amount = gift_count * gift_value
    else:
        gift_count = gift_value = None
    amount = _amount(amount)
    if (
        recipient_unit is not None
        and recipient_unit.pk != fund.unit_id
        and not is_in_subtree(recipient_unit.pk, fund.unit_id)
    ):
        raise ActionError(_("Nơi nhận không thuộc địa bàn của đơn vị giữ quỹ."), field="recipient_unit")
    households = _households(fund, beneficiary, beneficiaries)
    if kind == DisbursementKind.HOUSE:
        if house_work not in HouseWork.values:
            raise ActionError(_("Chọn xây mới hay sửa chữa."), field="house_work")
        if not households:
            raise ActionError(_("Nhà Đại đoàn kết phải gắn với một hộ."), field="beneficiaries")
        if len(households) > 1:
            raise ActionError(_("Mỗi nhà Đại đoàn kết gắn với đúng một hộ."), field="beneficiaries")
        shares = [(households[0], None, amount)]
    else:
        house_work = ""
        if kind == DisbursementKind.GIFT:
            if len(households) > gift_count:
                raise ActionError(
                    _("Số hộ nhận (%(households)s) nhiều hơn số suất quà (%(gifts)s).")
                    % {"households": len(households), "gifts": gift_count},
                    field="beneficiaries",
                )
            shares = [(h, 1, gift_value) for h in households]
        else:
            if households and amount % len(households):
                raise ActionError(
                    _("Số tiền %(amount)s không chia đều được cho %(households)s hộ.")
                    % {"amount": format_money(amount), "households": len(households)},
                    field="amount",
                )
            shares = [(h, None, amount // len(households)) for h in households]
    single = households[0] if len(households) == 1 else None
    if single is not None:
        category = single.category
    description = _text(description, "description", max_length=500)
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    entry = _post(
        locked,
        amount=-amount,
        kind=EntryKind.DISBURSEMENT,
        date=date,
        description=f"{description} (QĐ {decision.number})"[:500],
        acting_user=acting_user,
        appeal=appeal,
    )
    disbursement = Disbursement.objects.create(
        fund=locked,
        appeal=appeal,
        decision=decision,
        kind=kind,
        beneficiary=single,
        recipient_unit=recipient_unit or (single.area if single else None),
        category=category,
        gift_count=gift_count,
        gift_value=gift_value,
        house_work=house_work,
        house_progress=0 if kind == DisbursementKind.HOUSE else None,
        amount=amount,
        date=date,
        description=description,
        entry=entry,
    )
    DisbursementShare.objects.bulk_create(
        DisbursementShare(disbursement=disbursement, beneficiary=h, gift_count=n, amount=value)
        for h, n, value in shares
    )
    audit.record(
        "funds.record_disbursement",
        actor=acting_user,
        unit=locked.unit,
        obj=disbursement,
        after={**audit.snapshot(disbursement), "households": [h.pk for h in households]},
    )
    fund.balance = locked.balance
    return disbursement


@transaction.atomic
def do_record_house_progress(
    *,
    acting_user: Actor,
    disbursement: Disbursement,
    stage: str,
    date: dt.date,
    percent: int | None = None,
    note: str = "",
) -> HouseProgress:
    """Append a step of a house's building or repair; the hand-over step dates its hand-over.

    Progress only moves forward: the stage never goes back, the percentage never falls, the day is not
    before the last step's nor after today, and nothing follows the hand-over.
    """
    authorize(acting_user, "funds.update_house", disbursement)
    house = Disbursement.objects.select_for_update().select_related("fund__unit").get(pk=disbursement.pk)
    if house.kind != DisbursementKind.HOUSE:
        raise ActionError(_("Khoản chi này không phải nhà Đại đoàn kết."), field="disbursement")
    if LedgerEntry.objects.filter(reverses_id=house.entry_id).exists():
        raise ActionError(_("Khoản chi đã bị đảo (huỷ), không ghi tiến độ."), status=409, code="conflict")
    if house.handed_over_on is not None:
        raise ActionError(
            _("Nhà đã bàn giao ngày %(date)s.") % {"date": f"{house.handed_over_on:%d/%m/%Y}"},
            status=409,
            code="conflict",
        )
    if stage not in HouseStage.values:
        raise ActionError(_("Chọn giai đoạn."), field="stage")
    current = house.house_progress or 0
    if percent is None:
        percent = max(STAGE_PERCENT[stage], current)
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ActionError(_("Tiến độ từ 0 đến 100%."), field="percent")
    if stage in (HouseStage.FINISHED, HouseStage.HANDED_OVER) and percent != 100:
        raise ActionError(_("Hoàn thành hoặc bàn giao thì tiến độ là 100%."), field="percent")
    if percent < current:
        raise ActionError(
            _("Tiến độ không thấp hơn lần trước (%(percent)s%%).") % {"percent": current}, field="percent"
        )
    if house.house_stage and STAGE_ORDER[stage] < STAGE_ORDER[house.house_stage]:
        raise ActionError(
            _("Nhà đã ở giai đoạn “%(stage)s”, không lùi lại.")
            % {"stage": HouseStage(house.house_stage).label},
            field="stage",
        )
    if date > timezone.localdate():
        raise ActionError(_("Ngày chưa tới."), field="date")
    last = house.progress_updates.order_by("-date", "-id").values_list("date", flat=True).first()
    if last is not None and date < last:
        raise ActionError(
            _("Ngày không trước lần ghi trước (%(date)s).") % {"date": f"{last:%d/%m/%Y}"}, field="date"
        )
    note = _text(note, "note", required=False, max_length=500)
    before = audit.snapshot(house, ["house_progress", "house_stage", "handed_over_on"])
    step = HouseProgress.objects.create(
        disbursement=house,
        stage=stage,
        percent=percent,
        date=date,
        note=note,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    house.house_progress = percent
    house.house_stage = stage
    if stage == HouseStage.HANDED_OVER:
        house.handed_over_on = date
    house.save(update_fields=["house_progress", "house_stage", "handed_over_on"])
    audit.record(
        "funds.record_house_progress",
        actor=acting_user,
        unit=house.fund.unit,
        obj=house,
        before=before,
        after={
            **audit.snapshot(house, ["house_progress", "house_stage", "handed_over_on"]),
            "note": note,
            "date": date,
        },
        summary=f"{vi(HouseStage(stage).label)} {percent}%",
    )
    disbursement.house_progress, disbursement.house_stage = house.house_progress, house.house_stage
    disbursement.handed_over_on = house.handed_over_on
    return step
