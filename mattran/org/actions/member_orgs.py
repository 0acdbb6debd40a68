"""A unit's member organisations (tổ chức thành viên)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import MemberOrganization, MemberOrgKind, Unit
from .common import same_name_exists


@transaction.atomic
def do_create_member_org(
    *,
    acting_user: Actor,
    unit: Unit,
    kind: str,
    name: str,
    short_name: str = "",
    is_direct: bool = False,
    valid_from: dt.date | None = None,
) -> MemberOrganization:
    """Add a member organisation to a unit."""
    authorize(acting_user, "org.manage_member_orgs", unit)
    if kind not in MemberOrgKind.values:
        raise ActionError(_("Loại tổ chức thành viên không hợp lệ."), field="kind")
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên tổ chức."), field="name")
    if same_name_exists(MemberOrganization.objects.filter(unit=unit, valid_to__isnull=True), name):
        raise ActionError(
            _("%(unit)s đã có tổ chức %(name)s.") % {"unit": unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    org = MemberOrganization.objects.create(
        unit=unit,
        kind=kind,
        name=name,
        short_name=nfc(short_name),
        is_direct=is_direct,
        valid_from=valid_from,
    )
    audit.record("org.create_member_org", actor=acting_user, unit=unit, obj=org, after=audit.snapshot(org))
    return org


@transaction.atomic
def do_update_member_org(
    org: MemberOrganization, *, acting_user: Actor, name: str, short_name: str = "", is_direct: bool = False
) -> MemberOrganization:
    """Change a member organisation's name or status."""
    authorize(acting_user, "org.manage_member_orgs", org.unit)
    org = MemberOrganization.objects.select_for_update().get(pk=org.pk)
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên tổ chức."), field="name")
    if same_name_exists(
        MemberOrganization.objects.filter(unit=org.unit, valid_to__isnull=True), name, exclude_pk=org.pk
    ):
        raise ActionError(
            _("%(org_unit)s đã có tổ chức %(name)s.") % {"org_unit": org.unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    before = audit.snapshot(org)
    org.name, org.short_name, org.is_direct = name, nfc(short_name), is_direct
    org.save()
    audit.record(
        "org.update_member_org",
        actor=acting_user,
        unit=org.unit,
        obj=org,
        before=before,
        after=audit.snapshot(org),
    )
    return org


@transaction.atomic
def do_close_member_org(org: MemberOrganization, *, acting_user: Actor, date: dt.date) -> MemberOrganization:
    """Mark a member organisation as no longer part of the unit from a date."""
    authorize(acting_user, "org.manage_member_orgs", org.unit)
    org = MemberOrganization.objects.select_for_update().get(pk=org.pk)
    if org.valid_to is not None:
        raise ActionError(_("Tổ chức này đã thôi là thành viên."), code="closed", status=409)
    if org.valid_from and date <= org.valid_from:
        raise ActionError(_("Ngày thôi phải sau ngày bắt đầu."), field="date")
    before = audit.snapshot(org)
    org.valid_to = date
    org.save(update_fields=["valid_to"])
    audit.record(
        "org.close_member_org",
        actor=acting_user,
        unit=org.unit,
        obj=org,
        before=before,
        after=audit.snapshot(org),
    )
    return org
