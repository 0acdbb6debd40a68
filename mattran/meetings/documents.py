"""The minutes (biên bản) of a meeting as a Decree 30/2020 DOCX, built from the structured record."""

from __future__ import annotations

from django.utils import timezone

from mattran.core.documents import AdminDocument, in_vietnamese

from .models import AgendaKind, AttendanceStatus, Meeting
from .queries import attendance_counts, ended_by, has_quorum, started_by


def _issuing_body(meeting: Meeting) -> list[str]:
    if meeting.cluster is not None:
        return ["ỦY BAN TRUNG ƯƠNG", "MTTQ VIỆT NAM", meeting.cluster.name.upper()]
    unit = meeting.unit
    if unit.kind == "trung_uong":
        return ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM"]
    return ["ỦY BAN MTTQ VIỆT NAM", unit.name.upper()]


def _when_and_where(doc: AdminDocument, meeting: Meeting) -> None:
    when = timezone.localtime(meeting.starts_at)
    doc.heading("I. THỜI GIAN, ĐỊA ĐIỂM")
    if meeting.time_known:
        doc.paragraph(f"Thời gian: {when:%H} giờ {when:%M}, ngày {when:%d/%m/%Y}.")
    else:  # the source gives no hour: none is written
        part = f"{meeting.get_day_part_display()} " if meeting.day_part else ""
        doc.paragraph(f"Thời gian: {part}ngày {when:%d/%m/%Y}.")
    if meeting.venue:
        doc.paragraph(f"Địa điểm: {meeting.venue}.")
    if meeting.period_label or meeting.period_start:
        period = (
            meeting.period_label or f"từ {meeting.period_start:%d/%m/%Y} đến {meeting.period_end:%d/%m/%Y}"
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


def _composition(doc: AdminDocument, meeting: Meeting) -> None:
    doc.heading("II. THÀNH PHẦN")
    if meeting.chair is not None:
        chair = (
            f"{meeting.chair.full_name}, {meeting.chair_title}"
            if meeting.chair_title
            else meeting.chair.full_name
        )
        doc.paragraph(f"Chủ trì: đồng chí {chair}.")
    _attendance(doc, meeting)
    guests = list(meeting.guests.select_related("person"))
    if guests:
        doc.paragraph("Đại biểu dự:")
        for g in guests:
            doc.paragraph(f"- {g.label} ({g.get_role_display().lower()}).")
    if meeting.participants.exists():
        doc.paragraph(
            "Đơn vị tham gia: " + ", ".join(u.committee_name for u in meeting.participants.all()) + "."
        )


def _agenda(doc: AdminDocument, meeting: Meeting) -> None:
    """Each agenda item, a hiệp thương item with the table of its changes."""
    doc.heading("III. NỘI DUNG")
    for i, item in enumerate(meeting.agenda.all(), start=1):
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
                doc.table(["Thay đổi", "Thôi", "Cử", "Chức danh"], rows)


def _opinions_and_votes(doc: AdminDocument, meeting: Meeting) -> None:
    opinions = list(meeting.opinions.select_related("speaker"))
    if opinions:
        doc.heading(f"IV. Ý KIẾN PHÁT BIỂU ({len(opinions)} ý kiến)")
        for o in opinions:
            doc.paragraph(f"- {o.speaker_label}: {o.gist}")
    votes = [v for v in meeting.votes.all() if v.is_recorded]
    if votes:
        doc.heading("V. BIỂU QUYẾT")
        doc.table(
            ["Nội dung", "Có mặt", "Tán thành", "Không tán thành", "Không ý kiến", "Tỷ lệ", "Kết quả"],
            [
                [
                    v.subject,
                    _count(v.present),
                    _count(v.votes_for),
                    _count(v.votes_against),
                    _count(v.abstentions),
                    v.share_label or v.as_printed or "Không rõ",
                    "Thông qua" if v.passed else "Không thông qua",
                ]
                for v in votes
            ],
        )


def _count(n: int | None) -> str | int:
    """A headcount, or "Không rõ" when the source gave none."""
    return "Không rõ" if n is None else n


def _conclusions(doc: AdminDocument, meeting: Meeting) -> None:
    """Conclusions and decisions, then the membership changes that took effect."""
    conclusions = list(meeting.conclusions.all())
    decisions = list(meeting.decisions.all())
    if conclusions or decisions:
        doc.heading("VI. KẾT LUẬN, QUYẾT ĐỊNH")
        for c in conclusions:
            doc.paragraph(f"- {c.get_kind_display()}: {c.text}")
        for d in decisions:
            doc.paragraph(f"- {d.number + ': ' if d.number else ''}{d.text}")
    ended = ended_by(meeting).count()
    started = started_by(meeting).count()
    if ended or started:
        doc.paragraph(
            f"Thay đổi nhân sự đã có hiệu lực từ ngày {meeting.date:%d/%m/%Y}: thôi {ended}, cử {started}."
        )


@in_vietnamese
def minutes_document(meeting: Meeting, *, number: str = "      /BB-MTTQ") -> AdminDocument:
    """Lay out the biên bản of a meeting (DOCX or PDF)."""
    doc = AdminDocument(
        issuing_body_lines=_issuing_body(meeting),
        parent_lines=0 if not meeting.cluster_id else 2,
        number=number,
        place=meeting.unit.short_name,
        date=meeting.date,
        title="BIÊN BẢN",
        subtitle=meeting.heading if meeting.heading != meeting.title else meeting.title,
        padded_date=True,
    )
    _when_and_where(doc, meeting)
    _composition(doc, meeting)
    _agenda(doc, meeting)
    _opinions_and_votes(doc, meeting)
    _conclusions(doc, meeting)
    chair_name = meeting.chair.full_name if meeting.chair is not None else ""
    doc.signature_block([("", "THƯ KÝ", ""), ("", "CHỦ TRÌ", chair_name)])
    return doc
