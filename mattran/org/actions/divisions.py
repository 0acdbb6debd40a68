"""The official administrative divisions loaded from the vietnam-provinces package (org/divisions.py reads
it), by the importer: ``mattran import-divisions``, the demo, the scale data."""

from __future__ import annotations

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize

from ..divisions import ImportResult, ensure_central, link_structures, load_2025, load_legacy
from ..models import Structure


@transaction.atomic
def do_import_divisions(*, structure: str, acting_user: Actor) -> ImportResult:
    """Load one structure (idempotent) and link it to the other when both are present. Official data: only a
    system actor (``core.authz.IMPORTER``) or a superuser loads it."""
    authorize(acting_user, "org.import_divisions")
    if structure not in (Structure.Y2025, Structure.LEGACY):
        raise ValueError("structure must be '2025' or 'legacy'")
    result = ImportResult(structure=structure)
    central = ensure_central(acting_user)
    if structure == Structure.Y2025:
        load_2025(central, result)
    else:
        load_legacy(central, result)
    link_structures(acting_user, result)
    if result.created or result.updated or result.successions:
        audit.record(
            "org.import_divisions",
            actor=acting_user,
            unit=central,
            after={
                "structure": structure,
                "created": dict(result.created),
                "updated": result.updated,
                "successions": result.successions,
            },
            summary=result.summary(),
        )
    return result
