"""The households that may receive support (hộ được hỗ trợ)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.org.models import Unit
from mattran.org.queries import is_in_subtree

from ..beneficiaries import ParseResult, household_key, parse
from ..models import Beneficiary, BeneficiaryCategory
from .common import _text


def _check_area(unit: Unit, area: Unit | None) -> None:
    if area is not None and area.pk != unit.pk and not is_in_subtree(area.pk, unit.pk):
        raise ActionError(_("Khu dân cư không thuộc đơn vị."), field="area")


@transaction.atomic
def do_add_beneficiary(
    *,
    acting_user: Actor,
    unit: Unit,
    head_name: str,
    category: str,
    area: Unit | None = None,
    address: str = "",
    members: int | None = None,
) -> Beneficiary:
    """Add a household that may receive support."""
    authorize(acting_user, "funds.manage_beneficiaries", unit)
    if category not in BeneficiaryCategory.values:
        raise ActionError(_("Diện hộ không hợp lệ."), field="category")
    _check_area(unit, area)
    head_name = _text(head_name, "head_name", max_length=200)
    address = _text(address, "address", required=False)
    if members is not None and (isinstance(members, bool) or not 0 < members < 100):
        raise ActionError(_("Số nhân khẩu từ 1 đến 99."), field="members")
    key = household_key(head_name, area.pk if area else None, address)
    same = Beneficiary.objects.filter(unit=unit, search_name=key[0], area=area)
    if any(fold(other) == key[2] for other in same.values_list("address", flat=True)):
        raise ActionError(
            _("Hộ này đã có trong danh sách (trùng chủ hộ, khu dân cư và địa chỉ)."),
            field="head_name",
            status=409,
            code="conflict",
        )
    beneficiary = Beneficiary.objects.create(
        unit=unit, area=area, head_name=head_name, category=category, address=address, members=members
    )
    audit.record(
        "funds.add_beneficiary",
        actor=acting_user,
        unit=unit,
        obj=beneficiary,
        after=audit.snapshot(beneficiary),
    )
    return beneficiary


@transaction.atomic
def do_import_beneficiaries(
    *, acting_user: Actor, unit: Unit, data: bytes
) -> tuple[list[Beneficiary], ParseResult]:
    """Add every household of the sheet, or none when any row is wrong."""
    authorize(acting_user, "funds.manage_beneficiaries", unit)
    parsed = parse(unit, data)
    if parsed.errors:
        return [], parsed
    if not parsed.rows:
        raise ActionError(_("Tệp không có dòng nào."), field="file")
    created = [
        do_add_beneficiary(
            acting_user=acting_user,
            unit=unit,
            head_name=row.head_name,
            category=row.category,
            area=row.area,
            address=row.address,
            members=row.members,
        )
        for row in parsed.rows
    ]
    return created, parsed
