"""The minutes (biên bản) of a meeting as a Decree 30/2020 DOCX, built from the structured record.

Sections are numbered in order of what the record holds (I, II, III, … with no gap); other apps add their
own sections (the cluster's award proposals and the leader's flag handover) with ``register_section``.
The closing gives the end time when it is known (a blank to fill by hand otherwise) and the adoption
formula; the chair and the secretary sign with their titles and names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from docx.shared import Mm

from mattran.core.documents import AdminDocument, SignatureBlock, in_vietnamese

from .models import AgendaKind, AttendanceStatus, Meeting, to_roman
from .news import committees
from .queries import attendance_counts, ended_by, has_quorum, started_by

# A section another app adds: a heading (without its number) and its paragraphs, or None when it has
# nothing to say about this meeting.
Section = Callable[[Meeting], tuple[str, list[str]] | None]
_SECTIONS: list[Section] = []

VOTE_WIDTHS = [Mm(57), Mm(17), Mm(18), Mm(19), Mm(18), Mm(15), Mm(21)]
CHANGE_WIDTHS = [Mm(30), Mm(45), Mm(45), Mm(45)]
BLANK_TIME = "…… giờ ……"


def register_section(section: Section) -> Section:
    """Let another app add a numbered section to the minutes (usable as a decorator)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)
    return section


def start_time(meeting: Meeting) -> dt.datetime | None:
    """The start as recorded, or None when the source gives no hour (``time_known`` False)."""
    if not meeting.time_known:
        return None
    from django.utils import timezone

    return timezone.localtime(meeting.starts_at)


def end_time(meeting: Meeting) -> dt.time | None:
    """The end as recorded (``end_time``), or None when it is not known."""
    return meeting.end_time


def _hour(when: dt.datetime | dt.time) -> str:
    return f"{when:%H} giờ {when:%M}"


class _Numbered:
    """Section headings I, II, III, … in the order they are written."""

    def __init__(self, doc: AdminDocument) -> None:
        self.doc = doc
        self.count = 0

    def __call__(self, text: str) -> None:
        self.count += 1
        self.doc.heading(f"{to_roman(self.count)}. {text}")


def _issuing_body(meeting: Meeting) -> tuple[list[str], int]:
    """The names in the header and how many of them are the parent body."""
    if meeting.cluster is not None:
        return ["Ủy ban Trung ương MTTQ Việt Nam", meeting.cluster.name], 1
    return [meeting.unit.committee_name], 0


def _when_and_where(section: _Numbered, meeting: Meeting) -> None:
    doc = section.doc
    section("THỜI GIAN, ĐỊA ĐIỂM")
    when = start_time(meeting)
    day = f"ngày {meeting.date:%d/%m/%Y}"
    if when is not None:
        doc.paragraph(f"Thời gian: {_hour(when)}, {day}.")
    else:  # the source gives no hour: none is written
        part = f"{meeting.get_day_part_display()} " if meeting.day_part else ""
        doc.paragraph(f"Thời gian: {part}{day}.")
    if meeting.venue:
        doc.paragraph(f"Địa điểm: {meeting.venue}.")
    if meeting.period_label or meeting.period_start:
        period = meeting.period_label or (
            f"từ {meeting.period_start:%d/%m/%Y} đến {meeting.period_end:%d/%m/%Y}"
            if meeting.period_end
            else f"từ {meeting.period_start:%d/%m/%Y}"
        )
        doc.paragraph(f"Kỳ đánh giá: {period}.")


def _attendance(doc: AdminDocument, meeting: Meeting) -> None:
    """The members present and absent (by name), once the roll was called, and the quorum."""
    counts = attendance_counts(meeting)
    if not (counts["total"] and counts["present"] + counts["excused"] + counts["unexcused"]):
        return
    quorum = "đủ" if has_quorum(counts) else "không đủ"
    doc.paragraph(
        f"Ủy viên: {counts['present']}/{counts['total']} đồng chí có mặt; vắng có lý do {counts['excused']}, "
        f"vắng không lý do {counts['unexcused']}. Hội nghị {quorum} số lượng ủy viên theo quy định."
    )
    absent = (
        meeting.attendance.exclude(status=AttendanceStatus.PRESENT)
        .select_related("membership__person")
        .order_by("membership__person__search_name")
    )
    for row in absent:
        doc.paragraph(f"- {row.membership.person.full_name}: {row.get_status_display().lower()}.")


def _chair_label(meeting: Meeting) -> str:
    if meeting.chair is None:
        return ""
    return (
        f"{meeting.chair.full_name}, {meeting.chair_title}"
        if meeting.chair_title
        else meeting.chair.full_name
    )


def _composition(section: _Numbered, meeting: Meeting) -> None:
    doc = section.doc
    section("THÀNH PHẦN")
    if meeting.chair is not None:
        doc.paragraph(f"Chủ trì: đồng chí {_chair_label(meeting)}.")
    secretary = getattr(meeting, "secretary", None)
    if secretary is not None:
        doc.paragraph(f"Thư ký: đồng chí {secretary.full_name}.")
    _attendance(doc, meeting)
    # The chair (and the secretary) are named above; a guest record of the same person is not a guest.
    officers = {p.pk for p in (meeting.chair, secretary) if p is not None}
    guests = [
        g for g in meeting.guests.select_related("person") if g.person_id not in officers or not g.person_id
    ]
    if guests:
        doc.paragraph("Đại biểu dự:")
        for g in guests:
            doc.paragraph(f"- {g.label} ({g.get_role_display().lower()}).")
    participants = list(meeting.participants.all())
    if participants:
        doc.paragraph(f"Đơn vị tham gia: {committees(participants)}.")


def _agenda(section: _Numbered, meeting: Meeting) -> None:
    """Each agenda item, a hiệp thương item with the table of its changes."""
    doc = section.doc
    items = list(meeting.agenda.all())
    if not items:
        return
    section("NỘI DUNG")
    for i, item in enumerate(items, start=1):
        doc.heading(f"{i}. {item.title}", level=2)
        if item.presenter:
            doc.paragraph(f"Trình bày: {item.presenter}.")
        if item.summary:
            doc.paragraph(item.summary)
        if item.kind == AgendaKind.CONSULTATION:
            rows = []
            for change in item.changes.select_related("membership__person", "person"):
                leaving = change.membership.person.full_name if change.membership is not None else ""
                joining = change.person.full_name if change.person is not None else ""
                rows.append([change.get_action_display(), leaving, joining, change.get_position_display()])
            if rows:
                doc.table(["Thay đổi", "Thôi", "Cử", "Chức danh"], rows, widths=CHANGE_WIDTHS)


def _count(value: int | None) -> str:
    return "không rõ" if value is None else str(value)


def _opinions_and_votes(section: _Numbered, meeting: Meeting) -> None:
    doc = section.doc
    opinions = list(meeting.opinions.select_related("speaker"))
    if opinions:
        section(f"Ý KIẾN PHÁT BIỂU ({len(opinions)} ý kiến)")
        for o in opinions:
            doc.paragraph(f"- {o.speaker_label}: {o.gist}")
    votes = [v for v in meeting.votes.all() if v.is_recorded]
    if votes:
        section("BIỂU QUYẾT")
        doc.table(
            ["Nội dung", "Có mặt", "Tán thành", "Không tán thành", "Không ý kiến", "Tỷ lệ", "Kết quả"],
            [
                [
                    v.subject,
                    _count(v.present),
                    _count(v.votes_for),
                    _count(v.votes_against),
                    _count(v.abstentions),
                    v.share_label or v.as_printed or "không rõ",
                    "Thông qua" if v.passed else "Không thông qua",
                ]
                for v in votes
            ],
            widths=VOTE_WIDTHS,
        )


def _conclusions(section: _Numbered, meeting: Meeting) -> None:
    """Conclusions and decisions, then the membership changes that took effect."""
    doc = section.doc
    conclusions = list(meeting.conclusions.select_related("by"))
    decisions = list(meeting.decisions.all())
    ended = ended_by(meeting).count()
    started = started_by(meeting).count()
    if not (conclusions or decisions or ended or started):
        return
    section("KẾT LUẬN, QUYẾT ĐỊNH")
    for c in conclusions:
        by = f" (đồng chí {c.speaker_label})" if c.by is not None else ""
        doc.paragraph(f"- {c.get_kind_display()}{by}: {c.text}")
    for d in decisions:
        doc.paragraph(f"- {d.number + ': ' if d.number else ''}{d.text}")
    if ended or started:
        doc.paragraph(
            f"Thay đổi nhân sự đã có hiệu lực từ ngày {meeting.date:%d/%m/%Y}: thôi {ended}, cử {started}."
        )


def _other_sections(section: _Numbered, meeting: Meeting) -> None:
    for build in _SECTIONS:
        result = build(meeting)
        if result is None:
            continue
        heading, paragraphs = result
        section(heading)
        for text in paragraphs:
            section.doc.paragraph(text)


def _closing(doc: AdminDocument, meeting: Meeting) -> None:
    """The end time (a blank to fill by hand when not known) and the adoption formula."""
    end = end_time(meeting)
    doc.paragraph(f"Hội nghị kết thúc vào hồi {_hour(end) if end is not None else BLANK_TIME} cùng ngày.")
    doc.paragraph(
        "Biên bản đã được thông qua trước Hội nghị, các đại biểu dự Hội nghị nhất trí với nội dung biên bản."
    )


def _signers(meeting: Meeting) -> list[SignatureBlock]:
    secretary = getattr(meeting, "secretary", None)
    secretary_title = getattr(meeting, "secretary_title", "") or ""
    chair = meeting.chair
    return [
        SignatureBlock("Thư ký", secretary_title, secretary.full_name if secretary is not None else ""),
        SignatureBlock(
            "Chủ trì", meeting.chair_title if chair is not None else "", chair.full_name if chair else ""
        ),
    ]


@in_vietnamese
def minutes_document(meeting: Meeting, *, number: str = "/BB-MTTQ") -> AdminDocument:
    """Lay out the biên bản of a meeting (DOCX or PDF)."""
    names, parents = _issuing_body(meeting)
    doc = AdminDocument(
        issuing_body_lines=names,
        parent_lines=parents,
        number=number,
        place=meeting.unit.short_name,
        date=meeting.date,
        title="BIÊN BẢN",
        subtitle=meeting.heading if meeting.heading != meeting.title else meeting.title,
    )
    section = _Numbered(doc)
    _when_and_where(section, meeting)
    _composition(section, meeting)
    _agenda(section, meeting)
    _opinions_and_votes(section, meeting)
    _conclusions(section, meeting)
    _other_sections(section, meeting)
    _closing(doc, meeting)
    doc.signature_block(_signers(meeting))
    return doc
