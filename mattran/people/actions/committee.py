"""Terms (khóa / nhiệm kỳ) and committee memberships: opened, joined and ended through these actions only.

Two cadres changing one committee queue one behind the other on the term's row lock. ``add_membership``,
``end_membership`` and ``lock_term`` are the steps the actions share with the committee import and with
meetings' hiệp thương (consultation), which authorise for themselves and hold the transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import nfc, paragraphs
from mattran.org.models import MemberOrganization, Unit

from ..checks import check_end, fmt, validate_new_membership
from ..models import EndReason, Membership, Person, Represents, Term
from .persons import find_or_create_person


def _check_new_term(unit: Unit, label: str, start: dt.date, end: dt.date | None, congress: Any) -> None:
    if not label:
        raise ActionError(_("Cần nhập tên khóa hoặc nhiệm kỳ."), field="label")
    if end is not None and end <= start:
        raise ActionError(_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."), field="end")
    if not unit.is_open_on(start):
        raise ActionError(
            _("%(unit)s không hoạt động vào ngày %(start)s.") % {"unit": unit.name, "start": fmt(start)},
            field="start",
        )
    if Term.objects.filter(unit=unit, label=label).exists():
        raise ActionError(
            _("%(unit)s đã có %(label)s.") % {"unit": unit.name, "label": label},
            field="label",
            status=409,
            code="duplicate",
        )
    other = Term.objects.filter(unit=unit, start__lt=end or dt.date.max).exclude(end__lte=start).first()
    if other is not None:
        raise ActionError(
            _("Nhiệm kỳ trùng thời gian với %(other)s.") % {"other": other.label},
            field="start",
            status=409,
            code="overlap",
        )
    if congress is not None and congress.unit_id != unit.pk:
        raise ActionError(_("Đại hội phải do chính đơn vị tổ chức."), field="congress")


@transaction.atomic
def do_create_term(
    *,
    acting_user: Actor,
    unit: Unit,
    label: str,
    start: dt.date,
    end: dt.date | None = None,
    period_label: str = "",
    congress: Any = None,
    notes: str = "",
) -> Term:
    """Open a committee term (khóa / nhiệm kỳ) of a unit."""
    authorize(acting_user, "people.manage_committee", unit)
    label = nfc(label)
    lock(unit)  # two terms opened at once must not both pass the overlap check
    _check_new_term(unit, label, start, end, congress)
    term = Term.objects.create(
        unit=unit,
        label=label,
        period_label=nfc(period_label),
        start=start,
        end=end,
        congress=congress,
        notes=paragraphs(notes),
    )
    audit.record(
        "people.create_term",
        actor=acting_user,
        unit=unit,
        obj=term,
        after=audit.snapshot(term),
        summary=f"Mở {term.display} của {unit.name}",
    )
    return term


def add_membership(
    *,
    acting_user: Actor,
    term: Term,
    person: Person,
    position: str,
    start: dt.date,
    represents: str = "",
    member_org: MemberOrganization | None = None,
    represents_detail: str = "",
    title_at_start: str = "",
    started_by_meeting: Any = None,
    start_decision: str = "",
    order: int = 0,
) -> Membership:
    """Validate and write one membership; the caller has authorised, holds the transaction and the term's lock."""
    if member_org is not None and not represents:
        represents = Represents.MEMBER_ORG
    validate_new_membership(
        term=term, person=person, position=position, start=start, member_org=member_org, represents=represents
    )
    membership = Membership.objects.create(
        person=person,
        unit=term.unit,
        term=term,
        position=position,
        represents=represents or "",
        member_org=member_org,
        represents_detail=nfc(represents_detail),
        title_at_start=nfc(title_at_start) or person.title_on(start),
        start=start,
        started_by_meeting=started_by_meeting,
        start_decision=nfc(start_decision),
        order=order,
    )
    how = f" tại {started_by_meeting.heading}" if started_by_meeting is not None else ""
    audit.record(
        "people.add_membership",
        actor=acting_user,
        unit=term.unit,
        obj=membership,
        after=audit.snapshot(membership),
        summary=f"{person.full_name}: {membership.get_position_display()} {term.label} từ {fmt(start)}{how}",
    )
    return membership


def lock_term(term: Term) -> Term:
    """Lock the term row so two cadres changing one committee queue one behind the other."""
    return lock(term, related=("unit", "unit__level"))


@transaction.atomic
def do_add_membership(
    *, acting_user: Actor, term: Term, person: Person, position: str, start: dt.date, **extra: Any
) -> Membership:
    """Add a person to a term's committee in a position from a day."""
    authorize(acting_user, "people.manage_committee", term)
    return add_membership(
        acting_user=acting_user, term=lock_term(term), person=person, position=position, start=start, **extra
    )


def end_membership(
    membership: Membership,
    *,
    acting_user: Actor,
    end: dt.date,
    reason: str,
    ended_by_meeting: Any = None,
    end_decision: str = "",
) -> Membership:
    """Close one membership; the caller has authorised, holds the transaction and the term's lock."""
    check_end(
        term=membership.term,
        person_name=membership.person.full_name,
        start=membership.start,
        end=end,
        reason=reason,
        ended=membership.end,
    )
    before = audit.snapshot(membership)
    membership.end = end
    membership.end_reason = reason
    membership.ended_by_meeting = ended_by_meeting
    membership.end_decision = nfc(end_decision)
    membership.save(update_fields=["end", "end_reason", "ended_by_meeting", "end_decision"])
    audit.record(
        "people.end_membership",
        actor=acting_user,
        unit=membership.unit,
        obj=membership,
        before=before,
        after=audit.snapshot(membership),
        summary=f"{membership.person.full_name}: {EndReason(reason).label.lower()} từ {fmt(end)}",
    )
    return membership


@transaction.atomic
def do_end_membership(
    membership: Membership,
    *,
    acting_user: Actor,
    end: dt.date,
    reason: str,
    ended_by_meeting: Any = None,
    end_decision: str = "",
) -> Membership:
    """End a membership on a day (the first day no longer a member), with the reason."""
    authorize(acting_user, "people.manage_committee", membership)
    lock_term(membership.term)
    membership = Membership.objects.select_related("person", "term", "unit").get(pk=membership.pk)
    return end_membership(
        membership,
        acting_user=acting_user,
        end=end,
        reason=reason,
        ended_by_meeting=ended_by_meeting,
        end_decision=end_decision,
    )


@transaction.atomic
def do_add_member_by_name(
    *, acting_user: Actor, term: Term, full_name: str, position: str, start: dt.date, **extra: Any
) -> Membership:
    """Add a member by name: the unit's person of that name, or a new person, in one transaction."""
    authorize(acting_user, "people.manage_committee", term)
    term = lock_term(term)
    person = find_or_create_person(acting_user=acting_user, unit=term.unit, full_name=full_name)
    return add_membership(
        acting_user=acting_user, term=term, person=person, position=position, start=start, **extra
    )
