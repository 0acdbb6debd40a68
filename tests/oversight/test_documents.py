"""The supervision documents in the Decree 30/2020 layout, read from the DOCX XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from mattran.oversight import actions, documents
from tests.conftest import SYSTEM

from . import helpers as h

pytestmark = pytest.mark.django_db


def _xml(doc, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(doc.to_bytes())) as z:
        return z.read(part).decode()


def _text(xml: str) -> str:
    import re

    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_the_team_decision_names_the_members_and_their_organisations(tree) -> None:
    activity = h.under_way(tree.commune)
    doc = documents.team_decision(activity)
    xml = _xml(doc)
    text = _text(xml)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "QUYẾT ĐỊNH" in text and "Số: 12/QĐ-MTTQ" in text
    assert "Nguyễn Văn Trưởng" in text and "Trưởng đoàn" in text and "Hội Liên hiệp Phụ nữ xã" in text
    assert "Đoàn giám sát việc thực hiện chính sách" in text
    assert "403/2017" in text
    assert 'w:ascii="Times New Roman"' in _xml(doc, "word/styles.xml")
    assert 'w:w="11906"' in xml and 'w:h="16838"' in xml  # A4 portrait
    assert 'w:left="1701"' in xml and 'w:right="850"' in xml  # 30 mm and 15 mm margins


def test_the_plan_notice_report_and_letter_carry_their_content(tree) -> None:
    activity = h.under_way(tree.commune)
    finding = actions.do_add_finding(activity, acting_user=SYSTEM, text="Còn 12 người chưa có thẻ.")
    rec = actions.do_make_recommendation(
        activity, acting_user=SYSTEM, content="Cấp thẻ cho 12 người.", addressee="Ủy ban nhân dân xã",
        working_days=15, issued_on=dt.date(2025, 3, 17), finding=finding,
    )  # fmt: skip
    actions.do_conclude_activity(
        activity, acting_user=SYSTEM, conclusion="Cơ bản thực hiện tốt.", concluded_on=dt.date(2025, 3, 17)
    )
    activity.refresh_from_db()
    plan = _text(_xml(documents.plan_document(activity)))
    assert "KẾ HOẠCH" in plan and "I. MỤC ĐÍCH, YÊU CẦU" in plan and "Tổ chức đoàn giám sát" in plan
    notice = _text(_xml(documents.notice_document(activity)))
    assert "THÔNG BÁO" in notice and "Ủy ban nhân dân xã" in notice
    report = _text(_xml(documents.report_document(activity)))
    assert (
        "BÁO CÁO" in report and "Còn 12 người chưa có thẻ." in report and f"{rec.due_on:%d/%m/%Y}" in report
    )
    letter = _text(_xml(documents.recommendation_letter(activity, "Ủy ban nhân dân xã")))
    assert (
        "Kính gửi: Ủy ban nhân dân xã." in letter and "15 ngày làm việc" in letter and "Nơi nhận:" in letter
    )


def test_the_criticism_document_lists_the_points(tree) -> None:
    d = h.draft(tree.commune)
    text = _text(_xml(documents.criticism_document(d)))
    assert "V/v phản biện xã hội" in text and "1. Cần lấy ý kiến cử tri trước khi sáp nhập." in text
