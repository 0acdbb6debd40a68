"""Every change to persons, their posts, terms and committee memberships: atomic, validated, audited."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.text import nfc
from mattran.org.models import MemberOrganization, Unit

from .models import EndReason, Gender, Membership, Person, PersonPost, Position, Represents, Term

PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "ethnicity",
    "religion",
    "occupation",
    "contact",
    "notes",
)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _clean_person(data: dict) -> dict:
    out = {}
    for key in PERSON_FIELDS:
        if key not in data or (data[key] is None and key != "birth_year"):
            continue
        value = data[key]
        if key == "notes" and isinstance(value, str):
            value = unicodedata.normalize("NFC", value).strip()
        elif isinstance(value, str):
            value = " ".join(nfc(value).split())
        out[key] = value
    if "full_name" in out and len(out["full_name"].split()) < 2:
        raise ActionError(_("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field="full_name")
    if out.get("gender") and out["gender"] not in Gender.values:
        raise ActionError(_("Giới tính không hợp lệ."), field="gender")
    year = out.get("birth_year")
    if year is not None and not 1900 <= int(year) <= dt.date.today().year:
        raise ActionError(_("Năm sinh không hợp lệ."), field="birth_year")
    return out


@transaction.atomic
def do_create_person(*, acting_user, unit: Unit, full_name: str, **fields) -> Person:
    """Create a person kept by a unit."""
    data = _clean_person({"full_name": full_name, **fields})
    person = Person(unit=unit, **data)
    person.save()
    audit.record(
        "people.create_person",
        actor=acting_user,
        unit=unit,
        obj=person,
        after=audit.snapshot(person),
        summary=f"Thêm cá nhân {person.full_name}",
    )
    return person


@transaction.atomic
def do_update_person(person: Person, *, acting_user, **fields) -> Person:
    """Change a person's details."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person)
    for key, value in _clean_person(fields).items():
        setattr(person, key, value)
    person.save()
    audit.record(
        "people.update_person",
        actor=acting_user,
        unit=person.unit,
        obj=person,
        before=before,
        after=audit.snapshot(person),
        summary=f"Sửa thông tin {person.full_name}",
    )
    return person


@transaction.atomic
def do_add_person_post(
    person: Person,
    *,
    acting_user,
    title: str,
    organisation: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    order: int = 0,
) -> PersonPost:
    """Record a post a person held over a period (the title printed beside their name at that time)."""
    title = " ".join(nfc(title).split())
    if not title:
        raise ActionError(_("Cần nhập chức vụ."), field="title")
    if start and end and end <= start:
        raise ActionError(_("Ngày thôi giữ chức vụ phải sau ngày bắt đầu."), field="end")
    post = PersonPost.objects.create(
        person=person, title=title, organisation=nfc(organisation).strip(), start=start, end=end, order=order
    )
    audit.record(
        "people.add_post",
        actor=acting_user,
        unit=person.unit,
        obj=post,
        after=audit.snapshot(post),
        summary=f"{person.full_name}: {title}",
    )
    return post


@transaction.atomic
def do_create_term(
    *,
    acting_user,
    unit: Unit,
    label: str,
    start: dt.date,
    end: dt.date | None = None,
    period_label: str = "",
    congress=None,
    notes: str = "",
) -> Term:
    """Open a committee term (khóa / nhiệm kỳ) of a unit."""
    label = " ".join(nfc(label).split())
    if not label:
        raise ActionError(_("Cần nhập tên khóa hoặc nhiệm kỳ."), field="label")
    if end is not None and end <= start:
        raise ActionError(_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."), field="end")
    if not unit.is_open_on(start):
        raise ActionError(
            _("%(unit)s không hoạt động vào ngày %(start)s.") % {"unit": unit.name, "start": _fmt(start)},
            field="start",
        )
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    if Term.objects.filter(unit=unit, label=label).exists():
        raise ActionError(
            _("%(unit)s đã có %(label)s.") % {"unit": unit.name, "label": label},
            field="label",
            status=409,
            code="duplicate",
        )
    overlapping = Term.objects.filter(unit=unit, start__lt=end or dt.date.max).exclude(end__lte=start)
    if overlapping.exists():
        other = overlapping.first()
        raise ActionError(
            _("Nhiệm kỳ trùng thời gian với %(other)s.") % {"other": other.label},
            field="start",
            status=409,
            code="overlap",
        )
    if congress is not None and congress.unit_id != unit.pk:
        raise ActionError(_("Đại hội phải do chính đơn vị tổ chức."), field="congress")
    term = Term.objects.create(
        unit=unit,
        label=label,
        period_label=nfc(period_label).strip(),
        start=start,
        end=end,
        congress=congress,
        notes=unicodedata.normalize("NFC", notes).strip(),
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


def validate_new_membership(
    *,
    term: Term,
    person: Person,
    position: str,
    start: dt.date,
    member_org: MemberOrganization | None = None,
    represents: str = "",
) -> None:
    """Raise ActionError unless the person can join the term's committee in that position on that day."""
    unit = term.unit
    if position not in Position.values:
        raise ActionError(_("Chức danh không hợp lệ."), field="position")
    if represents and represents not in Represents.values:
        raise ActionError(_("Thành phần đại diện không hợp lệ."), field="represents")
    if not term.contains(start):
        raise ActionError(
            (
                _("Ngày %(start)s nằm ngoài %(term)s (từ %(term_start)s đến %(term_end)s).")
                if term.end
                else _("Ngày %(start)s nằm ngoài %(term)s (từ %(term_start)s).")
            )
            % {
                "start": _fmt(start),
                "term": term.label,
                "term_start": _fmt(term.start),
                "term_end": _fmt(term.end) if term.end else "",
            },
            field="start",
            code="outside_term",
        )
    if not unit.is_open_on(start):
        raise ActionError(
            _("%(unit)s không còn hoạt động vào ngày %(start)s.") % {"unit": unit.name, "start": _fmt(start)},
            field="start",
            code="unit_closed",
        )
    if member_org is not None and member_org.unit_id != unit.pk:
        raise ActionError(_("Tổ chức thành viên không thuộc đơn vị này."), field="member_org")
    clash = Membership.objects.filter(person=person, term=term, position=position).exclude(end__lte=start)
    if clash.exists():
        raise ActionError(
            _("%(person)s đã là %(position)s %(term)s của %(unit)s.")
            % {
                "person": person.full_name,
                "position": Position(position).label,
                "term": term.label,
                "unit": unit.name,
            },
            field="person",
            code="duplicate",
            status=409,
        )


def add_membership(
    *,
    acting_user,
    term: Term,
    person: Person,
    position: str,
    start: dt.date,
    represents: str = "",
    member_org: MemberOrganization | None = None,
    represents_detail: str = "",
    title_at_start: str = "",
    started_by_meeting=None,
    start_decision: str = "",
    order: int = 0,
) -> Membership:
    """Validate and write one membership; the caller holds the transaction and the term's lock."""
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
        represents_detail=nfc(represents_detail).strip(),
        title_at_start=nfc(title_at_start).strip() or person.title_on(start),
        start=start,
        started_by_meeting=started_by_meeting,
        start_decision=nfc(start_decision).strip(),
        order=order,
    )
    how = f" tại {started_by_meeting.heading}" if started_by_meeting is not None else ""
    audit.record(
        "people.add_membership",
        actor=acting_user,
        unit=term.unit,
        obj=membership,
        after=audit.snapshot(membership),
        summary=f"{person.full_name}: {membership.get_position_display()} {term.label} từ {_fmt(start)}{how}",
    )
    return membership


def lock_term(term: Term) -> Term:
    """Lock the term row so two cadres changing one committee queue one behind the other."""
    return Term.objects.select_for_update(of=("self",)).select_related("unit", "unit__level").get(pk=term.pk)


@transaction.atomic
def do_add_membership(
    *, acting_user, term: Term, person: Person, position: str, start: dt.date, **extra
) -> Membership:
    """Add a person to a term's committee in a position from a day."""
    return add_membership(
        acting_user=acting_user, term=lock_term(term), person=person, position=position, start=start, **extra
    )


def end_membership(
    membership: Membership,
    *,
    acting_user,
    end: dt.date,
    reason: str,
    ended_by_meeting=None,
    end_decision: str = "",
) -> Membership:
    """Close one locked membership; the caller holds the transaction."""
    if reason not in EndReason.values:
        raise ActionError(_("Lý do thôi không hợp lệ."), field="reason")
    if membership.end is not None:
        raise ActionError(
            _("%(person)s đã thôi từ %(end)s.")
            % {"person": membership.person.full_name, "end": _fmt(membership.end)},
            field="membership",
            code="already_ended",
            status=409,
        )
    if end < membership.start:
        raise ActionError(_("Ngày thôi không được trước ngày bắt đầu."), field="end")
    term = membership.term
    if term.end is not None and end > term.end:
        raise ActionError(
            _("Ngày %(end)s nằm ngoài %(term)s.") % {"end": _fmt(end), "term": term.label},
            field="end",
            code="outside_term",
        )
    before = audit.snapshot(membership)
    membership.end = end
    membership.end_reason = reason
    membership.ended_by_meeting = ended_by_meeting
    membership.end_decision = nfc(end_decision).strip()
    membership.save(update_fields=["end", "end_reason", "ended_by_meeting", "end_decision"])
    audit.record(
        "people.end_membership",
        actor=acting_user,
        unit=membership.unit,
        obj=membership,
        before=before,
        after=audit.snapshot(membership),
        summary=f"{membership.person.full_name}: {EndReason(reason).label.lower()} từ {_fmt(end)}",
    )
    return membership


@transaction.atomic
def do_end_membership(
    membership: Membership,
    *,
    acting_user,
    end: dt.date,
    reason: str,
    ended_by_meeting=None,
    end_decision: str = "",
) -> Membership:
    """End a membership on a day (the first day no longer a member), with the reason."""
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


def find_or_create_person(*, acting_user, unit: Unit, full_name: str) -> Person:
    """The unit's person of that exact name, or a new one; the caller holds the transaction."""
    name = " ".join(nfc(full_name).split())
    existing = Person.objects.filter(unit=unit, full_name=name).order_by("pk").first()
    return existing or do_create_person(acting_user=acting_user, unit=unit, full_name=name)


@transaction.atomic
def do_add_member_by_name(
    *, acting_user, term: Term, full_name: str, position: str, start: dt.date, **extra
) -> Membership:
    """Add a member by name: the unit's person of that name, or a new person, in one transaction."""
    term = lock_term(term)
    person = find_or_create_person(acting_user=acting_user, unit=term.unit, full_name=full_name)
    return add_membership(
        acting_user=acting_user, term=term, person=person, position=position, start=start, **extra
    )


# --- sensitive personal data ----------------------------------------------------------------------------

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
