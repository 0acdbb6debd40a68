"""Who was there: the committee members' attendance and the guests (đại biểu) with their titles that day."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import clean_text
from mattran.people.models import Person

from ..models import Attendance, AttendanceStatus, Guest, GuestRole, Meeting
from ..queries import attendance_counts, committee_of
from ._common import RECORD, lock_meeting, log, named_person, next_order, text_for


def _membership_ids(meeting: Meeting, statuses: Mapping[int, str]) -> dict[int, str]:
    """The statuses by membership id, each a known status of a member of the committee that day."""
    allowed = set(committee_of(meeting).values_list("pk", flat=True))
    out = {}
    for membership_id, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ActionError(_("Trạng thái điểm danh không hợp lệ."), field="status")
        if int(membership_id) not in allowed:
            raise ActionError(
                _("Người được điểm danh không phải ủy viên của khóa này vào ngày họp."), field="membership"
            )
        out[int(membership_id)] = status
    return out


@transaction.atomic
def do_record_attendance(
    meeting: Meeting, *, acting_user: Actor, statuses: Mapping[int, str]
) -> dict[str, int]:
    """Set each member's attendance (membership id → status); members left out keep what they had."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    if meeting.term_id is None:
        raise ActionError(_("Chọn nhiệm kỳ của hội nghị trước khi điểm danh ủy viên."), field="term")
    wanted = _membership_ids(meeting, statuses)
    existing = {a.membership_id: a for a in meeting.attendance.all()}
    for membership_id, status in wanted.items():
        row = existing.get(membership_id)
        if row is None:
            Attendance.objects.create(meeting=meeting, membership_id=membership_id, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
    counts = attendance_counts(meeting)
    audit.record(
        "meetings.record_attendance",
        actor=acting_user,
        unit=meeting.unit,
        obj=meeting,
        after=counts,
        summary=f"Điểm danh {meeting.heading}: {counts['present']}/{counts['total']} có mặt",
    )
    return counts


@transaction.atomic
def do_add_guest(
    meeting: Meeting,
    *,
    acting_user: Actor,
    person: Person | None = None,
    person_name: str = "",
    title: str | None = None,
    organisation: str = "",
    role: str = GuestRole.ATTEND,
) -> Guest:
    """Add a guest with the title held on the meeting's date (or an organisation's representatives).

    ``person_name`` finds the meeting unit's person of that name, or records a new one.
    """
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    if role not in GuestRole.values:
        raise ActionError(_("Vai trò đại biểu không hợp lệ."), field="role")
    organisation = text_for(Guest, "organisation", organisation)
    resolved = text_for(Guest, "title", title)
    if person is None and clean_text(person_name):
        person = named_person(meeting.unit, person_name, acting_user)
    if person is None and not organisation:
        raise ActionError(_("Chọn đại biểu hoặc ghi cơ quan, đơn vị cử đại diện."), field="person")
    if person is not None and meeting.guests.filter(person=person).exists():
        raise ActionError(
            _("%(person)s đã có trong danh sách đại biểu.") % {"person": person.full_name},
            field="person",
            status=409,
        )
    if person is not None and not resolved:
        resolved = person.title_on(meeting.date)
    guest = Guest.objects.create(
        meeting=meeting,
        person=person,
        title=resolved,
        organisation=organisation,
        role=role,
        order=next_order(meeting.guests),
    )
    log(
        "meetings.add_guest",
        meeting,
        acting_user,
        guest,
        f"Đại biểu {guest.label} ({guest.get_role_display()})",
    )
    return guest
