"""The directory of competent bodies (cơ quan có thẩm quyền) a unit forwards petitions and recommendations to."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import Agency, AgencyKind, Unit
from .common import same_name_exists


def _clean_agency(unit: Unit, name: str, kind: str, email: str, exclude_pk: int | None = None) -> str:
    if kind not in AgencyKind.values:
        raise ActionError(_("Loại cơ quan không hợp lệ."), field="kind")
    name = nfc(name)[:250]
    if not name:
        raise ActionError(_("Nhập tên cơ quan."), field="name")
    if email and ("@" not in email or len(email) > 254):
        raise ActionError(_("Địa chỉ thư điện tử không hợp lệ."), field="email")
    if same_name_exists(Agency.objects.filter(unit=unit, active=True), name, exclude_pk=exclude_pk):
        raise ActionError(
            _("Danh bạ của %(unit)s đã có %(name)s.") % {"unit": unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    return name


@transaction.atomic
def do_create_agency(
    *, acting_user: Actor, unit: Unit, name: str, kind: str, address: str = "", email: str = ""
) -> Agency:
    """Add a competent body to a unit's directory."""
    authorize(acting_user, "org.manage_agencies", unit)
    email = email.strip()
    name = _clean_agency(unit, name, kind, email)
    agency = Agency.objects.create(unit=unit, name=name, kind=kind, address=nfc(address)[:300], email=email)
    audit.record("org.create_agency", actor=acting_user, unit=unit, obj=agency, after=audit.snapshot(agency))
    return agency


@transaction.atomic
def do_update_agency(
    agency: Agency, *, acting_user: Actor, name: str, kind: str, address: str = "", email: str = ""
) -> Agency:
    """Correct a body's name, kind, address or e-mail."""
    authorize(acting_user, "org.manage_agencies", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    email = email.strip()
    name = _clean_agency(agency.unit, name, kind, email, exclude_pk=agency.pk)
    before = audit.snapshot(agency)
    agency.name, agency.kind, agency.address, agency.email = name, kind, nfc(address)[:300], email
    agency.save()
    audit.record(
        "org.update_agency",
        actor=acting_user,
        unit=agency.unit,
        obj=agency,
        before=before,
        after=audit.snapshot(agency),
    )
    return agency


@transaction.atomic
def do_set_agency_active(agency: Agency, *, acting_user: Actor, active: bool) -> Agency:
    """Take a body out of the directory (records forwarded to it keep it), or bring it back."""
    authorize(acting_user, "org.manage_agencies", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.active == active:
        return agency
    if active and same_name_exists(
        Agency.objects.filter(unit=agency.unit, active=True), agency.name, exclude_pk=agency.pk
    ):
        raise ActionError(
            _("Danh bạ đã có một cơ quan khác cùng tên."), code="duplicate_name", field="name", status=409
        )
    before = audit.snapshot(agency)
    agency.active = active
    agency.save(update_fields=["active"])
    audit.record(
        "org.set_agency_active",
        actor=acting_user,
        unit=agency.unit,
        obj=agency,
        before=before,
        after=audit.snapshot(agency),
    )
    return agency
