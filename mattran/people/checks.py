"""The rules a person's details and a committee membership keep, checked before anything is written.

The actions call them, and so do the committee import's validation step and meetings' hiệp thương
(consultation), so a membership is refused for the same reasons, in the same words, wherever it comes from.
They read the database at most; they never write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import nfc, paragraphs
from mattran.org.models import MemberOrganization

from .models import EndReason, Gender, Membership, Person, Position, Represents, Term

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


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def clean_person(data: Mapping[str, Any]) -> dict[str, Any]:
    """The person fields given, cleaned (NFC, spaces), or ActionError for a bad name, gender or birth year."""
    out: dict[str, Any] = {}
    for key in PERSON_FIELDS:
        if key not in data or (data[key] is None and key != "birth_year"):
            continue
        value = data[key]
        if key == "notes" and isinstance(value, str):
            value = paragraphs(value)
        elif isinstance(value, str):
            value = nfc(value)
        out[key] = value
    if "full_name" in out and len(out["full_name"].split()) < 2:
        raise ActionError(_("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field="full_name")
    if out.get("gender") and out["gender"] not in Gender.values:
        raise ActionError(_("Giới tính không hợp lệ."), field="gender")
    year = out.get("birth_year")
    if year is not None and not 1900 <= int(year) <= dt.date.today().year:
        raise ActionError(_("Năm sinh không hợp lệ."), field="birth_year")
    return out


def _check_start(term: Term, start: dt.date) -> None:
    if not term.contains(start):
        raise ActionError(
            (
                _("Ngày %(start)s nằm ngoài %(term)s (từ %(term_start)s đến %(term_end)s).")
                if term.end
                else _("Ngày %(start)s nằm ngoài %(term)s (từ %(term_start)s).")
            )
            % {
                "start": fmt(start),
                "term": term.label,
                "term_start": fmt(term.start),
                "term_end": fmt(term.end) if term.end else "",
            },
            field="start",
            code="outside_term",
        )
    if not term.unit.is_open_on(start):
        raise ActionError(
            _("%(unit)s không còn hoạt động vào ngày %(start)s.")
            % {"unit": term.unit.name, "start": fmt(start)},
            field="start",
            code="unit_closed",
        )


def validate_new_membership(
    *,
    term: Term,
    person: Person | None,
    position: str,
    start: dt.date,
    member_org: MemberOrganization | None = None,
    represents: str = "",
) -> None:
    """Raise ActionError unless the person can join the term's committee in that position on that day.

    ``person`` is None for a person not recorded yet (who holds no membership to clash with).
    """
    unit = term.unit
    if position not in Position.values:
        raise ActionError(_("Chức danh không hợp lệ."), field="position")
    if represents and represents not in Represents.values:
        raise ActionError(_("Thành phần đại diện không hợp lệ."), field="represents")
    _check_start(term, start)
    if member_org is not None and member_org.unit_id != unit.pk:
        raise ActionError(_("Tổ chức thành viên không thuộc đơn vị này."), field="member_org")
    if person is None:
        return
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


def check_end(
    *,
    term: Term,
    person_name: str,
    start: dt.date,
    end: dt.date,
    reason: str,
    ended: dt.date | None = None,
) -> None:
    """Raise ActionError unless a membership from ``start`` (ended on ``ended``, if it was) can end on ``end``."""
    if reason not in EndReason.values:
        raise ActionError(_("Lý do thôi không hợp lệ."), field="reason")
    if ended is not None:
        raise ActionError(
            _("%(person)s đã thôi từ %(end)s.") % {"person": person_name, "end": fmt(ended)},
            field="membership",
            code="already_ended",
            status=409,
        )
    if end < start:
        raise ActionError(_("Ngày thôi không được trước ngày bắt đầu."), field="end")
    if term.end is not None and end > term.end:
        raise ActionError(
            _("Ngày %(end)s nằm ngoài %(term)s.") % {"end": fmt(end), "term": term.label},
            field="end",
            code="outside_term",
        )
