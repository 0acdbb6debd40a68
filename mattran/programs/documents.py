"""DOCX in the Decree 30/2020 layout: the signed program, the emulation agreement, the cluster's year-end summary."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Mm

from mattran.core.documents import AdminDocument, SignatureBlock, in_vietnamese
from mattran.meetings.models import AgendaKind, Meeting, MeetingKind
from mattran.meetings.news import place_word
from mattran.org.models import EmulationCluster, Unit

from . import queries
from .models import Agreement, AwardProposal, LeadershipHandover, ParticipantKind, Program, ProgramParticipant

SIGNERS_PER_ROW = 3
# Column widths (165 mm of text): the text columns get the room, so no cell wraps into a dozen lines.
TASK_WIDTHS = [Mm(12), Mm(72), Mm(30), Mm(24), Mm(27)]
CRITERIA_WIDTHS = [Mm(12), Mm(93), Mm(20), Mm(40)]
RANKING_WIDTHS = [Mm(28), Mm(87), Mm(25), Mm(25)]
PROPOSAL_WIDTHS = [Mm(10), Mm(30), Mm(55), Mm(35), Mm(35)]


def _issuing_lines(unit: Unit, board: str = "Ban Thường trực") -> list[str]:
    """The committee as the parent body, its standing board as the issuer."""
    return [unit.committee_name, board]


def _cluster_lines(cluster: EmulationCluster) -> list[str]:
    """The body that runs the cluster as the parent, the cluster as the issuer."""
    return [cluster.organiser.committee_name, cluster.name]


def _place(unit: Unit) -> str:
    return unit.short_name or unit.name


def _signed_place(unit: Unit, meeting: Meeting | None) -> str:
    """Where a program or agreement was signed: the place of its meeting, else its unit's."""
    return _place(meeting.unit) if meeting is not None else _place(unit)


def _party_line(party: ProgramParticipant) -> str:
    """The party under the authority line: the Front as "Ủy ban MTTQ Việt Nam quận", others by their label."""
    if party.kind == ParticipantKind.FRONT and party.program.unit_id is not None:
        unit = party.program.unit
        word = place_word(unit)
        return f"Ủy ban MTTQ Việt Nam {word}" if word else unit.committee_name
    if party.kind == ParticipantKind.UNIT and party.unit is not None:
        return party.unit.committee_name
    return party.label


def _party_signer(party: ProgramParticipant) -> SignatureBlock:
    """A party's signature: "TM. Ban Thường vụ" over the party's name (said once), the title and the name."""
    signer = getattr(party, "signatory", None)
    authority = (signer.authority if signer is not None and signer.authority else "TM.").strip()
    line = _party_line(party)
    if line.lower() not in authority.lower() and party.name.lower() not in authority.lower():
        authority = f"{authority} {line}" if authority.upper() in ("TM.", "KT.") else f"{authority}\n{line}"
    return SignatureBlock(
        authority,
        signer.title if signer is not None else "",
        signer.person.full_name if signer is not None and signer.person_id else "",
    )


def _signatures(doc: AdminDocument, blocks: Sequence[SignatureBlock]) -> None:
    for i in range(0, len(blocks), SIGNERS_PER_ROW):
        doc.signature_block(blocks[i : i + SIGNERS_PER_ROW])


@in_vietnamese
def program_document(program: Program) -> AdminDocument:
    """The program with its contents, tasks and the signature block of every party."""
    meeting = program.signed_at
    day = program.signed_on or (meeting.date if meeting is not None else None)
    lines = _cluster_lines(program.cluster) if program.cluster is not None else _issuing_lines(program.unit)
    doc = AdminDocument(
        issuing_body_lines=lines,
        parent_lines=1,
        number=program.number or "/CTPH-MTTQ",
        place=_signed_place(program.unit, meeting),
        date=day,
        year=program.year,
        title="CHƯƠNG TRÌNH PHỐI HỢP",
        subtitle=program.title,
    )
    parties = list(program.participants.all())
    doc.paragraph("Các bên tham gia chương trình: " + "; ".join(p.name for p in parties) + ".")
    if meeting is not None:
        where = f" tại {meeting.venue}" if meeting.venue else ""
        # Signed where the agenda has a signing, agreed (thống nhất) otherwise, as the record has it.
        how = "Ký kết" if meeting.agenda.filter(kind=AgendaKind.SIGNING).exists() else "Thống nhất"
        doc.paragraph(f"{how} tại {meeting.heading}{where}, ngày {meeting.date:%d/%m/%Y}.", italic=True)
    for content in program.contents.all():
        doc.heading(f"{content.number}. {content.title}", level=2)
        if content.description:
            doc.paragraph(content.description)
        tasks = list(content.tasks.all())
        if tasks:
            doc.table(
                ["TT", "Nhiệm vụ", "Chủ trì", "Chỉ tiêu", "Thời hạn"],
                [
                    [
                        f"{content.number}.{i}",
                        t.title,
                        t.responsible.label,
                        t.target or (str(t.target_value) if t.target_value is not None else ""),
                        t.due_on.strftime("%d/%m/%Y") if t.due_on else "",
                    ]
                    for i, t in enumerate(tasks, start=1)
                ],
                widths=TASK_WIDTHS,
            )
    doc.paragraph(
        "Các bên có trách nhiệm cụ thể hóa các nội dung của Chương trình để triển khai thực hiện; sơ kết 6 tháng, "
        "tổng kết năm đánh giá kết quả phối hợp."
    )
    _signatures(doc, [_party_signer(party) for party in parties])
    return doc


@in_vietnamese
def agreement_document(agreement: Agreement) -> AdminDocument:
    """The agreement's criteria with maximum scores and evidence, signed by every party."""
    meeting = agreement.signed_at
    day = agreement.signed_on or (meeting.date if meeting is not None else None)
    cluster = agreement.cluster
    lines = _cluster_lines(cluster) if cluster is not None else _issuing_lines(agreement.unit)
    doc = AdminDocument(
        issuing_body_lines=lines,
        parent_lines=1,
        number="/GƯTĐ",
        place=_signed_place(agreement.unit, meeting),
        date=day,
        year=agreement.year,
        title="GIAO ƯỚC THI ĐUA",
        subtitle=agreement.title,
    )
    parties = [p.unit for p in agreement.parties.all()]
    doc.paragraph(
        f"Thực hiện phong trào thi đua năm {agreement.year}, {len(parties)} đơn vị ký kết Giao ước thi đua "
        "với các nội dung sau:"
    )
    criteria = list(agreement.criteria.all())
    doc.table(
        ["TT", "Nội dung thi đua", "Điểm tối đa", "Minh chứng"],
        [[c.number, c.content, f"{c.max_score:g}", c.evidence_required] for c in criteria],
        total_row=["", "Tổng cộng", f"{agreement.max_total:g}", ""],
        widths=CRITERIA_WIDTHS,
    )
    doc.paragraph(
        "Cách chấm điểm: đơn vị tự chấm có minh chứng; "
        + agreement.get_assessment_mode_display().lower()
        + ". Các đơn vị có tổng điểm bằng nhau đồng hạng."
    )
    # Each party's committee under the authority line; the signer's title and name are written by hand.
    _signatures(doc, [SignatureBlock(f"TM. Ban Thường trực\n{u.committee_name}", "", "") for u in parties])
    return doc


def _members_section(doc: AdminDocument, cluster: EmulationCluster) -> None:
    members = list(cluster.members.order_by("name"))
    doc.heading("I. THÀNH VIÊN VÀ TỔ CHỨC CỦA CỤM", level=1)
    doc.paragraph(f"Cụm gồm {len(members)} đơn vị: " + ", ".join(u.committee_name for u in members) + ".")
    if cluster.leader is not None:
        doc.paragraph(f"Cụm trưởng năm {cluster.year}: {cluster.leader.committee_name}.")
    if cluster.deputy is not None:
        doc.paragraph(f"Cụm phó năm {cluster.year}: {cluster.deputy.committee_name}.")
    handover = getattr(cluster, "handover_out", None)
    if handover is not None:
        giver = cluster.leader.committee_name if cluster.leader is not None else ""
        doc.paragraph(
            f"Ngày {handover.handed_on:%d/%m/%Y}, {giver} "
            f"bàn giao Cờ đơn vị Cụm trưởng năm {handover.to_cluster.year} cho {handover.to_unit.committee_name}."
        )


def _rankings_section(doc: AdminDocument, cluster: EmulationCluster) -> None:
    doc.heading("II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", level=1)
    agreements = [queries.agreement_with_scores(a.pk) for a in cluster.agreements.all()]
    if not agreements:
        doc.paragraph("Cụm không có giao ước thi đua chấm điểm trong năm.")
    for agreement in agreements:
        doc.heading(agreement.title, level=2)
        doc.table(
            ["Hạng", "Đơn vị", "Tự chấm", "Cụm chấm"],
            [
                [
                    f"{r.rank}{' (đồng hạng)' if r.shared else ''}",
                    r.unit.committee_name,
                    f"{r.self_total:g}",
                    f"{r.total:g}",
                ]
                for r in queries.ranking(agreement)
            ],
            widths=RANKING_WIDTHS,
        )


def _proposals_section(doc: AdminDocument, cluster: EmulationCluster) -> None:
    doc.heading("III. ĐỀ NGHỊ KHEN THƯỞNG", level=1)
    proposals = list(
        AwardProposal.objects.filter(cluster=cluster)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    if not proposals:
        doc.paragraph("Chưa có đề nghị khen thưởng.")
        return
    doc.table(
        ["TT", "Hình thức", "Đơn vị, cá nhân", "Cấp khen thưởng", "Quyết định"],
        [
            [
                i,
                p.award_kind.name,
                p.recipient_name,
                p.awarding_body,
                f"{p.decision_number} ngày {p.decision_date:%d/%m/%Y}" if p.decision_date else "",
            ]
            for i, p in enumerate(proposals, start=1)
        ],
        widths=PROPOSAL_WIDTHS,
    )


def _year_end_meeting(cluster: EmulationCluster) -> Meeting | None:
    """The cluster's year-end conference (its last meeting of the year), where the summary is adopted."""
    return (
        Meeting.objects.filter(cluster=cluster, kind=MeetingKind.CLUSTER)
        .select_related("unit")
        .order_by("-starts_at")
        .first()
    )


@in_vietnamese
def cluster_summary_document(cluster: EmulationCluster) -> AdminDocument:
    """The cluster's year-end summary: members and leadership, each agreement's ranking, the award proposals."""
    meeting = _year_end_meeting(cluster)
    handover = getattr(cluster, "handover_out", None)
    day = meeting.date if meeting is not None else (handover.handed_on if handover is not None else None)
    doc = AdminDocument(
        issuing_body_lines=_cluster_lines(cluster),
        parent_lines=1,
        number="/BC-CTĐ",
        place=_place(meeting.unit if meeting is not None else (cluster.leader or cluster.organiser)),
        date=day,
        year=cluster.year,
        title="BÁO CÁO",
        subtitle=f"Tổng kết hoạt động {cluster.name} năm {cluster.year}",
    )
    _members_section(doc, cluster)
    _rankings_section(doc, cluster)
    _proposals_section(doc, cluster)
    signer = handover.handed_by if handover is not None else None
    doc.signature_block(
        [SignatureBlock("TM. Cụm thi đua", "Cụm trưởng", signer.full_name if signer is not None else "")]
    )
    doc.recipients(["Các đơn vị trong Cụm", f"{cluster.organiser.committee_name}", "Lưu Cụm"])
    return doc


def _recipients(proposals: list[AwardProposal]) -> list[str]:
    """One line per award kind and awarding body: "Cờ thi đua của …: A; B"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for p in proposals:
        groups.setdefault((p.award_kind.name, p.awarding_body), []).append(p.recipient_name)
    return [f"- {kind} của {body}: {'; '.join(names)}." for (kind, body), names in groups.items()]


def minutes_awards_section(meeting: Meeting) -> tuple[str, list[str]] | None:
    """The award proposals made at a meeting, for its minutes."""
    proposals = list(
        AwardProposal.objects.filter(meeting=meeting)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    if not proposals:
        return None
    return "BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG", ["Hội nghị đã bình xét, đề nghị:", *_recipients(proposals)]


def minutes_programs_section(meeting: Meeting) -> tuple[str, list[str]] | None:
    """The programs and agreements agreed or signed at a meeting, for its minutes."""
    lines = []
    for program in Program.objects.filter(signed_at=meeting).prefetch_related("participants"):
        parties = "; ".join(p.name for p in program.participants.all())
        lines.append(f"- {program.title} (các bên: {parties}).")
    for agreement in Agreement.objects.filter(signed_at=meeting).prefetch_related("parties"):
        lines.append(f"- {agreement.title} ({agreement.parties.count()} đơn vị ký).")
    if not lines:
        return None
    return "CHƯƠNG TRÌNH PHỐI HỢP, GIAO ƯỚC THI ĐUA", lines


def minutes_handover_section(meeting: Meeting) -> tuple[str, list[str]] | None:
    """The leader's flag handed over at a meeting, for its minutes."""
    handovers = list(
        LeadershipHandover.objects.filter(meeting=meeting).select_related(
            "from_unit", "to_unit", "handed_by", "received_by", "to_cluster"
        )
    )
    if not handovers:
        return None
    lines = []
    for h in handovers:
        giver = h.from_unit.committee_name if h.from_unit is not None else "Cụm trưởng"
        if h.handed_by is not None:
            giver += (
                f" (đồng chí {h.handed_by.full_name}{', ' + h.handed_by_title if h.handed_by_title else ''})"
            )
        taker = h.to_unit.committee_name
        if h.received_by is not None:
            taker += f" (đồng chí {h.received_by.full_name}{', ' + h.received_by_title if h.received_by_title else ''})"
        lines.append(f"{giver} bàn giao Cờ đơn vị Cụm trưởng thi đua năm {h.to_cluster.year} cho {taker}.")
    return "BÀN GIAO CỤM TRƯỞNG", lines


def register() -> None:
    """Add the programs' sections to the meeting minutes."""
    from mattran.meetings import documents

    for section in (minutes_programs_section, minutes_awards_section, minutes_handover_section):
        documents.register_section(section)
