"""PDF of an administrative document, drawn by WeasyPrint from the same blocks as its DOCX.

The page follows Decree 30/2020/NĐ-CP as the DOCX does (A4, margins 20/15/20/30 mm, Times New Roman —
Liberation Serif on Debian, metric-compatible — body 14 pt, header 13 pt, page numbers centred at the top
from the second page). WeasyPrint needs Pango; without it ``render_pdf`` raises ``PdfUnavailable`` and the
views answer with a clear message instead of a broken file.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docx.shared import Mm

from .documents import (
    BODY_SIZE,
    HEADER_LEFT_WIDTH,
    HEADER_RIGHT_WIDTH,
    HEADER_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO,
    NATIONAL_NAME,
    RECIPIENTS_HEADING,
    RECIPIENTS_HEADING_SIZE,
    RECIPIENTS_SIZE,
    TABLE_SIZE,
    Block,
    PdfUnavailable,
    _is_official_letter_summary,
    _text_width,
    signature_lines,
)

if TYPE_CHECKING:
    from .documents import AdminDocument

FONT_STACK = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'

CSS = f"""
@page {{
  size: A4 portrait;
  margin: {MARGIN_TOP.mm:.1f}mm {MARGIN_RIGHT.mm:.1f}mm {MARGIN_BOTTOM.mm:.1f}mm {MARGIN_LEFT.mm:.1f}mm;
  @top-center {{ content: counter(page); font-family: {FONT_STACK}; font-size: {HEADER_SIZE.pt:g}pt;
                 vertical-align: bottom; padding-bottom: 4mm; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: {FONT_STACK}; font-size: {BODY_SIZE.pt:g}pt; line-height: 1.15; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 6pt 0 0 0; }}
.tight {{ margin: 0; line-height: 1.0; }}
.rule {{ border-bottom: 0.75pt solid #000; margin: 3pt auto 6pt auto; height: 0; }}
table {{ border-collapse: collapse; }}
table.header {{ width: 100%; }}
table.header td {{ vertical-align: top; text-align: center; padding: 0 1.9mm; }}
table.header .body {{ font-size: {HEADER_SIZE.pt:g}pt; white-space: nowrap; }}
table.header .national {{ font-size: {HEADER_SIZE.pt:g}pt; font-weight: bold; white-space: nowrap; }}
table.header .letter-summary {{ font-size: 12pt; margin-top: 6pt; }}
h1.title {{ font-size: {BODY_SIZE.pt:g}pt; text-align: center; margin: 18pt 0 6pt 0; break-after: avoid; }}
h1.title.with-summary {{ margin-bottom: 0; }}
p.summary {{ font-weight: bold; text-align: center; margin: 0; break-after: avoid; }}
.heading {{ text-align: justify; text-indent: 10mm; break-after: avoid; }}
.paragraph {{ white-space: pre-line; }}
table.data {{ width: 100%; font-size: {TABLE_SIZE.pt:g}pt; margin-top: 6pt; table-layout: fixed; }}
table.data th, table.data td {{ border: 0.5pt solid #000; padding: 2pt 1.9mm; line-height: 1.0;
                                 white-space: pre-line; }}
table.data th {{ text-align: center; vertical-align: middle; }}
table.data thead {{ display: table-header-group; }}
table.data tr {{ break-inside: avoid; }}
table.data td.number {{ text-align: right; }}
table.data tr.total td {{ font-weight: bold; }}
table.signatures {{ width: 100%; margin-top: 0; break-inside: avoid; break-before: avoid; }}
table.signatures td {{ vertical-align: top; text-align: center; font-weight: bold; padding: 0 1.9mm; }}
table.signatures td.recipients {{ text-align: left; font-weight: normal; }}
.signer-name {{ margin-top: 72pt; }}
.recipients-heading {{ font-size: {RECIPIENTS_HEADING_SIZE.pt:g}pt; font-weight: bold; font-style: italic;
                       margin-top: 12pt; text-align: left; }}
.recipients-line {{ font-size: {RECIPIENTS_SIZE.pt:g}pt; margin: 0; line-height: 1.0; text-align: left; }}
"""

_TEXT_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "justify"}


def _rule(width_mm: float) -> str:
    return f'<div class="rule" style="width:{width_mm:.1f}mm"></div>'


def _header(doc: AdminDocument) -> str:
    left: list[str] = []
    for index, line in enumerate(doc.issuing_body_lines):
        weight = "bold" if index >= doc.parent_lines else "normal"
        left.append(
            f'<p class="tight body" style="font-weight:{weight};font-size:{doc.header_size.pt:g}pt">'
            f"{escape(line.upper())}</p>"
        )
    left.append(_rule(doc.issuing_rule_width / Mm(1)))
    left.append(f'<p class="tight body">{escape(doc.number)}</p>')
    if doc.subtitle and _is_official_letter_summary(doc.subtitle):
        left.append(f'<p class="tight letter-summary">{escape(doc.subtitle.strip())}</p>')
    right = [
        f'<p class="tight national">{NATIONAL_NAME}</p>',
        f'<p class="tight" style="font-weight:bold">{MOTTO}</p>',
        _rule(_text_width(MOTTO, BODY_SIZE, bold=True).mm),
        f'<p class="tight" style="font-style:italic">{escape(doc.place_date)}</p>',
    ]
    return (
        '<table class="header"><tr>'
        f'<td style="width:{HEADER_LEFT_WIDTH.mm:.1f}mm">{"".join(left)}</td>'
        f'<td style="width:{HEADER_RIGHT_WIDTH.mm:.1f}mm">{"".join(right)}</td>'
        "</tr></table>"
    )


def _title(doc: AdminDocument) -> str:
    if not doc.title.strip():
        return ""
    summary = doc.subtitle and not _is_official_letter_summary(doc.subtitle)
    parts = [
        f'<h1 class="title{" with-summary" if summary else ""}">{escape(doc.title.strip().upper())}</h1>'
    ]
    if summary:
        assert doc.subtitle is not None
        parts.append(f'<p class="summary">{escape(doc.subtitle.strip())}</p>')
        width = max(Mm(20), int(_text_width(doc.subtitle, BODY_SIZE, bold=True) * 0.4))
        parts.append(_rule(width / Mm(1)))
    return "".join(parts)


def _heading(data: dict) -> str:
    level = data["level"]
    style = "font-weight:bold;" if level <= 3 else ""
    style += "font-style:italic;" if level >= 3 else ""
    return f'<p class="heading" style="{style}">{escape(data["text"])}</p>'


def _paragraph(data: dict) -> str:
    style = f"text-align:{_TEXT_ALIGN[data['align']]};text-indent:{data['indent']:.1f}mm;"
    if data["bold"]:
        style += "font-weight:bold;"
    if data["italic"]:
        style += "font-style:italic;"
    return f'<p class="paragraph" style="{style}">{escape(data["text"])}</p>'


def _cells(values: list[tuple[str, bool]]) -> str:
    return "".join(
        f'<td class="{"number" if numeric else "text"}">{escape(text)}</td>' for text, numeric in values
    )


def _table(data: dict) -> str:
    cols = "".join(f'<col style="width:{width:.1f}mm">' for width in data["widths"])
    head = "".join(f"<th>{escape(text)}</th>" for text in data["headers"])
    rows = "".join(f"<tr>{_cells(row)}</tr>" for row in data["rows"])
    if data["total"] is not None:
        rows += f'<tr class="total">{_cells(data["total"])}</tr>'
    return f'<table class="data"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _recipients(lines: list[str]) -> str:
    items = "".join(f'<p class="recipients-line">{escape(line)}</p>' for line in lines)
    return f'<p class="recipients-heading">{RECIPIENTS_HEADING}</p>{items}'


def _signatures(data: dict) -> str:
    signers = data["signers"]
    cells = []
    for signer in signers:
        lines = signature_lines(signer)
        head = "".join(
            f'<p class="tight" style="margin-top:{12 if index == 0 else 0}pt">{escape(line)}</p>'
            for index, line in enumerate(lines)
        )
        cells.append(f'<td>{head}<p class="tight signer-name">{escape(signer.name.strip())}</p></td>')
    if len(signers) == 1:
        left = _recipients(data["recipients"]) if data["recipients"] is not None else ""
        cells.insert(0, f'<td class="recipients" style="width:45%">{left}</td>')
    return f'<table class="signatures"><tr>{"".join(cells)}</tr></table>'


_RENDER = {
    "heading": _heading,
    "paragraph": _paragraph,
    "table": _table,
    "signatures": _signatures,
    "recipients": lambda data: _recipients(data["lines"]),
}


def render_html(doc: AdminDocument) -> str:
    """Return the document as a standalone HTML page for print."""
    body = "".join(_RENDER[block.kind](block.data) for block in doc.blocks if isinstance(block, Block))
    title = escape(doc.title or doc.subtitle or "")
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{CSS}</style></head><body>{_header(doc)}{_title(doc)}{body}</body></html>"
    )


def render_pdf(doc: AdminDocument) -> bytes:
    """Draw the document as PDF with WeasyPrint."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango's shared libraries are missing
        raise PdfUnavailable(
            "Máy chủ chưa cài bộ tạo PDF (WeasyPrint và thư viện Pango); hãy tải bản DOCX "
            "hoặc nhờ quản trị cài gói libpango-1.0-0, fonts-liberation2."
        ) from exc
    author = doc.issuing_body_names[-1]
    html = HTML(string=render_html(doc))
    document = html.render()
    document.metadata.authors = [author]
    document.metadata.title = doc.title or doc.subtitle or ""
    return document.write_pdf()
