"""Hiệp thương (consultation): the membership changes proposed on a consultation agenda item — relieve a
member (cho thôi), add a person (cử bổ sung, kiện toàn), replace one by another (thay thế) — and applying
them, all or none, when the item's vote passes (``votes.do_record_vote`` calls ``apply_consultation``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import clean_text, format_date_short
from mattran.org.history import require_open_on
from mattran.org.models import MemberOrganization
from mattran.people import actions as people_actions
from mattran.people.models import EndReason, Membership, Person, Position, Represents, Term

from ..models import AgendaItem, AgendaKind, ChangeAction, ConsultationChange, Meeting
from ._common import RECORD, lock_meeting, log, named_person, next_order, text_for


def check_consultation_possible(meeting: Meeting, *, field: str | None = None) -> Term:
    """The meeting's term: a hiệp thương needs a meeting of a unit open on its date, within a term."""
    require_open_on(meeting.unit, meeting.date, field=field or "date")
    if meeting.term is None:
        raise ActionError(_("Hiệp thương cần hội nghị thuộc một nhiệm kỳ."), field=field)
    return meeting.term


def _check_leaving(
    meeting: Meeting, term: Term, membership: Membership | None, pending: list[ConsultationChange]
) -> Membership:
    """The member to relieve holds a seat of the meeting's term that day and is not proposed yet."""
    if membership is None:
        raise ActionError(_("Chọn ủy viên thôi."), field="membership")
    if membership.term_id != term.pk or not membership.holds_on(meeting.date):
        raise ActionError(
            _("%(person)s không phải ủy viên %(term)s vào ngày %(day)s.")
            % {
                "person": membership.person.full_name,
                "term": term.label,
                "day": format_date_short(meeting.date),
            },
            field="membership",
        )
    if any(c.membership_id == membership.pk for c in pending):
        raise ActionError(
            _("%(person)s đã có trong đề xuất thôi.") % {"person": membership.person.full_name},
            field="membership",
            status=409,
            code="duplicate",
        )
    return membership


def _check_joining(
    meeting: Meeting,
    term: Term,
    *,
    person: Person | None,
    position: str,
    member_org: MemberOrganization | None,
    represents: str,
    pending: list[ConsultationChange],
) -> Person:
    """The person to add can join the committee in that position on the meeting's date, once."""
    if person is None:
        raise ActionError(_("Chọn người được hiệp thương cử."), field="person")
    if not position:
        raise ActionError(_("Chọn chức danh."), field="position")
    people_actions.validate_new_membership(
        term=term,
        person=person,
        position=position,
        start=meeting.date,
        member_org=member_org,
        represents=represents,
    )
    if any(c.person_id == person.pk and c.position == position for c in pending):
        raise ActionError(
            _("%(person)s đã có trong đề xuất cử.") % {"person": person.full_name},
            field="person",
            status=409,
            code="duplicate",
        )
    return person


def _check_choices(action: str, *, position: str, end_reason: str) -> None:
    if action not in ChangeAction.values:
        raise ActionError(_("Loại thay đổi không hợp lệ."), field="action")
    if end_reason and end_reason not in EndReason.values:
        raise ActionError(_("Lý do thôi không hợp lệ."), field="end_reason")
    if position and position not in Position.values:
        raise ActionError(_("Chức danh không hợp lệ."), field="position")


def _end_reason(action: str, given: str) -> str:
    """Why a member leaves: as given, else replaced (thay thế) or relieved (cho thôi)."""
    return given or (EndReason.REPLACED if action == ChangeAction.REPLACE else EndReason.RELIEVED)


def _open_item(item: AgendaItem) -> tuple[Meeting, Term, AgendaItem]:
    """The item's meeting (locked), its term and the item re-read: a consultation item of a meeting that can
    hold one, whose vote is not recorded yet."""
    meeting = lock_meeting(item.meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    if item.kind != AgendaKind.CONSULTATION:
        raise ActionError(_("Chỉ nội dung hiệp thương mới có đề xuất nhân sự."), field="action")
    term = check_consultation_possible(meeting, field="action")
    if item.votes.filter(recorded_at__isnull=False).exists():
        raise ActionError(_("Đã biểu quyết nội dung này, không thể thêm đề xuất."), status=409, code="closed")
    return meeting, term, item


@transaction.atomic
def do_propose_consultation_change(
    item: AgendaItem,
    *,
    acting_user: Actor,
    action: str,
    membership: Membership | None = None,
    person: Person | None = None,
    person_name: str = "",
    position: str = "",
    represents: str = "",
    member_org: MemberOrganization | None = None,
    represents_detail: str = "",
    end_reason: str = "",
) -> ConsultationChange:
    """Add a proposed change (relieve, add, replace) to a hiệp thương item; nothing changes until its vote.

    ``person_name`` finds the unit's person of that name, or records a new one (in the same transaction,
    so a refused proposal leaves no stray person).
    """
    authorize(acting_user, RECORD, item.meeting.unit)
    meeting, term, item = _open_item(item)
    _check_choices(action, position=position, end_reason=end_reason)
    represents = represents or (Represents.MEMBER_ORG if member_org is not None else "")
    represents_detail = text_for(ConsultationChange, "represents_detail", represents_detail)
    pending = list(item.changes.all())
    leaving = joining = None
    if action in (ChangeAction.RELIEVE, ChangeAction.REPLACE):
        leaving = _check_leaving(meeting, term, membership, pending)
    if action in (ChangeAction.ADD, ChangeAction.REPLACE):
        if person is None and clean_text(person_name):
            person = named_person(meeting.unit, person_name, acting_user)
        joining = _check_joining(
            meeting,
            term,
            person=person,
            position=position,
            member_org=member_org,
            represents=represents,
            pending=pending,
        )
    change = ConsultationChange.objects.create(
        agenda_item=item,
        action=action,
        membership=leaving,
        end_reason=_end_reason(action, end_reason) if leaving is not None else "",
        person=joining,
        position=position if joining is not None else "",
        represents=represents,
        member_org=member_org,
        represents_detail=represents_detail,
        order=next_order(item.changes),
    )
    log("meetings.propose_consultation_change", meeting, acting_user, change, f"Đề xuất {change}")
    return change


def _end_seat(change: ConsultationChange, *, meeting: Meeting, acting_user: Actor, decision: str) -> None:
    people_actions.end_membership(
        Membership.objects.select_related("person", "term", "unit").get(pk=change.membership_id),
        acting_user=acting_user,
        end=meeting.date,
        reason=change.end_reason or EndReason.RELIEVED,
        ended_by_meeting=meeting,
        end_decision=decision,
    )


def _fill_seat(
    change: ConsultationChange, *, meeting: Meeting, term: Term, acting_user: Actor, decision: str
) -> None:
    assert change.person is not None
    change.new_membership = people_actions.add_membership(
        acting_user=acting_user,
        term=term,
        person=change.person,
        position=change.position,
        start=meeting.date,
        represents=change.represents,
        member_org=change.member_org,
        represents_detail=change.represents_detail,
        started_by_meeting=meeting,
        start_decision=decision,
    )


def _decision(meeting: Meeting) -> str:
    return f"Biểu quyết tại {meeting.heading} ngày {format_date_short(meeting.date)}"


def apply_consultation(item: AgendaItem, *, meeting: Meeting, acting_user: Actor) -> None:
    """Apply every change of a passed hiệp thương item, dated from the meeting; all or nothing.

    Called by the vote's action inside its transaction, with the meeting locked; the term is locked too,
    so two cadres changing one committee queue one behind the other. An unnamed seat is marked applied
    and changes no membership until it is named (``do_name_consultation_change``).
    """
    term = lock(check_consultation_possible(meeting), related=("unit", "unit__level"))
    decision = _decision(meeting)
    changes = list(
        item.changes.select_for_update(of=("self",))
        .filter(applied_at__isnull=True)
        .select_related("membership", "person")
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            # Relieve first so a replacement in the same position is not refused as a duplicate.
            for change in changes:
                if change.membership_id is not None:
                    _end_seat(change, meeting=meeting, acting_user=acting_user, decision=decision)
            for change in changes:
                if change.person is not None:
                    _fill_seat(change, meeting=meeting, term=term, acting_user=acting_user, decision=decision)
                change.applied_at = now
                change.save(update_fields=["new_membership", "applied_at"])
    except IntegrityError as exc:
        raise ActionError(
            _("Không áp dụng được thay đổi nhân sự: dữ liệu trùng."), code="conflict", status=409
        ) from exc


MAX_UNNAMED_SEATS = 200


@transaction.atomic
def do_propose_unnamed_seats(
    item: AgendaItem,
    *,
    acting_user: Actor,
    action: str,
    count: int,
    position: str = "",
) -> list[ConsultationChange]:
    """Propose ``count`` seats to relieve or add whose names the source does not give ("cho thôi 4 đồng
    chí", "kiện toàn 5 đồng chí"); each is one change without a person, named later or never."""
    authorize(acting_user, RECORD, item.meeting.unit)
    meeting, _term, item = _open_item(item)
    _check_choices(action, position=position, end_reason="")
    if action not in (ChangeAction.RELIEVE, ChangeAction.ADD):
        raise ActionError(_("Chỉ ghi theo số lượng việc cho thôi hoặc cử bổ sung."), field="action")
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_UNNAMED_SEATS:
        raise ActionError(_("Số người phải từ 1 đến %(max)s.") % {"max": MAX_UNNAMED_SEATS}, field="count")
    start = next_order(item.changes)
    changes = ConsultationChange.objects.bulk_create(
        [
            ConsultationChange(
                agenda_item=item,
                action=action,
                position=position if action == ChangeAction.ADD else "",
                end_reason=EndReason.RELIEVED if action == ChangeAction.RELIEVE else "",
                order=start + i,
            )
            for i in range(count)
        ]
    )
    verb = ChangeAction(action).label
    log(
        "meetings.propose_unnamed_seats",
        meeting,
        acting_user,
        item,
        f"Đề xuất {verb.lower()} {count} người (chưa có tên)",
    )
    return changes


@transaction.atomic
def do_name_consultation_change(
    change: ConsultationChange,
    *,
    acting_user: Actor,
    membership: Membership | None = None,
    person: Person | None = None,
    person_name: str = "",
    position: str = "",
    represents: str = "",
    member_org: MemberOrganization | None = None,
) -> ConsultationChange:
    """Give an unnamed seat its person: the member relieved, or the person added. If the item's vote has
    passed already, the change takes effect now, dated from the meeting."""
    authorize(acting_user, RECORD, change.agenda_item.meeting.unit)
    meeting = lock_meeting(change.agenda_item.meeting)
    change = lock(change, related=("agenda_item",))
    term = check_consultation_possible(meeting, field="action")
    if change.is_named or change.action == ChangeAction.REPLACE:
        raise ActionError(_("Đề xuất này đã có tên."), status=409, code="named")
    _check_choices(change.action, position=position, end_reason="")
    pending = [c for c in change.agenda_item.changes.all() if c.pk != change.pk]
    decision = _decision(meeting)
    if change.action == ChangeAction.RELIEVE:
        change.membership = _check_leaving(meeting, term, membership, pending)
        if change.applied_at is not None:
            _end_seat(change, meeting=meeting, acting_user=acting_user, decision=decision)
    else:
        if person is None and clean_text(person_name):
            person = named_person(meeting.unit, person_name, acting_user)
        position = position or change.position
        represents = represents or (Represents.MEMBER_ORG if member_org is not None else "")
        change.person = _check_joining(
            meeting,
            term,
            person=person,
            position=position,
            member_org=member_org,
            represents=represents,
            pending=pending,
        )
        change.position, change.represents, change.member_org = position, represents, member_org
        if change.applied_at is not None:
            try:
                with transaction.atomic():
                    _fill_seat(change, meeting=meeting, term=term, acting_user=acting_user, decision=decision)
            except IntegrityError as exc:
                raise ActionError(
                    _("Không áp dụng được thay đổi nhân sự: dữ liệu trùng."), code="conflict", status=409
                ) from exc
    change.save()
    log("meetings.name_consultation_change", meeting, acting_user, change, f"Ghi tên: {change}")
    return change
