"""The sơ kết / tổng kết report as the Front prints it: the subtitle with its years, the figure tables filled
for the unit and its units (no rows of "–"), blanks for a date not yet set; read from the DOCX and the PDF."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from mattran.reports import periods as P
from mattran.reports.documents import NO_FIGURE_NOTE, review_document
from tests.core.pdftext import pdf_flat

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db

H1_2024 = P.Period(P.HALF, dt.date(2024, 1, 1))


def _reopen(doc) -> docx.document.Document:
    return docx.Document(io.BytesIO(doc.to_bytes()))


def test_it_fills_the_districts_six_month_tables_for_it_and_its_communes(tree, people, catalogue):
    enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    doc = review_document(tree.district, H1_2024, None)
    document = _reopen(doc)
    texts = [p.text for p in document.paragraphs]
    expected = "Sơ kết công tác Mặt trận 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024"
    assert expected in texts

    header = [p for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert [p.text for p in header[:3]] == ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN MỘT", "BAN THƯỜNG TRỰC"]
    assert not any(r.bold for p in header[:2] for r in p.runs) and all(r.bold for r in header[2].runs)
    assert header[3].text.startswith("Số:\u00a0") and header[3].text.endswith("/BC-MTTQ-BTT")
    # No date saved yet: blanks to write by hand, not the day it is printed.
    assert document.tables[0].rows[0].cells[1].paragraphs[-1].text == "Một, ngày …… tháng …… năm ……"

    own = document.tables[1]
    rows = [[c.text for c in row.cells] for row in own.rows[1:]]
    assert rows and all(row[3] and row[3] != "–" for row in rows)  # every printed indicator has its value
    kids = document.tables[2]
    by_unit = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in kids.rows[1:]}
    assert set(by_unit) == {"Xã An", "Xã Bình"}
    assert all(value not in ("", "–") for value in by_unit["Xã An"])
    assert set(by_unit["Xã Bình"]) == {"–"} and NO_FIGURE_NOTE in texts  # entered nothing: said so

    flat = pdf_flat(doc.to_pdf())
    assert expected in flat and "Xã An" in flat and "ngày …… tháng …… năm ……" in flat


def test_it_keeps_the_years_in_the_second_half_and_year_end_subtitles(tree, catalogue):
    second = review_document(tree.commune, P.Period(P.HALF, dt.date(2024, 7, 1)), None)
    year = review_document(tree.commune, P.Period(P.YEAR, dt.date(2024, 1, 1)), None)
    assert "Sơ kết công tác Mặt trận 6 tháng cuối năm 2024 và phương hướng, nhiệm vụ năm 2025" in [
        p.text for p in _reopen(second).paragraphs
    ]
    assert "Tổng kết công tác Mặt trận năm 2024 và phương hướng, nhiệm vụ năm 2025" in [
        p.text for p in _reopen(year).paragraphs
    ]
