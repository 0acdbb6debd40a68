"""Sensitive personal data (Decree 13/2023/NĐ-CP): read only by the keeping unit's editors and administrators,
every read audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import PermissionDenied
from mattran.org.models import Unit

from ..models import Person

# Personal data the law treats as sensitive or private (Decree 13/2023/NĐ-CP): shown only to the keeping
# unit's editors and administrators, and every read is written to the audit log.
SENSITIVE_FIELDS = ("birth_year", "ethnicity", "religion", "contact", "notes")


@transaction.atomic
def do_read_sensitive(person: Person, *, acting_user: Actor, purpose: str = "xem hồ sơ") -> dict[str, Any]:
    """Return a person's sensitive fields to a reader whose role needs them, and audit the read."""
    authorize(acting_user, "people.view_sensitive", person)
    values = {name: getattr(person, name) for name in SENSITIVE_FIELDS}
    shown = [name for name, value in values.items() if value not in (None, "")]
    audit.record(
        "people.read_sensitive",
        actor=acting_user,
        unit=person.unit,
        obj=person,
        summary=f"Xem thông tin nhạy cảm ({purpose}): {', '.join(shown) or 'không có'}",
    )
    return values


@transaction.atomic
def do_read_sensitive_of_committee(
    unit: Unit, persons: list[Person], *, acting_user: Actor, purpose: str = "xuất danh sách"
) -> dict[int, dict[str, Any]]:
    """The sensitive fields of a committee's members the reader may see (one audit entry for the list)."""
    authorize(acting_user, "people.view_sensitive", unit)
    allowed = {p.pk: p for p in persons if _allows(acting_user, "people.view_sensitive", p)}
    if allowed:
        audit.record(
            "people.read_sensitive",
            actor=acting_user,
            unit=unit,
            summary=f"Xem thông tin nhạy cảm ({purpose}) của {len(allowed)} người: "
            + ", ".join(str(pk) for pk in sorted(allowed))[:400],
        )
    return {pk: {name: getattr(p, name) for name in SENSITIVE_FIELDS} for pk, p in allowed.items()}


def _allows(actor: Actor, perm: str, obj: Any) -> bool:
    """Whether the actor holds the permission (no refusal raised)."""
    try:
        authorize(actor, perm, obj)
    except PermissionDenied:
        return False
    return True
