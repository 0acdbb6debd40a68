"""The committee import: a sheet's rows added to (and ended in) a term's committee, all or none.

``people.excel`` parses the sheet and validates its rows without writing; this action authorises, locks the
term, runs both steps and applies the plan only when no row has an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.sheets import RowError

from .. import excel
from ..models import Membership, Term
from .committee import add_membership, end_membership, lock_term
from .persons import find_or_create_person, update_person


@dataclass
class ImportResult:
    term: Term | None = None
    created: list[Membership] = field(default_factory=list)
    ended: list[Membership] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _apply_row(plan: excel.RowPlan, term: Term, acting_user: Actor, note: str, result: ImportResult) -> None:
    """Write one validated row: end the membership it names, or add one (and end it if the row says so)."""
    row = plan.row
    if plan.current is not None:
        assert row.end is not None
        ended = end_membership(plan.current, acting_user=acting_user, end=row.end, reason=row.reason,
                               end_decision=note)  # fmt: skip
        result.ended.append(ended)
        return
    assert row.position is not None and row.start is not None
    person = find_or_create_person(acting_user=acting_user, unit=term.unit, full_name=row.name)
    missing = {k: v for k, v in row.details.items() if v and not getattr(person, k)}
    if missing:
        person = update_person(lock(person, related=("unit",)), acting_user=acting_user, **missing)
    membership = add_membership(
        acting_user=acting_user, term=term, person=person, position=row.position, start=row.start,
        represents=row.represents, member_org=plan.org, represents_detail=row.represents_detail,
        start_decision=note,
    )  # fmt: skip
    if row.end is not None:
        membership = end_membership(membership, acting_user=acting_user, end=row.end, reason=row.reason,
                                    end_decision=note)  # fmt: skip
    result.created.append(membership)


def _apply(plans: list[excel.RowPlan], term: Term, acting_user: Actor, note: str) -> ImportResult:
    """Apply every row, each in its own savepoint so that a refusal the validation could not foresee (two
    rows that clash only once written) is reported against its row instead of hiding the rows after it."""
    result = ImportResult(term)
    for plan in plans:
        try:
            with transaction.atomic():
                _apply_row(plan, term, acting_user, note, result)
        except ActionError as exc:
            result.errors.append(RowError(plan.row.number, excel.column_of(exc), exc.message))
    return result


@transaction.atomic
def do_import_committee(*, acting_user: Actor, term: Term, data: bytes, file_name: str = "") -> ImportResult:
    """Add the members listed in a sheet to a term (ending those it says ended); all rows or none."""
    authorize(acting_user, "people.manage_committee", term)
    sheet = excel.read_committee_sheet(data)
    term = lock_term(term)
    plans = excel.validate_committee_sheet(sheet, term)
    if sheet.errors:
        return ImportResult(term, errors=sheet.errors)
    result = _apply(plans, term, acting_user, f"Nhập từ tệp {file_name}".strip())
    if result.errors:
        transaction.set_rollback(True)
        return ImportResult(term, errors=result.errors)
    audit.record(
        "people.import_committee",
        actor=acting_user,
        unit=term.unit,
        obj=term,
        after={"file": file_name, "rows": len(result.created), "ended": len(result.ended)},
        summary=f"Nhập {len(result.created)} ủy viên {term.label} từ {file_name}"
        + (f", cho thôi {len(result.ended)}" if result.ended else ""),
    )
    return result
