"""What was said and settled: the agenda, the opinions spoken, conclusions and directives, decisions."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import clean_text
from mattran.people.models import Person

from ..models import AgendaItem, AgendaKind, Conclusion, ConclusionKind, Decision, Meeting, Opinion
from ._common import RECORD, lock_meeting, log, named_person, next_order, text_for
from .consultation import check_consultation_possible


def _check_own_item(meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionError(_("Nội dung không thuộc hội nghị này."), field="agenda_item")


@transaction.atomic
def do_add_agenda_item(
    meeting: Meeting,
    *,
    acting_user: Actor,
    title: str,
    kind: str = AgendaKind.REPORT,
    presenter: str = "",
    summary: str = "",
) -> AgendaItem:
    """Add an item to the meeting's agenda."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    title = text_for(AgendaItem, "title", title)
    if not title:
        raise ActionError(_("Cần nhập nội dung."), field="title")
    if kind not in AgendaKind.values:
        raise ActionError(_("Loại nội dung không hợp lệ."), field="kind")
    if kind == AgendaKind.CONSULTATION:
        check_consultation_possible(meeting, field="kind")
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        kind=kind,
        presenter=text_for(AgendaItem, "presenter", presenter),
        summary=text_for(AgendaItem, "summary", summary),
        order=next_order(meeting.agenda),
    )
    log("meetings.add_agenda_item", meeting, acting_user, item, f"Nội dung: {title}")
    return item


@transaction.atomic
def do_add_opinion(
    meeting: Meeting,
    *,
    acting_user: Actor,
    gist: str,
    speaker: Person | None = None,
    speaker_name: str = "",
    speaker_title: str | None = None,
    organisation: str = "",
    agenda_item: AgendaItem | None = None,
) -> Opinion:
    """Record an opinion spoken at the meeting (``speaker_name`` finds or records the person)."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    gist = text_for(Opinion, "gist", gist)
    if not gist:
        raise ActionError(_("Cần ghi nội dung ý kiến."), field="gist")
    _check_own_item(meeting, agenda_item)
    title = text_for(Opinion, "speaker_title", speaker_title)
    organisation = text_for(Opinion, "organisation", organisation)
    if speaker is None and clean_text(speaker_name):
        speaker = named_person(meeting.unit, speaker_name, acting_user, field="speaker_name")
    if speaker is not None and not title:
        title = speaker.title_on(meeting.date)
    opinion = Opinion.objects.create(
        meeting=meeting,
        speaker=speaker,
        speaker_title=title,
        organisation=organisation,
        gist=gist,
        agenda_item=agenda_item,
        order=next_order(meeting.opinions),
    )
    log("meetings.add_opinion", meeting, acting_user, opinion, f"Ý kiến: {opinion.speaker_label}")
    return opinion


@transaction.atomic
def do_add_conclusion(
    meeting: Meeting,
    *,
    acting_user: Actor,
    text: str,
    kind: str = ConclusionKind.CONCLUSION,
    by: Person | None = None,
    by_name: str = "",
    by_title: str | None = None,
) -> Conclusion:
    """Record a conclusion of the chair or a directive of a guest, with who spoke it (``by_name`` finds or
    records the person; the title defaults to the one they held that day)."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    text = text_for(Conclusion, "text", text)
    if not text:
        raise ActionError(_("Cần ghi nội dung."), field="text")
    if kind not in ConclusionKind.values:
        raise ActionError(_("Loại kết luận không hợp lệ."), field="kind")
    title = text_for(Conclusion, "by_title", by_title)
    if by is None and clean_text(by_name):
        by = named_person(meeting.unit, by_name, acting_user, field="by_name")
    if by is None and title:
        raise ActionError(_("Nhập họ và tên người kết luận, chỉ đạo trước khi ghi chức vụ."), field="by_name")
    if by is not None and not title:
        title = by.title_on(meeting.date)
    conclusion = Conclusion.objects.create(
        meeting=meeting, text=text, kind=kind, by=by, by_title=title, order=next_order(meeting.conclusions)
    )
    summary = f"{conclusion.get_kind_display()}: {text[:80]}"
    log("meetings.add_conclusion", meeting, acting_user, conclusion, summary)
    return conclusion


@transaction.atomic
def do_add_decision(
    meeting: Meeting,
    *,
    acting_user: Actor,
    text: str,
    number: str = "",
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """Record a decision of the meeting."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    text = text_for(Decision, "text", text)
    if not text:
        raise ActionError(_("Cần ghi nội dung quyết định."), field="text")
    _check_own_item(meeting, agenda_item)
    decision = Decision.objects.create(
        meeting=meeting,
        text=text,
        number=text_for(Decision, "number", number),
        agenda_item=agenda_item,
        order=next_order(meeting.decisions),
    )
    log("meetings.add_decision", meeting, acting_user, decision, f"Quyết định: {text[:80]}")
    return decision
