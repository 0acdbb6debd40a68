"""The minutes, programs and cluster summary of the three example meetings, read back from the DOCX XML and
the rendered PDF: Decree 30 dates, header, number line, numbered sections, closing and signatures."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from mattran.meetings import demo as meetings_demo
from mattran.meetings.documents import VOTE_WIDTHS, minutes_document
from mattran.org.models import EmulationCluster, Level
from mattran.programs import demo
from mattran.programs.documents import TASK_WIDTHS, cluster_summary_document, program_document
from mattran.programs.models import Program
from tests.core.pdfboxes import on_one_line, page_image, phrase_boxes
from tests.core.pdftext import pdf_flat

pytestmark = pytest.mark.django_db

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _docx(doc) -> docx.document.Document:
    return docx.Document(io.BytesIO(doc.to_bytes()))


def _paragraphs(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _sections(document: docx.document.Document) -> list[str]:
    return [m.group(1) for text in _paragraphs(document) if (m := re.match(r"^([IVX]+)\. ", text))]


def _place_date(document: docx.document.Document) -> str:
    return document.tables[0].rows[0].cells[1].paragraphs[-1].text


def _signature_texts(document: docx.document.Document) -> list[list[str]]:
    return [[p.text for p in cell.paragraphs if p.text] for cell in document.tables[-1].rows[0].cells]


def _meetings():
    le_chan = meetings_demo.find(meetings_demo.le_chan(), dt.date(2021, 1, 7))
    hoan_kiem = meetings_demo.find(meetings_demo._unit(Level.DISTRICT, "002"), dt.date(2019, 2, 21))
    cluster = meetings_demo.find(meetings_demo._unit(Level.PROVINCE, "31"), dt.date(2023, 12, 11))
    return le_chan, hoan_kiem, cluster


def test_it_writes_the_examples_minutes_with_numbered_sections_a_closing_and_named_signers(examples):
    le_chan, hoan_kiem, cluster = _meetings()
    for meeting in (le_chan, hoan_kiem, cluster):
        doc = minutes_document(meeting)
        document = _docx(doc)
        sections = _sections(document)
        assert sections == ROMAN[: len(sections)] and len(sections) >= 4, sections
        texts = _paragraphs(document)
        assert "Hội nghị kết thúc vào hồi …… giờ …… cùng ngày." in texts  # no end time recorded: a blank
        assert any(t.startswith("Biên bản đã được thông qua") for t in texts)
        assert document.tables[0].rows[0].cells[0].paragraphs[-1].text.startswith("Số:\u00a0\u00a0")
        pdf = doc.to_pdf()
        flat = pdf_flat(pdf)
        assert f"ngày {meeting.date:%d} tháng {meeting.date.month:02d}"[:16] in flat or "tháng 12" in flat
        assert "Biên bản đã được thông qua" in flat and "THƯ KÝ" in flat and "CHỦ TRÌ" in flat
        assert "VIỆT NAM" in flat and "ỦY BAN MTTQ VIỆT\nNAM" not in flat

    # Lê Chân: the date with its leading zeros, the vote table's widths set and its subject readable.
    doc = minutes_document(le_chan)
    document = _docx(doc)
    assert _place_date(document) == "Lê Chân, ngày 07 tháng 01 năm 2021"
    vote_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nội dung")
    grid = [int(c.get(qn("w:w"))) for c in vote_table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [w.twips for w in VOTE_WIDTHS]
    assert on_one_line(phrase_boxes(doc.to_pdf(), "Cho thôi 4 đồng chí", page=1))

    # Hoàn Kiếm: the article names no chair, so the minutes name none (Lê Hồng Phú is among those present,
    # once) and leave the chair's signature to be signed by hand.
    document = _docx(minutes_document(hoan_kiem))
    texts = _paragraphs(document)
    assert not any(t.startswith("Chủ trì: đồng chí") for t in texts)
    guests = texts[texts.index("Đại biểu dự:") + 1 : texts.index("III. NỘI DUNG")]
    assert sum("Lê Hồng Phú" in t for t in guests) == 1
    secretary, chair = _signature_texts(document)
    assert secretary == ["THƯ KÝ"]  # the article names no secretary: left to sign by hand
    assert chair == ["CHỦ TRÌ"]

    # The cluster: its award proposals and the flag handover are in the minutes, under the central
    # committee's name and the cluster's, never split inside a name.
    doc = minutes_document(cluster)
    document = _docx(doc)
    texts = _paragraphs(document)
    assert any(t.endswith("BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG") for t in texts)
    assert any("Cờ thi đua của Ủy ban Trung ương MTTQ Việt Nam" in t and "Hà Nội" in t for t in texts)
    assert any("bàn giao Cờ đơn vị Cụm trưởng thi đua năm 2024" in t and "Cần Thơ" in t for t in texts)
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header[:2] == ["ỦY BAN TRUNG ƯƠNG", "MTTQ VIỆT NAM"]
    assert " ".join(header[2:-1]) == "CỤM THI ĐUA MẶT TRẬN 05 THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    assert _place_date(document) == "Hải Phòng, ngày 11 tháng 12 năm 2023"
    image = page_image(doc.to_pdf())
    assert image.getbbox() is not None and image.getextrema()[0] < 64  # a page with real ink on it


def test_it_dates_and_signs_the_examples_programs_and_the_cluster_summary_where_they_happened(examples):
    hoan_kiem = meetings_demo._unit(Level.DISTRICT, "002")
    p2018 = Program.objects.get(unit=hoan_kiem, year=2018)
    p2019 = Program.objects.get(unit=hoan_kiem, year=2019)

    # 2018: signed on a day the article does not give: the day and month left to write by hand.
    assert _place_date(_docx(program_document(p2018))) == "Hoàn Kiếm, ngày …… tháng …… năm 2018"

    doc = program_document(p2019)
    document = _docx(doc)
    assert _place_date(document) == "Hoàn Kiếm, ngày 21 tháng 02 năm 2019"
    signatures = [
        [p.text for p in cell.paragraphs if p.text]
        for table in document.tables[1:]
        for cell in table.rows[0].cells
    ]
    assert ["TM. THANH TRA QUẬN", "ĐẠI DIỆN LÃNH ĐẠO THANH TRA QUẬN"] in signatures
    assert ["TM. BAN THƯỜNG TRỰC", "ỦY BAN MTTQ VIỆT NAM QUẬN", "CHỦ TỊCH", "Lê Hồng Phú"] in signatures
    assert ["TM. BAN THƯỜNG VỤ", "LĐLĐ", "ĐẠI DIỆN LÃNH ĐẠO"] in signatures
    tasks = next(t for t in document.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    grid = [int(c.get(qn("w:w"))) for c in tasks._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [w.twips for w in TASK_WIDTHS]
    pdf = doc.to_pdf()
    flat = pdf_flat(pdf)
    assert "THANH TRA QUẬN THANH TRA QUẬN" not in flat and "TM. THANH TRA QUẬN" in flat
    assert any(t.startswith("Ký kết tại hội nghị tổng kết") for t in _paragraphs(document))
    # The due date stays inside its column: "31/12/2019" on one line, left of the table's right edge.
    due = phrase_boxes(pdf, "31/12/2019")
    assert on_one_line(due) and max(box[2] for box in due) < (210 - 15) * 72 / 25.4

    # The cluster's 2024 program: agreed at the conference in Hải Phòng, not where next year's leader sits.
    cluster_2024 = EmulationCluster.objects.get(name=demo.CLUSTER_NAME, year=2024)
    program = Program.objects.get(cluster=cluster_2024)
    assert program.unit.short_name == "Cần Thơ"
    doc = program_document(program)
    assert _place_date(_docx(doc)) == "Hải Phòng, ngày 11 tháng 12 năm 2023"
    assert any(t.startswith("Thống nhất tại Hội nghị tổng kết") for t in _paragraphs(_docx(doc)))
    assert "Hải Phòng, ngày 11 tháng 12 năm 2023" in pdf_flat(doc.to_pdf())

    # The 2023 year-end summary: dated at the year-end conference, not the day it is printed.
    cluster_2023 = EmulationCluster.objects.get(name=demo.CLUSTER_NAME, year=2023)
    doc = cluster_summary_document(cluster_2023)
    document = _docx(doc)
    assert _place_date(document) == "Hải Phòng, ngày 11 tháng 12 năm 2023"
    assert _signature_texts(document)[-1] == ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG", "Cao Xuân Liên"]
