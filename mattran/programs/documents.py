"""DOCX in the Decree 30/2020 layout: the signed program, the emulation agreement, the cluster's year-end summary."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from mattran.core.documents import AdminDocument, SignatureBlock, in_vietnamese
from mattran.org.models import EmulationCluster, Unit

from . import queries
from .models import Agreement, AwardProposal, Program

SIGNERS_PER_ROW = 3


def _issuing_lines(unit: Unit, board: str = "BAN THƯỜNG TRỰC") -> list[str]:
    if unit.kind == "trung_uong":
        return ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM", board]
    return ["ỦY BAN MTTQ VIỆT NAM", unit.name.upper(), board]


def _cluster_lines(cluster: EmulationCluster) -> list[str]:
    return [cluster.get_kind_display().upper(), cluster.name.upper().removeprefix("CỤM THI ĐUA ").strip()]


def _place(unit: Unit) -> str:
    return unit.short_name or unit.name


def _signatures(doc: AdminDocument, blocks: Sequence[SignatureBlock]) -> None:
    for i in range(0, len(blocks), SIGNERS_PER_ROW):
        doc.signature_block(blocks[i : i + SIGNERS_PER_ROW])


@in_vietnamese
def program_document(program: Program) -> AdminDocument:
    """The program with its contents, tasks and the signature block of every party."""
    day = program.signed_on or timezone.localdate()
    lines = _cluster_lines(program.cluster) if program.cluster is not None else _issuing_lines(program.unit)
    doc = AdminDocument(
        issuing_body_lines=lines,
        number=program.number or "      /CTPH-MTTQ",
        place=_place(program.unit),
        date=day,
        title="CHƯƠNG TRÌNH PHỐI HỢP",
        subtitle=program.title,
    )
    parties = list(program.participants.all())
    doc.paragraph("Các bên tham gia chương trình: " + "; ".join(p.name for p in parties) + ".")
    meeting = program.signed_at
    if meeting is not None:
        doc.paragraph(f"Ký kết tại {meeting.heading}, ngày {meeting.date:%d/%m/%Y}.", italic=True)
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
            )
    doc.paragraph(
        "Các bên có trách nhiệm cụ thể hóa các nội dung của Chương trình để triển khai thực hiện; sơ kết 6 tháng, "
        "tổng kết năm đánh giá kết quả phối hợp."
    )
    blocks = []
    for party in parties:
        signer = getattr(party, "signatory", None)
        authority = (signer.authority if signer and signer.authority else "TM.") + "\n" + party.label
        blocks.append(
            SignatureBlock(
                authority.replace("\n", " "),
                signer.title if signer else "",
                signer.person.full_name if signer and signer.person_id else "",
            )
        )
    _signatures(doc, blocks)
    return doc


@in_vietnamese
def agreement_document(agreement: Agreement) -> AdminDocument:
    """The agreement's criteria with maximum scores and evidence, signed by every party."""
    day = agreement.signed_on or timezone.localdate()
    cluster = agreement.cluster
    lines = _cluster_lines(cluster) if cluster is not None else _issuing_lines(agreement.unit)
    doc = AdminDocument(
        issuing_body_lines=lines,
        number="      /GƯTĐ",
        place=_place(agreement.unit),
        date=day,
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
    )
    doc.paragraph(
        "Cách chấm điểm: đơn vị tự chấm có minh chứng; "
        + agreement.get_assessment_mode_display().lower()
        + ". Các đơn vị có tổng điểm bằng nhau đồng hạng."
    )
    _signatures(doc, [SignatureBlock("TM. Ban Thường trực", u.committee_name, "") for u in parties])
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
    )


@in_vietnamese
def cluster_summary_document(cluster: EmulationCluster) -> AdminDocument:
    """The cluster's year-end summary: members and leadership, each agreement's ranking, the award proposals."""
    doc = AdminDocument(
        issuing_body_lines=_cluster_lines(cluster),
        number="      /BC-CTĐ",
        place=_place(cluster.leader or cluster.organiser),
        date=timezone.localdate(),
        title="BÁO CÁO",
        subtitle=f"Tổng kết hoạt động {cluster.name} năm {cluster.year}",
    )
    _members_section(doc, cluster)
    _rankings_section(doc, cluster)
    _proposals_section(doc, cluster)
    doc.signature_block([SignatureBlock("TM. Cụm thi đua", "Cụm trưởng", "")])
    doc.recipients(["Các đơn vị trong Cụm", f"{cluster.organiser.committee_name}", "Lưu Cụm"])
    return doc
