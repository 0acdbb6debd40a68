"""DOCX/PDF of a supervision and a social criticism in the Decree 30/2020 layout (core.documents): the decision
establishing the team, the plan, the notice, the report of results, the recommendation letter, and the
criticism document. Persons under supervision appear by name and post only (no private field)."""

from __future__ import annotations

from django.utils import timezone
from docx.shared import Mm

from mattran.core.documents import AdminDocument, SignatureBlock, in_vietnamese
from mattran.core.text import format_date_vi
from mattran.org.models import Unit

from .models import CriticismDraft, Recommendation, SubjectKind, SupervisionActivity, TeamRole

BOARD = "BAN THƯỜNG TRỰC"
SIGNER = SignatureBlock("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "")


def _issuing_lines(unit: Unit) -> list[str]:
    if unit.kind == "trung_uong":
        return ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM", BOARD]
    return ["ỦY BAN MTTQ VIỆT NAM", unit.name.upper(), BOARD]


def _place(unit: Unit) -> str:
    return unit.short_name or unit.name


def _number(value: str, suffix: str) -> str:
    return value or f"      /{suffix}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _bodies(activity: SupervisionActivity) -> str:
    return "; ".join(s.name for s in activity.subjects.filter(kind=SubjectKind.BODY)) or "(chưa xác định)"


@in_vietnamese
def team_decision(activity: SupervisionActivity) -> AdminDocument:
    """Quyết định thành lập đoàn giám sát: the legal basis, the team with each member's organisation, its task."""
    unit = activity.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number=_number(activity.decision_number, "QĐ-MTTQ"),
        place=_place(unit),
        date=activity.decision_on or timezone.localdate(),
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc thành lập Đoàn giám sát {activity.title[:1].lower()}{activity.title[1:]}",
    )
    doc.paragraph(
        f"BAN THƯỜNG TRỰC {unit.committee_name.upper()}", bold=True, align="center", first_line_indent=None
    )
    doc.paragraph("Căn cứ Luật Mặt trận Tổ quốc Việt Nam năm 2015;", italic=True)
    doc.paragraph(
        "Căn cứ Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN ngày 15/6/2017 quy định chi "
        "tiết các hình thức giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam;",
        italic=True,
    )
    programme = activity.programme
    if programme.adopted_at_id:
        doc.paragraph(
            f"Căn cứ {programme.title} đã được thông qua ngày {programme.adopted_on:%d/%m/%Y};"
            if programme.adopted_on
            else f"Căn cứ {programme.title};",
            italic=True,
        )
    doc.paragraph("QUYẾT ĐỊNH:", bold=True, align="center", first_line_indent=None)
    doc.paragraph(
        f"Điều 1. Thành lập Đoàn giám sát {_lower_first(activity.title)}, gồm các ông (bà) có tên sau:"
    )
    order = {TeamRole.HEAD: 0, TeamRole.DEPUTY: 1, TeamRole.MEMBER: 2, TeamRole.SECRETARY: 3}
    members = sorted(
        activity.team.select_related("member_org"), key=lambda m: (order[TeamRole(m.role)], m.pk)
    )
    doc.table(
        ["TT", "Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ"],
        [[i, m.name, ", ".join(x for x in (m.title, m.member_org.name if m.member_org else "") if x),
          m.get_role_display()] for i, m in enumerate(members, start=1)],
        widths=[Mm(12), Mm(50), Mm(72), Mm(31)],
    )  # fmt: skip
    doc.paragraph(
        f"Điều 2. Đoàn giám sát có nhiệm vụ giám sát {_bodies(activity)} theo Kế hoạch giám sát; kết thúc "
        "giám sát, Đoàn báo cáo kết quả và đề xuất kiến nghị với Ban Thường trực. Đoàn tự giải thể sau khi "
        "hoàn thành nhiệm vụ."
    )
    doc.paragraph("Điều 3. Các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")
    doc.signature_block([SIGNER])
    doc.recipients(["- Như Điều 3;", f"- {_bodies(activity)};", "- Lưu VT."])
    return doc


@in_vietnamese
def plan_document(activity: SupervisionActivity) -> AdminDocument:
    """Kế hoạch giám sát: purpose and requirements, subjects, content and method, schedule, the team."""
    unit = activity.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number=_number(activity.plan_number, "KH-MTTQ"),
        place=_place(unit),
        date=activity.plan_on or timezone.localdate(),
        title="KẾ HOẠCH",
        subtitle=f"Giám sát {activity.title[:1].lower()}{activity.title[1:]}",
    )
    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    for line in activity.plan_purpose.splitlines() or [""]:
        doc.paragraph(line)
    doc.heading("II. ĐỐI TƯỢNG, HÌNH THỨC GIÁM SÁT")
    doc.paragraph(f"1. Đối tượng giám sát: {_bodies(activity)}.")
    doc.paragraph(f"2. Hình thức giám sát: {activity.get_form_display()}.")
    doc.heading("III. NỘI DUNG, PHƯƠNG PHÁP VÀ TIẾN ĐỘ")
    for line in activity.plan_content.splitlines() or [""]:
        doc.paragraph(line)
    if activity.planned_start and activity.planned_end:
        doc.paragraph(
            f"Thời gian: từ ngày {activity.planned_start:%d/%m/%Y} đến ngày {activity.planned_end:%d/%m/%Y}."
        )
    doc.heading("IV. TỔ CHỨC THỰC HIỆN")
    orgs = ", ".join(o.name for o in activity.participants.all())
    doc.paragraph(
        "Ban Thường trực chủ trì" + (f", phối hợp với {orgs}" if orgs else "") + " thực hiện Kế hoạch này; "
        "đề nghị đối tượng giám sát chuẩn bị báo cáo và bố trí làm việc với Đoàn giám sát."
    )
    doc.signature_block([SIGNER])
    doc.recipients([f"- {_bodies(activity)};", "- Các thành viên Đoàn giám sát;", "- Lưu VT."])
    return doc


@in_vietnamese
def notice_document(activity: SupervisionActivity) -> AdminDocument:
    """Thông báo to the supervised body: the plan's content and the first working session."""
    unit = activity.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number="      /TB-MTTQ",
        place=_place(unit),
        date=activity.notice_on or timezone.localdate(),
        title="THÔNG BÁO",
        subtitle=f"Về việc giám sát {activity.title[:1].lower()}{activity.title[1:]}",
    )
    doc.paragraph(
        f"Thực hiện Kế hoạch giám sát số {activity.plan_number or '...'}, Ban Thường trực {unit.committee_name} "
        f"thông báo tới {_bodies(activity)} về việc giám sát {activity.title}."
    )
    if activity.planned_start:
        doc.paragraph(f"Thời gian dự kiến: từ ngày {activity.planned_start:%d/%m/%Y}.")
    doc.paragraph(
        "Đề nghị cơ quan, đơn vị được giám sát chuẩn bị báo cáo theo nội dung giám sát và cung cấp tài liệu liên quan."
    )
    doc.signature_block([SIGNER])
    doc.recipients([f"- {_bodies(activity)};", "- Lưu VT."])
    return doc


@in_vietnamese
def report_document(activity: SupervisionActivity) -> AdminDocument:
    """Báo cáo kết quả giám sát: what was done, the findings, the conclusion and the recommendations."""
    unit = activity.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number=_number(activity.report_number, "BC-MTTQ"),
        place=_place(unit),
        date=activity.concluded_on or timezone.localdate(),
        title="BÁO CÁO",
        subtitle=f"Kết quả giám sát {activity.title[:1].lower()}{activity.title[1:]}",
    )
    doc.heading("I. KHÁI QUÁT HOẠT ĐỘNG GIÁM SÁT")
    sessions = list(activity.sessions.all())
    doc.paragraph(
        f"Hình thức: {activity.get_form_display()}. Đối tượng giám sát: {_bodies(activity)}. "
        + (
            f"Đoàn giám sát thành lập theo Quyết định số {activity.decision_number}. "
            if activity.decision_number
            else ""
        )
        + f"Số buổi làm việc: {len(sessions)}."
    )
    for s in sessions:
        doc.paragraph(
            f"- {_upper_first(format_date_vi(s.held_on))}"
            + (f" tại {s.place}" if s.place else "")
            + (f": {s.notes}" if s.notes else ".")
        )
    doc.heading("II. KẾT QUẢ GIÁM SÁT")
    findings = list(activity.findings.all())
    good = [f for f in findings if not f.is_shortcoming]
    bad = [f for f in findings if f.is_shortcoming]
    doc.heading("1. Ưu điểm", level=2)
    for f in good or []:
        doc.paragraph(f"- {f.text}")
    doc.heading("2. Hạn chế, thiếu sót", level=2)
    for f in bad or []:
        doc.paragraph(f"- {f.text}")
    doc.heading("III. KẾT LUẬN")
    for line in activity.conclusion.splitlines() or [""]:
        doc.paragraph(line)
    recs = list(activity.recommendations.all())
    if recs:
        doc.heading("IV. KIẾN NGHỊ")
        doc.table(
            ["TT", "Nội dung kiến nghị", "Cơ quan trả lời", "Hạn trả lời"],
            [[i, r.content, r.addressee, f"{r.due_on:%d/%m/%Y}"] for i, r in enumerate(recs, start=1)],
            widths=[Mm(12), Mm(83), Mm(45), Mm(25)],
        )
    doc.signature_block([SIGNER])
    doc.recipients(["- Ban Thường trực cấp trên;", f"- {_bodies(activity)};", "- Lưu VT."])
    return doc


@in_vietnamese
def recommendation_letter(activity: SupervisionActivity, addressee: str) -> AdminDocument:
    """Văn bản kiến nghị to one body: the recommendations addressed to it and the deadline to answer."""
    unit = activity.unit
    recs: list[Recommendation] = list(activity.recommendations.filter(addressee=addressee))
    issued = min((r.issued_on for r in recs), default=timezone.localdate())
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number="      /MTTQ-BTT",
        place=_place(unit),
        date=issued,
        title="",
        subtitle=f"V/v kiến nghị sau giám sát {activity.title[:1].lower()}{activity.title[1:]}",
    )
    doc.paragraph(f"Kính gửi: {addressee}.", align="center", first_line_indent=None)
    doc.paragraph(
        f"{_upper_first(format_date_vi(activity.concluded_on or issued))}, Ban Thường trực {unit.committee_name} đã tổ chức giám sát "
        f"{_lower_first(activity.title)}. Căn cứ kết quả giám sát, Ban Thường trực kiến nghị:"
    )
    for i, r in enumerate(recs, start=1):
        doc.paragraph(f"{i}. {r.content}")
    if recs:
        due = max(r.due_on for r in recs)
        days = max(r.working_days for r in recs)
        doc.paragraph(
            f"Đề nghị {addressee} xem xét, trả lời bằng văn bản trong thời hạn {days} ngày làm việc "
            f"(trước ngày {due:%d/%m/%Y}) theo quy định của Luật Mặt trận Tổ quốc Việt Nam năm 2015."
        )
    doc.signature_block([SIGNER])
    doc.recipients(["- Như trên;", "- Lưu VT."])
    return doc


@in_vietnamese
def criticism_document(draft: CriticismDraft) -> AdminDocument:
    """Văn bản phản biện xã hội: the draft, the form and participants, and the numbered points."""
    unit = draft.unit
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit),
        number=_number(draft.document_number, "PBXH-MTTQ"),
        place=_place(unit),
        date=draft.sent_on or timezone.localdate(),
        title="",
        subtitle=f"V/v phản biện xã hội đối với {draft.title[:1].lower()}{draft.title[1:]}",
    )
    doc.paragraph(f"Kính gửi: {draft.drafting_body}.", align="center", first_line_indent=None)
    participants = list(draft.participants.all())
    experts = sum(1 for p in participants if p.is_expert)
    doc.paragraph(
        f"{_upper_first(format_date_vi(draft.received_on))}, Ban Thường trực {unit.committee_name} nhận được {draft.title}. "
        f"Thực hiện Nghị quyết liên tịch số 403/2017, Ban Thường trực đã tổ chức phản biện theo hình thức "
        f"{draft.get_form_display().lower()}, với {len(participants)} người tham gia, trong đó {experts} chuyên gia, "
        "nhà khoa học. Ban Thường trực có ý kiến phản biện như sau:"
    )
    for p in draft.points.all():
        doc.paragraph(f"{p.number}. {p.content}")
    doc.paragraph(
        f"Đề nghị {draft.drafting_body} nghiên cứu, tiếp thu và có văn bản giải trình đối với các ý kiến phản biện "
        "không được tiếp thu."
    )
    doc.signature_block([SIGNER])
    doc.recipients(["- Như trên;", "- Lưu VT."])
    return doc
