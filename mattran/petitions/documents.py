"""The Front's documents of citizens' cases, in the Decree 30/2020 layout (core.documents):
the forwarding letter to the competent body, and the report of voters' recommendations to a session.

A sealed case's submitters never appear: the letter says that the identity is kept confidential.
"""

from __future__ import annotations

from collections import defaultdict

from mattran.core.documents import AdminDocument
from mattran.org.models import Unit

from .actions._common import rule_days, today
from .models import Case, CouncilSession, Kind, Stage, Status

KIND_WORDS = {
    Kind.OPINION: "ý kiến",
    Kind.RECOMMENDATION: "kiến nghị",
    Kind.REPORT: "phản ánh",
    Kind.COMPLAINT: "đơn khiếu nại",
    Kind.DENUNCIATION: "đơn tố cáo",
}


def _issuing_body(unit: Unit) -> list[str]:
    if unit.kind == "trung_uong":
        return ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "BAN THƯỜNG TRỰC"]
    return ["ỦY BAN MTTQ VIỆT NAM", unit.name.upper(), "BAN THƯỜNG TRỰC"]


def forwarding_letter(case: Case) -> AdminDocument:
    """The letter that forwards a case to its body (công văn chuyển), with the answer deadline."""
    unit, agency = case.unit, case.agency
    day = case.forwarded_on or today()
    words = KIND_WORDS[Kind(case.kind)]
    doc = AdminDocument(
        issuing_body_lines=_issuing_body(unit),
        number="      /MTTQ-BTT",
        place=unit.short_name,
        date=day,
        title="",
        subtitle=f"V/v chuyển {words} của công dân",
        padded_date=True,
    )
    doc.paragraph(
        f"Kính gửi: {agency.name if agency else '……………………'}.", align="center", first_line_indent=None
    )
    if case.sealed:
        who = "công dân (thông tin người gửi được giữ bí mật theo Luật Tố cáo năm 2018)"
    else:
        people = [s for s in case.submitters.all() if not s.anonymous]
        if not people:
            who = "công dân (không ghi tên)"
        elif len(people) == 1:
            p = people[0]
            who = f"ông/bà {p.full_name}" + (f", địa chỉ: {p.address}" if p.address else "")
        else:
            who = f"{len(people)} công dân ({', '.join(p.full_name for p in people[:5])}{'…' if len(people) > 5 else ''})"
    doc.paragraph(
        f"Ngày {case.received_on:%d/%m/%Y}, Ủy ban MTTQ Việt Nam {unit.name[:1].lower()}{unit.name[1:]} "
        f"tiếp nhận {words} của {who} về việc: {case.summary}."
    )
    doc.paragraph(f"Nội dung: {case.text}")
    if case.address:
        doc.paragraph(f"Địa điểm: {case.address}.")
    days = rule_days(case.kind, case.urgency, Stage.ANSWER)
    deadline = f" trước ngày {case.answer_due_on:%d/%m/%Y}" if case.answer_due_on else ""
    doc.paragraph(
        f"Căn cứ chức năng, nhiệm vụ, Ban Thường trực Ủy ban MTTQ Việt Nam "
        f"{unit.name[:1].lower()}{unit.name[1:]} chuyển nội dung trên đến "
        f"{agency.name if agency else 'cơ quan có thẩm quyền'} để xem xét, giải quyết theo thẩm quyền và trả lời "
        f"bằng văn bản{deadline} ({days} ngày làm việc), đồng thời gửi kết quả về Ban Thường trực Ủy ban MTTQ "
        f"Việt Nam {unit.short_name} để thông báo cho công dân. Mã theo dõi: {case.display_code}."
    )
    doc.signature_block([("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "")])
    doc.recipients(["Như trên;", "Lưu: VT."])
    return doc


def voters_report(session: CouncilSession, cases: list[Case]) -> AdminDocument:
    """The Front's report of voters' recommendations to a session, grouped by field and by body."""
    unit = session.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_body(unit),
        number="      /BC-MTTQ-BTT",
        place=unit.short_name,
        date=today(),
        title="BÁO CÁO",
        subtitle=f"Tổng hợp ý kiến, kiến nghị của cử tri gửi tới {session.name}",
        padded_date=True,
    )
    voters = sum(max(c.submitters.count(), 1) for c in cases)
    meetings = {c.meeting_id for c in cases if c.meeting_id}
    doc.paragraph(
        f"Qua {len(meetings)} hội nghị tiếp xúc cử tri, Ban Thường trực Ủy ban MTTQ Việt Nam "
        f"{unit.name[:1].lower()}{unit.name[1:]} tổng hợp {len(cases)} ý kiến, kiến nghị "
        f"(do {voters} lượt cử tri nêu), gửi tới {session.name} như sau:"
    )
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[case.field.name if case.field else "Lĩnh vực khác"].append(case)
    roman = [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
        "XV",
        "XVI",
    ]
    for index, (field, items) in enumerate(sorted(groups.items())):
        doc.heading(f"{roman[index] if index < len(roman) else index + 1}. {field.upper()}")
        rows: list[list[str | int | None]] = []
        for n, case in enumerate(sorted(items, key=lambda c: (c.agency.name if c.agency else "", c.pk)), 1):
            answer = (
                f"Đã trả lời ngày {case.answered_on:%d/%m/%Y}"
                if case.answered_on
                else ("Đã gộp" if case.status == Status.MERGED else "Chưa trả lời")
            )
            rows.append(
                [
                    str(n),
                    case.summary,
                    max(case.submitters.count(), 1),
                    case.agency.name if case.agency else "Mặt trận",
                    answer,
                ]
            )
        doc.table(["STT", "Nội dung kiến nghị", "Số cử tri", "Cơ quan giải quyết", "Tình hình trả lời"], rows)
    doc.signature_block([("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "")])
    doc.recipients([f"Thường trực {session.get_body_display()};", "Lưu: VT."])
    return doc
