"""The 6-month (sơ kết) and year-end (tổng kết) report of a unit as DOCX, in the Decree 30/2020 layout."""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Emu, Mm

from mattran.core.documents import BLANK, TEXT_WIDTH, AdminDocument, in_vietnamese, on_behalf
from mattran.core.text import format_date_vi
from mattran.org.models import Unit

from . import periods as P
from . import queries
from .models import Indicator, ReportForm, ReviewReport

HEADLINE = ["HO-NGHEO-HO-TRO", "NHA-DDK-XAY", "NHA-DDK-SUA", "QUA-SUAT", "QUA-GIA-TRI", "GS-CUOC"]
COMPUTED_MARK = " (*)"
NO_FIGURE = "–"
NO_FIGURE_NOTE = "(–) Đơn vị chưa nhập số liệu của chỉ tiêu trong kỳ."
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
    unfilled: int = 0  # indicators of the form without a value in the period (left out of the table)


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
        list(queries.children_for(unit, period.start, period.end).order_by("sort_name"))
        if not unit.is_residential
        else []
    )
    result = queries.rollup(inds, [unit.pk, *[k.pk for k in kids]], [col])
    # Only the indicators with a value print a row: a form's unfilled indicators are not rows of "–".
    own = [
        (_name(i), i.get_measure_display(), text)
        for i in inds
        if (text := i.format(result.get(unit.pk, i.pk, col.key)))
    ]
    filled = {
        i.pk
        for i in inds
        if any(result.get(g, i.pk, col.key) is not None for g in [unit.pk, *[k.pk for k in kids]])
    }
    headline = [i for i in inds if i.code in HEADLINE and i.pk in filled]
    rows = [
        (k.name, [i.format(result.get(k.pk, i.pk, col.key)) or NO_FIGURE for i in headline]) for k in kids
    ]
    return Figures(
        form, own, headline, rows, computed=any(not i.is_entered for i in inds if i.pk in filled),
        unfilled=len(inds) - len(own),
    )  # fmt: skip


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
    """The committee as the parent body, its standing board as the issuer (the Front's practice)."""
    return [unit.committee_name, "Ban Thường trực"]


def subtitle(period: P.Period) -> str:
    """ "Sơ kết công tác Mặt trận 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024"."""
    year = period.start.year
    if period.kind == P.HALF:
        following = f"6 tháng cuối năm {year}" if period.start.month == 1 else f"năm {year + 1}"
        return f"Sơ kết công tác Mặt trận {period.label.lower()} và phương hướng, nhiệm vụ {following}"
    return f"Tổng kết công tác Mặt trận năm {year} và phương hướng, nhiệm vụ năm {year + 1}"


def _paragraphs(doc: AdminDocument, text: str) -> None:
    for para in (text or "").split("\n"):
        if para.strip():
            doc.paragraph(para.strip())


@in_vietnamese
def review_document(unit: Unit, period: P.Period, report: ReviewReport | None) -> AdminDocument:
    """Lay out the report (DOCX or PDF): header, number, place and date, title, sections I–III with figures, signature."""
    texts = default_texts(unit, period)
    # The date it is signed, or blanks to write by hand: never the day it happens to be printed.
    date = report.date if report and report.date else None
    number = (report.number if report and report.number else "") + "/BC-MTTQ-BTT"
    place = (report.place if report and report.place else "") or unit.short_name
    doc = AdminDocument(
        issuing_body_lines=_issuing_lines(unit), parent_lines=1, number=number, place=place, date=date,
        title="BÁO CÁO", subtitle=subtitle(period),
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
        if figs.unfilled:
            doc.paragraph(
                f"Các chỉ tiêu khác của biểu mẫu ({figs.unfilled}) chưa có số liệu trong kỳ.", italic=True
            )
    if figs.children and figs.headline:
        doc.paragraph("Kết quả của các đơn vị trực thuộc:", italic=True)
        first = Mm(45)
        rest = Emu((TEXT_WIDTH - first) // len(figs.headline))
        doc.table(
            ["Đơn vị"] + [f"{_name(i)} ({i.get_measure_display()})" for i in figs.headline],
            [[name, *values] for name, values in figs.children],
            widths=[first, *[rest] * len(figs.headline)],
        )
        if any(NO_FIGURE in values for _name, values in figs.children):
            doc.paragraph(NO_FIGURE_NOTE, italic=True)
    doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _paragraphs(doc, report.shortcomings if report else "")
    doc.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    _paragraphs(doc, report.tasks if report else "")
    doc.signature_block(
        [on_behalf("Ban Thường trực", report.signer_title if report else "Chủ tịch",
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
    """The place-and-date line as the document prints it (blanks until the report has its date)."""
    place = report.place if report and report.place else unit.short_name
    if report and report.date:
        return f"{place}, {format_date_vi(report.date, padded=True)}"
    return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
