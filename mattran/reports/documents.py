"""The 6-month (sơ kết) and year-end (tổng kết) report of a unit as DOCX, in the Decree 30/2020 layout."""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Emu, Mm

from mattran.core.documents import TEXT_WIDTH, AdminDocument, SignatureBlock, in_vietnamese
from mattran.core.text import format_date_vi
from mattran.org.models import Unit
from mattran.org.queries import ancestors

from . import periods as P
from . import queries
from .models import Indicator, ReportForm, ReviewReport

HEADLINE = ["HO-NGHEO-HO-TRO", "NHA-DDK-XAY", "NHA-DDK-SUA", "QUA-SUAT", "QUA-GIA-TRI", "GS-CUOC"]
COMPUTED_MARK = " (*)"
COMPUTED_NOTE = (
    "(*) Số liệu do hệ thống tự động tổng hợp từ sổ quỹ, khoản thu, khoản chi, hội nghị và danh sách ủy viên "
    "(hoặc tính từ hai chỉ tiêu khác); các chỉ tiêu còn lại do các đơn vị nhập."
)


@dataclass
class Figures:
    form: ReportForm | None
    own: list[tuple[str, str, str]]  # (indicator name, measure, value)
    headline: list[Indicator]
    children: list[tuple[str, list[str]]]
    computed: bool = False  # some figures are computed, marked COMPUTED_MARK and explained by COMPUTED_NOTE


def _name(ind: Indicator) -> str:
    return ind.name + (COMPUTED_MARK if not ind.is_entered else "")


def _form(report: ReviewReport | None) -> ReportForm | None:
    if report is not None and report.form_id:
        return report.form
    return ReportForm.objects.filter(code="BM-THANG").first()


def figures(unit: Unit, period: P.Period, report: ReviewReport | None) -> Figures:
    """The unit's roll-up for the period and its children's headline figures."""
    form = _form(report)
    if form is None:
        return Figures(None, [], [], [])
    inds = queries.form_indicators(form)
    col = queries.Column.of(period)
    # The units of the time: a district of 2020 lists its communes of 2020 (reports.queries.children_for).
    kids = (
        list(queries.children_for(unit, period.start, period.end).order_by("search_name"))
        if not unit.is_residential
        else []
    )
    headline = [i for i in inds if i.code in HEADLINE]
    result = queries.rollup(inds, [unit.pk, *[k.pk for k in kids]], [col])
    own = [
        (_name(i), i.get_measure_display(), i.format(result.get(unit.pk, i.pk, col.key)) or "–") for i in inds
    ]
    rows = [(k.name, [i.format(result.get(k.pk, i.pk, col.key)) or "–" for i in headline]) for k in kids]
    return Figures(form, own, headline, rows, computed=any(not i.is_entered for i in inds))


def default_texts(unit: Unit, period: P.Period) -> dict[str, str]:
    """Starting paragraphs for a new report, to be rewritten by the cadre."""
    what = "6 tháng đầu năm" if period.kind == P.HALF and period.start.month == 1 else (
        "6 tháng cuối năm" if period.kind == P.HALF else "năm"
    )  # fmt: skip
    return {
        "results": (
            f"Trong {what} {period.start.year}, {unit.committee_name} đã bám sát chương trình công tác, "
            "phối hợp chặt chẽ với các tổ chức thành viên triển khai các nhiệm vụ trọng tâm; "
            "kết quả cụ thể như các bảng số liệu dưới đây."
        ),
        "shortcomings": "",
        "tasks": "",
    }


def _issuing_lines(unit: Unit) -> list[str]:
    chain = [a for a in ancestors(unit) if a.level.code != "central"]
    upper = f"ỦY BAN MTTQ VIỆT NAM {chain[-1].name.upper()}" if chain else "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM"
    if unit.kind == "trung_uong":
        return ["ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM", "BAN THƯỜNG TRỰC"]
    return [
        upper if chain else "ỦY BAN MTTQ VIỆT NAM",
        f"ỦY BAN MTTQ VIỆT NAM {unit.name.upper()}",
        "BAN THƯỜNG TRỰC",
    ]


def _paragraphs(doc: AdminDocument, text: str) -> None:
    for para in (text or "").split("\n"):
        if para.strip():
            doc.paragraph(para.strip())


@in_vietnamese
def review_document(unit: Unit, period: P.Period, report: ReviewReport | None) -> AdminDocument:
    """Lay out the report (DOCX or PDF): header, number, place and date, title, sections I–III with figures, signature."""
    from django.utils import timezone

    texts = default_texts(unit, period)
    date = (report.date if report and report.date else None) or timezone.localdate()
    number = (report.number if report and report.number else "    ") + "/BC-MTTQ-BTT"
    place = (report.place if report and report.place else "") or unit.short_name
    if period.kind == P.HALF:
        title = "BÁO CÁO"
        subtitle = f"Sơ kết công tác Mặt trận {period.label.lower()} và phương hướng, nhiệm vụ {'6 tháng cuối năm' if period.start.month == 1 else 'năm ' + str(period.start.year + 1)}"
    else:
        title = "BÁO CÁO"
        subtitle = f"Tổng kết công tác Mặt trận năm {period.start.year} và phương hướng, nhiệm vụ năm {period.start.year + 1}"
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit), number=number, place=place, date=date, title=title,
        subtitle=subtitle,
    )  # fmt: skip
    figs = figures(unit, period, report)
    doc.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    _paragraphs(doc, report.results if report and report.results else texts["results"])
    if figs.own:
        doc.paragraph(f"Số liệu tổng hợp {period.label.lower()} (gồm các đơn vị trực thuộc):", italic=True)
        doc.table(
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
            [[str(n), name, measure, value] for n, (name, measure, value) in enumerate(figs.own, start=1)],
            widths=[Mm(10), Mm(105), Mm(25), Mm(25)],
        )
        if figs.computed:
            doc.paragraph(COMPUTED_NOTE, italic=True)
    if figs.children and figs.headline:
        doc.paragraph("Kết quả của các đơn vị trực thuộc:", italic=True)
        first = Mm(45)
        rest = Emu((TEXT_WIDTH - first) // len(figs.headline))
        doc.table(
            ["Đơn vị"] + [f"{_name(i)} ({i.get_measure_display()})" for i in figs.headline],
            [[name, *values] for name, values in figs.children],
            widths=[first, *[rest] * len(figs.headline)],
        )
    doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _paragraphs(doc, report.shortcomings if report else "")
    doc.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    _paragraphs(doc, report.tasks if report else "")
    doc.signature_block(
        [SignatureBlock("TM. BAN THƯỜNG TRỰC", report.signer_title if report else "CHỦ TỊCH",
                        report.signer_name if report else "")]
    )  # fmt: skip
    parent = unit.parent
    doc.recipients(
        [
            f"Ban Thường trực {parent.committee_name}" if parent else "Đoàn Chủ tịch",
            "Các tổ chức thành viên",
            "Lưu VT",
        ]
    )
    return doc


def date_line(unit: Unit, report: ReviewReport | None) -> str:
    from django.utils import timezone

    date = (report.date if report and report.date else None) or timezone.localdate()
    return f"{(report.place if report and report.place else unit.short_name)}, {format_date_vi(date)}"
