"""Every change to meetings: the record, attendance, guests, agenda, opinions, votes, hiệp thương, news.

Each ``do_*`` is atomic, validates before writing, audits, and raises ActionError (changing nothing) on
bad input. Recording a vote locks the vote row, so two cadres entering the same show of hands get one
result and a clear conflict; a passing hiệp thương vote applies all its membership changes in the same
transaction, a failing one applies none.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.text import nfc
from mattran.core.uploads import check_document
from mattran.org.models import EmulationCluster, MemberOrganization, Unit
from mattran.people import actions as people_actions
from mattran.people.models import EndReason, Membership, Person, Position, Represents, Term

from .models import (
    NUMBERED_KINDS,
    AgendaItem,
    AgendaKind,
    Attachment,
    Attendance,
    AttendanceStatus,
    ChangeAction,
    Conclusion,
    ConclusionKind,
    ConsultationChange,
    Decision,
    Guest,
    GuestRole,
    Meeting,
    MeetingKind,
    NewsItem,
    NewsStatus,
    Opinion,
    PassRule,
    Vote,
)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _text(value: str) -> str:
    return " ".join(nfc(value or "").split())


def _para(value: str) -> str:
    """NFC text keeping its paragraphs (nfc() would collapse the line breaks)."""
    lines = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _next_order(qs) -> int:
    last = qs.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__level", "term", "cluster")
        .get(pk=meeting.pk)
    )


def _log(action: str, meeting: Meeting, acting_user, obj, summary: str, before=None) -> None:
    audit.record(
        action,
        actor=acting_user,
        unit=meeting.unit,
        obj=obj,
        before=before,
        after=audit.snapshot(obj),
        summary=summary,
    )


def _named_person(meeting: Meeting, name: str, acting_user) -> Person:
    name = _text(name)
    if len(name.split()) < 2:
        raise ActionError(_("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field="person_name")
    return people_actions.find_or_create_person(acting_user=acting_user, unit=meeting.unit, full_name=name)


# --- the meeting --------------------------------------------------------------------------------------


def _validate_meeting(
    *,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    term: Term | None,
    number: int | None,
    cluster: EmulationCluster | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
    exclude_pk: int | None = None,
) -> None:
    if kind not in MeetingKind.values:
        raise ActionError(_("Loại hội nghị không hợp lệ."), field="kind")
    if not title:
        raise ActionError(_("Cần nhập nội dung chính của hội nghị."), field="title")
    if timezone.is_naive(starts_at):
        raise ActionError(_("Thời gian phải kèm múi giờ."), field="starts_at")
    day = timezone.localtime(starts_at).date()
    if not unit.is_open_on(day):
        raise ActionError(
            _("%(unit)s không hoạt động vào ngày %(day)s.") % {"unit": unit.name, "day": _fmt(day)},
            field="starts_at",
            code="unit_closed",
        )
    if term is not None:
        if term.unit_id != unit.pk:
            raise ActionError(_("Nhiệm kỳ không thuộc đơn vị tổ chức."), field="term")
        if not term.contains(day) and kind != MeetingKind.CONGRESS:
            raise ActionError(
                _("Ngày %(day)s nằm ngoài %(term)s.") % {"day": _fmt(day), "term": term.label},
                field="starts_at",
                code="outside_term",
            )
    if number is not None:
        if number < 1:
            raise ActionError(_("Số thứ tự phải từ 1 trở lên."), field="number")
        if kind not in NUMBERED_KINDS:
            raise ActionError(_("Loại hội nghị này không đánh số theo nhiệm kỳ."), field="number")
        if term is None:
            raise ActionError(_("Hội nghị có số thứ tự cần chọn nhiệm kỳ."), field="term")
        clash = Meeting.objects.filter(term=term, kind=kind, number=number).exclude(pk=exclude_pk)
        if clash.exists():
            raise ActionError(
                _("%(term)s đã có %(kind)s lần thứ %(number)s.")
                % {
                    "term": term.label,
                    "kind": MeetingKind(kind).label.lower(),
                    "number": number,
                },
                field="number",
                code="duplicate",
                status=409,
            )
    if cluster is not None and kind != MeetingKind.CLUSTER:
        raise ActionError(_("Chỉ hội nghị cụm thi đua mới do cụm tổ chức."), field="cluster")
    if kind == MeetingKind.CLUSTER and cluster is None:
        raise ActionError(_("Hội nghị cụm thi đua cần chọn cụm thi đua."), field="cluster")
    if cluster is not None and not (
        cluster.organiser_id == unit.pk or cluster.memberships.filter(unit=unit).exists()
    ):
        raise ActionError(_("Đơn vị đăng cai phải là thành viên hoặc đơn vị tổ chức của cụm."), field="unit")
    if period_start and period_end and period_end < period_start:
        raise ActionError(_("Kỳ đánh giá: ngày kết thúc phải sau ngày bắt đầu."), field="period_end")


@transaction.atomic
def do_create_meeting(
    *,
    acting_user,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    term: Term | None = None,
    number: int | None = None,
    venue: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    period_label: str = "",
    chair: Person | None = None,
    chair_name: str = "",
    chair_title: str = "",
    cluster: EmulationCluster | None = None,
    participants: Iterable[Unit] = (),
    organiser_label: str = "",
    summary: str = "",
) -> Meeting:
    """Record a meeting of a unit (or of an emulation cluster hosted by a unit)."""
    title = _text(title)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    _validate_meeting(
        unit=unit,
        kind=kind,
        title=title,
        starts_at=starts_at,
        term=term,
        number=number,
        cluster=cluster,
        period_start=period_start,
        period_end=period_end,
    )
    if chair is None and _text(chair_name):
        name = _text(chair_name)
        if len(name.split()) < 2:
            raise ActionError(_("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field="chair_name")
        chair = people_actions.find_or_create_person(acting_user=acting_user, unit=unit, full_name=name)
    day = timezone.localtime(starts_at).date()
    meeting = Meeting.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        starts_at=starts_at,
        term=term,
        number=number,
        venue=_text(venue),
        period_start=period_start,
        period_end=period_end,
        period_label=_text(period_label),
        chair=chair,
        chair_title=_text(chair_title) or (chair.title_on(day) if chair else ""),
        cluster=cluster,
        organiser_label=_text(organiser_label),
        summary=_para(summary),
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    units = list(participants)
    if cluster is not None and not units:
        units = [m.unit for m in cluster.memberships.select_related("unit")]
    if units:
        meeting.participants.set(units)
    _log("meetings.create_meeting", meeting, acting_user, meeting, f"Ghi {meeting.heading} ngày {_fmt(day)}")
    return meeting


MEETING_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "term",
    "number",
    "venue",
    "period_start",
    "period_end",
    "period_label",
    "chair",
    "chair_title",
    "organiser_label",
    "summary",
)


@transaction.atomic
def do_update_meeting(meeting: Meeting, *, acting_user, **changes) -> Meeting:
    """Correct a meeting's details.

    ``chair_name`` (instead of ``chair``) names the chair as the forms do: blank clears the chair, the
    current chair's name keeps them, another name finds or creates that person of the unit.
    """
    meeting = _lock(meeting)
    before = audit.snapshot(meeting)
    chair_name = changes.pop("chair_name", None)
    for key, value in changes.items():
        if key not in MEETING_FIELDS:
            raise ActionError(_("Không sửa được trường %(key)s.") % {"key": key}, field=key)
        field = Meeting._meta.get_field(key)
        if value is None and not field.null:  # an API call that sends null for a field that must be there
            if not isinstance(field, models.CharField | models.TextField):
                raise ActionError(_("Trường %(key)s không được để trống.") % {"key": key}, field=key)
            value = ""  # a text cleared
        if isinstance(value, str):
            value = _para(value) if key == "summary" else _text(value)
        setattr(meeting, key, value)
    _validate_meeting(
        unit=meeting.unit,
        kind=meeting.kind,
        title=meeting.title,
        starts_at=meeting.starts_at,
        term=meeting.term,
        number=meeting.number,
        cluster=meeting.cluster,
        period_start=meeting.period_start,
        period_end=meeting.period_end,
        exclude_pk=meeting.pk,
    )
    if chair_name is not None:
        name = _text(chair_name)
        if not name:
            meeting.chair = None
        elif meeting.chair is None or meeting.chair.full_name != name:
            if len(name.split()) < 2:
                raise ActionError(
                    _("Họ và tên phải có cả họ và tên, ví dụ: Nguyễn Văn An."), field="chair_name"
                )
            meeting.chair = people_actions.find_or_create_person(
                acting_user=acting_user, unit=meeting.unit, full_name=name
            )
    meeting.save()
    _log("meetings.update_meeting", meeting, acting_user, meeting, f"Sửa {meeting.heading}", before=before)
    return meeting


# --- attendance and quorum ----------------------------------------------------------------------------


def committee_of(meeting: Meeting):
    """The committee as the meeting opened: its term's members that day, before its own hiệp thương.

    Members the meeting relieves still count (they were there when it opened); members it adds do not.
    """
    if meeting.term_id is None:
        return Membership.objects.none()
    day = meeting.date
    held = Q(end__isnull=True) | Q(end__gt=day) | Q(end=day, ended_by_meeting=meeting)
    return (
        Membership.objects.filter(term_id=meeting.term_id, start__lte=day)
        .filter(held)
        .exclude(started_by_meeting=meeting)
    )


@transaction.atomic
def do_record_attendance(meeting: Meeting, *, acting_user, statuses: Mapping[int, str]) -> dict[str, int]:
    """Set each member's attendance (membership id → status); members left out keep what they had."""
    meeting = _lock(meeting)
    if meeting.term_id is None:
        raise ActionError(_("Chọn nhiệm kỳ của hội nghị trước khi điểm danh ủy viên."), field="term")
    allowed = set(committee_of(meeting).values_list("pk", flat=True))
    for membership_id, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ActionError(_("Trạng thái điểm danh không hợp lệ."), field="status")
        if int(membership_id) not in allowed:
            raise ActionError(
                _("Người được điểm danh không phải ủy viên của khóa này vào ngày họp."), field="membership"
            )
    existing = {a.membership_id: a for a in meeting.attendance.all()}
    for membership_id, status in statuses.items():
        row = existing.get(int(membership_id))
        if row is None:
            Attendance.objects.create(meeting=meeting, membership_id=int(membership_id), status=status)
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


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """Members in the committee, present, absent with and without leave, not yet marked."""
    total = committee_of(meeting).count()
    by_status = {s: 0 for s in AttendanceStatus.values}
    for status in meeting.attendance.values_list("status", flat=True):
        by_status[status] += 1
    marked = sum(by_status.values())
    return {
        "total": total,
        "present": by_status[AttendanceStatus.PRESENT],
        "excused": by_status[AttendanceStatus.EXCUSED],
        "unexcused": by_status[AttendanceStatus.UNEXCUSED],
        "unmarked": max(total - marked, 0),
    }


def has_quorum(counts: Mapping[str, int]) -> bool:
    """More than half of the committee present."""
    from .models import QUORUM_DENOMINATOR, QUORUM_NUMERATOR

    return counts["total"] > 0 and counts["present"] * QUORUM_DENOMINATOR > counts["total"] * QUORUM_NUMERATOR


# --- guests, agenda, opinions, conclusions, decisions, attachments -------------------------------------


@transaction.atomic
def do_add_guest(
    meeting: Meeting,
    *,
    acting_user,
    person: Person | None = None,
    person_name: str = "",
    title: str | None = None,
    organisation: str = "",
    role: str = GuestRole.ATTEND,
) -> Guest:
    """Add a guest with the title held on the meeting's date (or an organisation's representatives).

    ``person_name`` finds the meeting unit's person of that name, or records a new one.
    """
    meeting = _lock(meeting)
    if person is None and _text(person_name):
        person = _named_person(meeting, person_name, acting_user)
    if role not in GuestRole.values:
        raise ActionError(_("Vai trò đại biểu không hợp lệ."), field="role")
    organisation = _text(organisation)
    if person is None and not organisation:
        raise ActionError(_("Chọn đại biểu hoặc ghi cơ quan, đơn vị cử đại diện."), field="person")
    if person is not None and meeting.guests.filter(person=person).exists():
        raise ActionError(
            _("%(person)s đã có trong danh sách đại biểu.") % {"person": person.full_name},
            field="person",
            status=409,
        )
    resolved = _text(title) if title is not None else ""
    if person is not None and not resolved:
        resolved = person.title_on(meeting.date)
    guest = Guest.objects.create(
        meeting=meeting,
        person=person,
        title=resolved,
        organisation=organisation,
        role=role,
        order=_next_order(meeting.guests),
    )
    _log(
        "meetings.add_guest",
        meeting,
        acting_user,
        guest,
        f"Đại biểu {guest.label} ({guest.get_role_display()})",
    )
    return guest


@transaction.atomic
def do_add_agenda_item(
    meeting: Meeting,
    *,
    acting_user,
    title: str,
    kind: str = AgendaKind.REPORT,
    presenter: str = "",
    summary: str = "",
) -> AgendaItem:
    """Add an item to the meeting's agenda."""
    meeting = _lock(meeting)
    title = _text(title)
    if not title:
        raise ActionError(_("Cần nhập nội dung."), field="title")
    if kind not in AgendaKind.values:
        raise ActionError(_("Loại nội dung không hợp lệ."), field="kind")
    if kind == AgendaKind.CONSULTATION:
        if meeting.term_id is None:
            raise ActionError(_("Hiệp thương cần hội nghị thuộc một nhiệm kỳ."), field="kind")
        if not meeting.unit.is_open_on(meeting.date):
            raise ActionError(
                _("%(meeting_unit)s đã thôi hoạt động, không thể hiệp thương nhân sự.")
                % {"meeting_unit": meeting.unit.name},
                field="kind",
                code="unit_closed",
            )
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        kind=kind,
        presenter=_text(presenter),
        summary=_para(summary),
        order=_next_order(meeting.agenda),
    )
    _log("meetings.add_agenda_item", meeting, acting_user, item, f"Nội dung: {title}")
    return item


@transaction.atomic
def do_add_opinion(
    meeting: Meeting,
    *,
    acting_user,
    gist: str,
    speaker: Person | None = None,
    speaker_name: str = "",
    speaker_title: str | None = None,
    organisation: str = "",
    agenda_item: AgendaItem | None = None,
) -> Opinion:
    """Record an opinion spoken at the meeting (``speaker_name`` finds or records the person)."""
    meeting = _lock(meeting)
    gist = _para(gist)
    if not gist:
        raise ActionError(_("Cần ghi nội dung ý kiến."), field="gist")
    if speaker is None and _text(speaker_name):
        speaker = _named_person(meeting, speaker_name, acting_user)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionError(_("Nội dung không thuộc hội nghị này."), field="agenda_item")
    title = _text(speaker_title) if speaker_title is not None else ""
    if speaker is not None and not title:
        title = speaker.title_on(meeting.date)
    opinion = Opinion.objects.create(
        meeting=meeting,
        speaker=speaker,
        speaker_title=title,
        organisation=_text(organisation),
        gist=gist,
        agenda_item=agenda_item,
        order=_next_order(meeting.opinions),
    )
    _log("meetings.add_opinion", meeting, acting_user, opinion, f"Ý kiến: {opinion.speaker_label}")
    return opinion


@transaction.atomic
def do_add_conclusion(
    meeting: Meeting,
    *,
    acting_user,
    text: str,
    kind: str = ConclusionKind.CONCLUSION,
    by: Person | None = None,
) -> Conclusion:
    """Record a conclusion of the chair or a directive of a guest."""
    meeting = _lock(meeting)
    text = _para(text)
    if not text:
        raise ActionError(_("Cần ghi nội dung."), field="text")
    if kind not in ConclusionKind.values:
        raise ActionError(_("Loại kết luận không hợp lệ."), field="kind")
    conclusion = Conclusion.objects.create(
        meeting=meeting, text=text, kind=kind, by=by, order=_next_order(meeting.conclusions)
    )
    _log(
        "meetings.add_conclusion",
        meeting,
        acting_user,
        conclusion,
        f"{conclusion.get_kind_display()}: {text[:80]}",
    )
    return conclusion


@transaction.atomic
def do_add_decision(
    meeting: Meeting, *, acting_user, text: str, number: str = "", agenda_item: AgendaItem | None = None
) -> Decision:
    """Record a decision of the meeting."""
    meeting = _lock(meeting)
    text = _para(text)
    if not text:
        raise ActionError(_("Cần ghi nội dung quyết định."), field="text")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionError(_("Nội dung không thuộc hội nghị này."), field="agenda_item")
    decision = Decision.objects.create(
        meeting=meeting,
        text=text,
        number=_text(number),
        agenda_item=agenda_item,
        order=_next_order(meeting.decisions),
    )
    _log("meetings.add_decision", meeting, acting_user, decision, f"Quyết định: {text[:80]}")
    return decision


@transaction.atomic
def do_add_attachment(
    meeting: Meeting, *, acting_user, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Store a file of the meeting after checking its size, extension and content."""
    meeting = _lock(meeting)
    name, ext, content_type = check_document(upload, kind="attachment")
    attachment = Attachment(
        meeting=meeting,
        original_name=name[:255],
        description=_text(description),
        size=upload.size,
        content_type=content_type,
        uploaded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    # The stored name is ours (the extension checked above); the user's name is kept for display only.
    attachment.file.save(f"{meeting.pk}{ext}", upload, save=False)
    attachment.save()
    _log("meetings.add_attachment", meeting, acting_user, attachment, f"Tệp {name}")
    return attachment


# --- votes and hiệp thương ----------------------------------------------------------------------------


@transaction.atomic
def do_open_vote(
    meeting: Meeting,
    *,
    acting_user,
    subject: str,
    rule: str = PassRule.MAJORITY,
    agenda_item: AgendaItem | None = None,
) -> Vote:
    """Put a question to the vote."""
    meeting = _lock(meeting)
    subject = _text(subject)
    if not subject:
        raise ActionError(_("Cần ghi nội dung biểu quyết."), field="subject")
    if rule not in PassRule.values:
        raise ActionError(_("Điều kiện thông qua không hợp lệ."), field="rule")
    if agenda_item is not None:
        if agenda_item.meeting_id != meeting.pk:
            raise ActionError(_("Nội dung không thuộc hội nghị này."), field="agenda_item")
        if agenda_item.votes.exists():
            raise ActionError(
                _("Nội dung này đã có biểu quyết."), field="agenda_item", status=409, code="duplicate"
            )
    vote = Vote.objects.create(meeting=meeting, subject=subject, rule=rule, agenda_item=agenda_item)
    _log("meetings.open_vote", meeting, acting_user, vote, f"Biểu quyết: {subject}")
    return vote


def passes(rule: str, *, present: int, votes_for: int, votes_against: int, abstentions: int) -> bool:
    """Whether the votes for meet the rule, counted against the members present."""
    if present <= 0:
        return False
    if rule == PassRule.UNANIMITY:
        return votes_for == present
    if rule == PassRule.TWO_THIRDS:
        return votes_for * 3 >= present * 2
    return votes_for * 2 > present


@transaction.atomic
def do_record_vote(
    vote: Vote,
    *,
    acting_user,
    votes_for: int,
    votes_against: int = 0,
    abstentions: int = 0,
    present: int | None = None,
) -> Vote:
    """Record the show of hands; a passing hiệp thương vote applies its changes in the same transaction.

    The vote row is locked first: if another cadre recorded it meanwhile, this one gets a conflict and
    nothing changes. The members present come from the attendance when it was taken; ``present`` is only
    for meetings without a roll call (delegates of a conference) and must agree with it otherwise.
    """
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.is_recorded:
        raise ActionError(
            _('Biểu quyết "%(vote_subject)s" đã được ghi lúc %(time)s.')
            % {
                "vote_subject": vote.subject,
                "time": format(timezone.localtime(vote.recorded_at), "%H:%M %d/%m/%Y"),
            },
            code="already_recorded",
            status=409,
        )
    meeting = _lock(vote.meeting)
    counts = attendance_counts(meeting)
    marked = counts["present"] + counts["excused"] + counts["unexcused"]
    if marked:
        if present is not None and present != counts["present"]:
            raise ActionError(
                _("Theo điểm danh có %(counted)s ủy viên có mặt, không phải %(present)s.")
                % {"counted": counts["present"], "present": present},
                field="present",
            )
        present = counts["present"]
    if present is None or present <= 0:
        raise ActionError(
            _("Chưa có số đại biểu có mặt: hãy điểm danh trước khi biểu quyết."), field="present"
        )
    for name, value in (
        ("votes_for", votes_for),
        ("votes_against", votes_against),
        ("abstentions", abstentions),
    ):
        if value is None or int(value) < 0:
            raise ActionError(_("Số phiếu không được âm."), field=name)
    cast = votes_for + votes_against + abstentions
    if cast > present:
        raise ActionError(
            _("Tổng số biểu quyết (%(cast)s) nhiều hơn số đại biểu có mặt (%(present)s).")
            % {"cast": cast, "present": present},
            field="votes_for",
            code="too_many_ballots",
        )
    before = audit.snapshot(vote)
    vote.present = present
    vote.votes_for, vote.votes_against, vote.abstentions = votes_for, votes_against, abstentions
    vote.not_voting = present - cast
    vote.passed = passes(
        vote.rule, present=present, votes_for=votes_for, votes_against=votes_against, abstentions=abstentions
    )
    vote.recorded_at = timezone.now()
    vote.recorded_by = acting_user if getattr(acting_user, "pk", None) else None
    vote.save()
    verdict = "thông qua" if vote.passed else "không thông qua"
    audit.record(
        "meetings.record_vote",
        actor=acting_user,
        unit=meeting.unit,
        obj=vote,
        before=before,
        after=audit.snapshot(vote),
        summary=f"{vote.subject}: {votes_for}/{present} tán thành ({vote.share_label}), {verdict}",
    )
    item = vote.agenda_item
    if vote.passed and item is not None and item.kind == AgendaKind.CONSULTATION:
        _apply_consultation(item, meeting=meeting, acting_user=acting_user)
    return vote


def _check_change(
    meeting: Meeting,
    *,
    action: str,
    membership: Membership | None,
    person: Person | None,
    position: str,
    member_org: MemberOrganization | None,
    represents: str,
    pending: list[ConsultationChange],
) -> None:
    term = meeting.term
    day = meeting.date
    if action in (ChangeAction.RELIEVE, ChangeAction.REPLACE):
        if membership is None:
            raise ActionError(_("Chọn ủy viên thôi."), field="membership")
        if membership.term_id != term.pk or not membership.holds_on(day):
            raise ActionError(
                _("%(person)s không phải ủy viên %(term)s vào ngày %(day)s.")
                % {
                    "person": membership.person.full_name,
                    "term": term.label,
                    "day": _fmt(day),
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
    if action in (ChangeAction.ADD, ChangeAction.REPLACE):
        if person is None:
            raise ActionError(_("Chọn người được hiệp thương cử."), field="person")
        if not position:
            raise ActionError(_("Chọn chức danh."), field="position")
        people_actions.validate_new_membership(
            term=term,
            person=person,
            position=position,
            start=day,
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


@transaction.atomic
def do_propose_change(
    item: AgendaItem,
    *,
    acting_user,
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
    meeting = _lock(item.meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    if item.kind != AgendaKind.CONSULTATION:
        raise ActionError(_("Chỉ nội dung hiệp thương mới có đề xuất nhân sự."), field="action")
    if action not in ChangeAction.values:
        raise ActionError(_("Loại thay đổi không hợp lệ."), field="action")
    if not meeting.unit.is_open_on(meeting.date):
        raise ActionError(
            _("%(meeting_unit)s đã thôi hoạt động, không thể hiệp thương nhân sự.")
            % {"meeting_unit": meeting.unit.name},
            code="unit_closed",
            field="action",
        )
    if meeting.term_id is None:
        raise ActionError(_("Hiệp thương cần hội nghị thuộc một nhiệm kỳ."), field="action")
    if item.votes.filter(recorded_at__isnull=False).exists():
        raise ActionError(_("Đã biểu quyết nội dung này, không thể thêm đề xuất."), status=409, code="closed")
    if member_org is not None and not represents:
        represents = Represents.MEMBER_ORG
    if end_reason and end_reason not in EndReason.values:
        raise ActionError(_("Lý do thôi không hợp lệ."), field="end_reason")
    if position and position not in Position.values:
        raise ActionError(_("Chức danh không hợp lệ."), field="position")
    if person is None and _text(person_name) and action != ChangeAction.RELIEVE:
        person = _named_person(meeting, person_name, acting_user)
    pending = list(item.changes.all())
    _check_change(
        meeting,
        action=action,
        membership=membership,
        person=person,
        position=position,
        member_org=member_org,
        represents=represents,
        pending=pending,
    )
    if action == ChangeAction.RELIEVE:
        person = None
        position = ""
    if action == ChangeAction.ADD:
        membership = None
    change = ConsultationChange.objects.create(
        agenda_item=item,
        action=action,
        membership=membership,
        end_reason=end_reason
        or (EndReason.REPLACED if action == ChangeAction.REPLACE else EndReason.RELIEVED)
        if membership is not None
        else "",
        person=person,
        position=position,
        represents=represents,
        member_org=member_org,
        represents_detail=_text(represents_detail),
        order=_next_order(item.changes),
    )
    _log("meetings.propose_change", meeting, acting_user, change, f"Đề xuất {change}")
    return change


def _apply_consultation(item: AgendaItem, *, meeting: Meeting, acting_user) -> None:
    """Apply every change of a passed hiệp thương item, dated from the meeting; all or nothing."""
    if not meeting.unit.is_open_on(meeting.date):
        raise ActionError(
            _("%(meeting_unit)s đã thôi hoạt động, không thể hiệp thương nhân sự.")
            % {"meeting_unit": meeting.unit.name},
            code="unit_closed",
        )
    term = people_actions.lock_term(meeting.term)
    day = meeting.date
    decision = f"Biểu quyết tại {meeting.heading} ngày {_fmt(day)}"
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
                    people_actions.end_membership(
                        Membership.objects.select_related("person", "term", "unit").get(
                            pk=change.membership_id
                        ),
                        acting_user=acting_user,
                        end=day,
                        reason=change.end_reason or EndReason.RELIEVED,
                        ended_by_meeting=meeting,
                        end_decision=decision,
                    )
            for change in changes:
                if change.person_id is not None:
                    change.new_membership = people_actions.add_membership(
                        acting_user=acting_user,
                        term=term,
                        person=change.person,
                        position=change.position,
                        start=day,
                        represents=change.represents,
                        member_org=change.member_org,
                        represents_detail=change.represents_detail,
                        started_by_meeting=meeting,
                        start_decision=decision,
                    )
                change.applied_at = now
                change.save(update_fields=["new_membership", "applied_at"])
    except IntegrityError as exc:
        raise ActionError(
            _("Không áp dụng được thay đổi nhân sự: dữ liệu trùng."), code="conflict", status=409
        ) from exc


# --- news items -----------------------------------------------------------------------------------------


@transaction.atomic
def do_generate_news_item(meeting: Meeting, *, acting_user) -> NewsItem:
    """Draft a news item (tin bài) from the meeting's record."""
    from .news import compose

    meeting = _lock(meeting)
    draft = compose(meeting)
    item = NewsItem.objects.create(
        meeting=meeting,
        unit=meeting.unit,
        title=draft.title,
        lead=draft.lead,
        body=draft.body,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    _log("meetings.generate_news", meeting, acting_user, item, f"Soạn tin: {item.title[:100]}")
    return item


@transaction.atomic
def do_regenerate_news_item(item: NewsItem, *, acting_user) -> NewsItem:
    """Redraft a news item from its meeting's record as it stands now (e.g. once programs are linked)."""
    from .news import compose

    item = NewsItem.objects.select_for_update(of=("self",)).select_related("meeting", "unit").get(pk=item.pk)
    if item.meeting_id is None:
        raise ActionError(_("Tin này không gắn với hội nghị nào."), code="no_meeting")
    fields = ["title", "lead", "body"]
    before = audit.snapshot(item, fields)
    draft = compose(
        Meeting.objects.select_related("unit", "unit__level", "term", "cluster").get(pk=item.meeting_id)
    )
    item.title, item.lead, item.body = draft.title, draft.lead, draft.body
    item.save(update_fields=[*fields, "updated_at"])
    audit.record(
        "meetings.regenerate_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        before=before,
        after=audit.snapshot(item, fields),
        summary=f"Soạn lại tin: {item.title[:100]}",
    )
    return item


@transaction.atomic
def do_update_news_item(
    item: NewsItem, *, acting_user, title: str, lead: str, body: str, author: str = ""
) -> NewsItem:
    """Edit a news item before (or after) publishing."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    title, lead, body = _text(title), _para(lead), _para(body)
    if not title:
        raise ActionError(_("Cần nhập tiêu đề."), field="title")
    if not lead:
        raise ActionError(_("Cần nhập sa-pô."), field="lead")
    before = audit.snapshot(item, ["title", "lead", "body", "author"])
    item.title, item.lead, item.body, item.author = title, lead, body, _text(author)
    item.save()
    audit.record(
        "meetings.update_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        before=before,
        after=audit.snapshot(item, ["title", "lead", "body", "author"]),
        summary=f"Sửa tin: {title[:100]}",
    )
    return item


@transaction.atomic
def do_publish_news_item(item: NewsItem, *, acting_user) -> NewsItem:
    """Publish a news item on the unit's public news page."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.is_published:
        raise ActionError(_("Tin đã được đăng."), code="already_published", status=409)
    item.status = NewsStatus.PUBLISHED
    item.published_at = timezone.now()
    item.save(update_fields=["status", "published_at"])
    audit.record(
        "meetings.publish_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        after={"status": item.status},
        summary=f"Đăng tin: {item.title[:100]}",
    )
    return item


@transaction.atomic
def do_unpublish_news_item(item: NewsItem, *, acting_user) -> NewsItem:
    """Take a news item off the public page (back to draft)."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_published:
        raise ActionError(_("Tin chưa được đăng."), code="not_published", status=409)
    item.status = NewsStatus.DRAFT
    item.save(update_fields=["status"])
    audit.record(
        "meetings.unpublish_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        after={"status": item.status},
        summary=f"Gỡ tin: {item.title[:100]}",
    )
    return item
