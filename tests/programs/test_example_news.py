"""Each of the three published articles (../shared/examples) regenerates from its records: every fact of the
article in the generated news item, no awkward phrase, no name said over and over, dated at the event."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mattran.meetings import demo as meetings_demo
from mattran.meetings.documents import minutes_document
from mattran.meetings.models import Meeting, NewsStatus, Vote
from mattran.meetings.news import compose
from mattran.org.models import Level

pytestmark = pytest.mark.django_db

AWKWARD = [
    "đại diện lãnh đạo Ủy viên",
    "đại diện lãnh đạo UVTV",
    "đại diện lãnh đạo Phó",
    "None",
    "  ",
    " ,",
    "..",
]


def _item_text(meeting: Meeting) -> tuple[str, str]:
    item = meeting.news.get()
    assert item.status == NewsStatus.PUBLISHED
    return item.title, f"{item.lead}\n{item.body}"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


def _assert_reads_well(text: str) -> None:
    for phrase in AWKWARD:
        assert phrase not in text, phrase
    for s in _sentences(text):
        assert s.count("Ủy ban MTTQ Việt Nam thành phố") <= 2, s


def _assert_dated_at_the_event(client, meeting: Meeting) -> None:
    item = meeting.news.get()
    page = client.get(reverse("meetings:public_news_item", args=[item.pk])).content.decode()
    assert f"{meeting.date:%d/%m/%Y}" in page
    assert f"{timezone.localdate():%d/%m/%Y}" not in page
    listing = client.get(reverse("meetings:public_news", args=[meeting.unit_id])).content.decode()
    assert f"{meeting.date:%d/%m/%Y}" in listing


def test_it_regenerates_the_le_chan_article(examples, client):
    meeting = meetings_demo.find(meetings_demo.le_chan(), dt.date(2021, 1, 7))
    title, text = _item_text(meeting)
    assert title.startswith("Ủy ban MTTQ Việt Nam quận Lê Chân: Tổng kết công tác Mặt trận năm 2020")
    for fact in [
        "Sáng ngày 07/01/2021",
        "Ủy ban MTTQ Việt Nam quận Lê Chân tổ chức Hội nghị lần thứ 7 – Ủy ban MTTQ Việt Nam quận khóa XVI",
        "tổng kết công tác Mặt trận năm 2020",
        "triển khai chương trình phối hợp thống nhất hành động",
        "ký kết Giao ước thi đua năm 2021",
        "Tới dự có đồng chí Nguyễn Thị Minh Phương, Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố.",
        "phòng, chống dịch Covid-19",
        "“Đền ơn đáp nghĩa”",
        "“Vì người nghèo”",
        "chưa được coi trọng đúng mức",
        "gồm 5 nội dung",
        "tăng cường đoàn kết quốc tế, mở rộng hoạt động đối ngoại nhân dân",
        "cho thôi 4 đồng chí Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI",
        "hiệp thương kiện toàn thay thế 5 đồng chí vào Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI",
    ]:
        assert fact in text, fact
    assert text.count("Ủy ban MTTQ Việt Nam quận Lê Chân") == 1  # then "Ủy ban MTTQ Việt Nam quận"
    _assert_reads_well(text)
    _assert_dated_at_the_event(client, meeting)

    # Where the record does not know the hour or the headcount, the item and the minutes do not state one.
    meeting.time_known, meeting.day_part = False, ""  # neither the hour nor the part of the day known
    Vote.objects.filter(meeting=meeting).update(present=None, votes_for=None)
    draft = compose(meeting)
    assert draft.lead.startswith("Ngày 07/01/2021, Ủy ban MTTQ Việt Nam quận Lê Chân")
    assert "Sáng" not in draft.lead and "37/37" not in draft.body and "None" not in draft.body
    assert "cho thôi 4 đồng chí Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI" in draft.body
    minutes = [p.text for p in minutes_document(meeting).document.paragraphs]
    assert "Thời gian: ngày 07/01/2021." in minutes
    vote_rows = [
        [c.text for c in row.cells] for t in minutes_document(meeting).document.tables for row in t.rows
    ]
    assert any(row[1:3] == ["không rõ", "không rõ"] for row in vote_rows)


def test_it_regenerates_the_hoan_kiem_article(examples, client):
    meeting = meetings_demo.find(meetings_demo._unit(Level.DISTRICT, "002"), dt.date(2019, 2, 21))
    title, text = _item_text(meeting)
    assert title.startswith(
        "Quận Hoàn Kiếm tổng kết chương trình phối hợp hoạt động năm 2018 và triển khai chương trình phối hợp "
        "hoạt động giữa"
    )
    for fact in [
        "Sáng ngày 21/02/2019, Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm tổ chức hội nghị tổng kết "
        "chương trình phối hợp hoạt động năm 2018",
        "Dự Hội nghị có các đồng chí: Bùi Hoàng Phan, Phó Bí thư Thường trực Quận ủy; Nguyễn Quốc Hoàn, UVTV, "
        "Trưởng ban Dân vận Quận ủy; Lê Hồng Phú, UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận; Ban Thường trực Ủy ban "
        "MTTQ Việt Nam quận; đại diện lãnh đạo "
        "Liên đoàn lao động, Hội Cựu chiến binh, Hội Liên hiệp phụ nữ, Quận Đoàn, Thanh tra quận.",
        "Tại Hội nghị có 3 ý kiến phát biểu.",
        "đều nhất trí với đánh giá kết quả đạt được công tác phối hợp năm 2018 và dự thảo chương trình phối hợp "
        "hoạt động năm 2019",
        "đồng chí Bùi Hoàng Phan, Phó Bí thư Thường trực Quận ủy đánh giá cao công tác phối hợp",
        "đồng chí Lê Hồng Phú, UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận cảm ơn ý kiến phát biểu",
        "Đại hội MTTQ Việt Nam lần thứ IX, nhiệm kỳ 2019-2024",
        "“Người Việt Nam ưu tiên dùng hàng Việt Nam”",
        "“Cờ đơn vị thi đua xuất sắc” năm 2018",
        "cần cụ thể hóa các nội dung trong chương trình phối hợp",
        "Tại Hội nghị, đại diện lãnh đạo MTTQ và các đơn vị ký kết Chương trình phối hợp thực hiện công tác "
        "trọng tâm năm 2019.",
        "các bên ký kết: Ban Thường trực Ủy ban MTTQ Việt Nam quận, LĐLĐ, Hội CCB, Hội LHPN, Quận Đoàn và "
        "Thanh tra quận.",
    ]:
        assert fact in text, fact
    # The chair is among the guests: named once, with the title as written.
    assert text.count("Lê Hồng Phú, UVTV, Chủ tịch") == 1 and "chủ trì Hội nghị" not in text
    # The place is said in full in the lead (and in the report as written), not in every party's name.
    assert text.count("quận Hoàn Kiếm") <= 2
    _assert_reads_well(text)
    _assert_dated_at_the_event(client, meeting)


def test_it_regenerates_the_five_city_cluster_article(examples, client):
    meeting = meetings_demo.find(meetings_demo._unit(Level.PROVINCE, "31"), dt.date(2023, 12, 11))
    _title, text = _item_text(meeting)
    for fact in [
        "Sáng ngày 11/12/2023, tại Trung tâm Hội nghị thành phố, Cụm thi đua Mặt trận 05 thành phố trực thuộc "
        "Trung ương tổ chức Hội nghị tổng kết hoạt động Cụm thi đua năm 2023.",
        f"Đồng chí Đỗ Văn Chiến, {meetings_demo.CHIEN_TITLE} dự và chỉ đạo Hội nghị.",
        f"Lê Tiến Châu, {meetings_demo.CHAU_TITLE}",
        "Cao Xuân Liên, Chủ tịch Ủy ban MTTQ Việt Nam thành phố",
        "Lê Trí Vũ, Trưởng Ban Dân vận Thành ủy",
        "lãnh đạo các Ban và Văn phòng Ủy ban Trung ương MTTQ Việt Nam",
        "Tại Hội nghị có 3 ý kiến phát biểu.",
        f"Phát biểu chào mừng Hội nghị, đồng chí Lê Tiến Châu, {meetings_demo.CHAU_TITLE}",
        "Đồng chí Cao Xuân Liên, Chủ tịch Ủy ban MTTQ Việt Nam thành phố phát biểu tại Hội nghị.",
        "Phát biểu chỉ đạo Hội nghị, đồng chí Đỗ Văn Chiến",
        "Đề án đổi mới công tác thông tin tuyên truyền",
        "cùng thống nhất chương trình phối hợp và hành động năm 2024",
        "chuẩn bị và tổ chức Đại hội MTTQ Việt Nam các cấp",
        "Đồng chí Cao Xuân Liên, Chủ tịch Ủy ban MTTQ Việt Nam thành phố Hải Phòng bàn giao Cờ đơn vị Cụm "
        "trưởng thi đua năm 2024 cho đồng chí Nguyễn Trung Nhân, Chủ tịch Ủy ban MTTQ Việt Nam thành phố Cần Thơ.",
        "đề nghị Ủy ban Trung ương MTTQ Việt Nam tặng Cờ thi đua cho Ủy ban MTTQ Việt Nam thành phố Hà Nội và "
        "Hồ Chí Minh; Bằng khen cho Ủy ban MTTQ Việt Nam thành phố Hải Phòng, Đà Nẵng và Cần Thơ.",
    ]:
        assert fact in text, fact
    # Agreed, not signed, as the article says; the cluster named in full once, then "Cụm thi đua".
    assert "đã ký kết" not in text
    assert text.count("Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương") == 1
    _assert_reads_well(text)
    _assert_dated_at_the_event(client, meeting)
