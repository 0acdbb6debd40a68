"""The three example articles, entered through the actions: each fact is in a structured field and in the
generated news item."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings import demo
from mattran.meetings import queries as meeting_queries
from mattran.meetings.models import AgendaKind, ChangeAction, DayPart, GuestRole, MeetingKind, NewsStatus
from mattran.people import queries
from mattran.people.models import Membership

pytestmark = pytest.mark.django_db


def _news_text(meeting) -> str:
    item = meeting.news.get()
    assert item.status == NewsStatus.PUBLISHED and item.published_at is not None
    return f"{item.title}\n{item.lead}\n{item.body}"


def test_it_holds_every_fact_of_the_le_chan_conference(examples):
    m = demo.find(demo.le_chan(), dt.date(2021, 1, 7))
    assert (m.unit.name, m.kind, m.number, m.term.label) == (
        "Quận Lê Chân",
        MeetingKind.COMMITTEE,
        7,
        "khóa XVI",
    )
    assert (m.time_known, m.day_part, m.date) == (False, DayPart.MORNING, dt.date(2021, 1, 7))
    assert (m.period_start, m.period_end, m.period_label) == (
        dt.date(2020, 1, 1),
        dt.date(2020, 12, 31),
        "năm 2020",
    )
    guest = m.guests.get()
    assert (guest.person.full_name, guest.title, guest.role) == (
        "Nguyễn Thị Minh Phương",
        "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố",
        GuestRole.ATTEND,
    )
    topics = [a.title for a in m.agenda.all()]
    assert topics[:3] == [
        "Tổng kết công tác Mặt trận năm 2020",
        "Triển khai chương trình phối hợp thống nhất hành động năm 2021",
        "Ký kết Giao ước thi đua năm 2021",
    ]
    assert "5 nội dung" in m.agenda.get(kind=AgendaKind.PROGRAM).summary
    # The article names nobody relieved or added, and gives no roll call nor headcount: none is invented.
    seats = list(m.agenda.get(kind=AgendaKind.CONSULTATION).changes.all())
    assert [c.action for c in seats].count(ChangeAction.RELIEVE) == 4
    assert [c.action for c in seats].count(ChangeAction.ADD) == 5
    assert not any(c.is_named for c in seats) and {c.applied_at is not None for c in seats} == {True}
    assert not Membership.objects.filter(ended_by_meeting=m).exists()
    assert not Membership.objects.filter(started_by_meeting=m).exists()
    assert queries.committee_on(m.unit, dt.date(2021, 1, 7)).count() == 40  # the illustrative committee
    assert meeting_queries.attendance_counts(m)["present"] == 0 and m.attendees_count is None
    vote = m.votes.get()
    assert (vote.passed, vote.present, vote.votes_for, vote.as_printed) == (True, None, None, "nhất trí")

    news = _news_text(m)
    for fact in [
        "07/01/2021",
        "Sáng",
        "Ủy ban MTTQ Việt Nam quận Lê Chân",
        "Hội nghị lần thứ 7",
        "khóa XVI",
        "Nguyễn Thị Minh Phương, Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố",
        "tổng kết công tác Mặt trận năm 2020",
        "triển khai chương trình phối hợp thống nhất hành động",
        "ký kết Giao ước thi đua năm 2021",
        "5 nội dung",
        "cho thôi 4 đồng chí Ủy viên",
        "kiện toàn thay thế 5 đồng chí vào Ủy viên",
    ]:
        assert fact in news, fact
    assert "37" not in news and "100%" not in news and " giờ" not in news


def test_it_holds_every_fact_of_the_hoan_kiem_program_conference(examples):
    m = demo.find(demo._unit("district", "002"), dt.date(2019, 2, 21))
    assert (m.unit.name, m.kind, m.term, m.number) == (
        "Quận Hoàn Kiếm",
        MeetingKind.PROGRAM_SIGNING,
        None,
        None,
    )
    assert m.organiser_label == "Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm"
    assert (m.period_label, m.chair) == ("năm 2018", None)  # the article does not say who chaired
    guests = [(g.person.full_name if g.person else None, g.title or g.organisation) for g in m.guests.all()]
    assert guests == [
        *demo.HOAN_KIEM_GUESTS,
        (None, demo.HOAN_KIEM_STANDING_BOARD),
        (None, "đại diện lãnh đạo " + demo.HOAN_KIEM_ORGS),
    ]
    assert [a.kind for a in m.agenda.all()] == [AgendaKind.REPORT, AgendaKind.PROGRAM, AgendaKind.SIGNING]
    assert m.opinions.count() == 3
    assert m.opinions.filter(speaker__full_name="Bùi Hoàng Phan", gist__contains="đánh giá cao").exists()

    news = _news_text(m)
    for fact in [
        "21/02/2019",
        "Sáng",
        "Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm tổ chức hội nghị tổng kết",
        "năm 2018",
        "năm 2019",
        demo.HOAN_KIEM_ORGS,
        demo.HOAN_KIEM_STANDING_BOARD,
        "tổng kết chương trình phối hợp hoạt động năm 2018",
        "ký kết Chương trình phối hợp thực hiện công tác trọng tâm năm 2019",
        "3 ý kiến phát biểu",
        "đánh giá cao công tác phối hợp",
        "Đại hội MTTQ Việt Nam lần thứ IX",
        "Cờ đơn vị thi đua xuất sắc",
    ]:
        assert fact in news, fact
    for name, title in demo.HOAN_KIEM_GUESTS:
        assert f"{name}, {title}" in news


def test_it_holds_every_fact_of_the_five_city_cluster_conference(examples):
    m = demo.find(demo._unit("province", "31"), dt.date(2023, 12, 11))
    assert m.cluster.name == demo.CLUSTER_NAME and m.cluster.year == 2023 and m.kind == MeetingKind.CLUSTER
    assert {u.code for u in m.participants.all()} == {"01", "79", "31", "48", "92"}
    assert (m.venue, m.period_label, m.title) == (
        "Trung tâm Hội nghị thành phố",
        "năm 2023",
        demo.CLUSTER_TITLE,
    )
    roles = {g.person.full_name: (g.title, g.role) for g in m.guests.filter(person__isnull=False)}
    assert roles == {
        "Đỗ Văn Chiến": (demo.CHIEN_TITLE, GuestRole.ATTEND_AND_DIRECT),
        "Lê Tiến Châu": (demo.CHAU_TITLE, GuestRole.WELCOME_SPEECH),
        "Cao Xuân Liên": (demo.LIEN_TITLE, GuestRole.ATTEND),
        "Lê Trí Vũ": (demo.VU_TITLE, GuestRole.ATTEND),
    }
    assert m.conclusions.get().by.full_name == "Đỗ Văn Chiến"
    assert m.agenda.filter(kind=AgendaKind.AWARDS).exists()

    news = _news_text(m)
    for fact in [
        "11/12/2023",
        "Sáng",
        "tại Trung tâm Hội nghị thành phố",
        f"{demo.CLUSTER_NAME} tổ chức Hội nghị tổng kết hoạt động Cụm thi đua năm 2023",
        f"Đồng chí Đỗ Văn Chiến, {demo.CHIEN_TITLE} dự và chỉ đạo Hội nghị",
        f"Phát biểu chào mừng Hội nghị, đồng chí Lê Tiến Châu, {demo.CHAU_TITLE}",
        f"Cao Xuân Liên, {demo.LIEN_TITLE}",
        f"Lê Trí Vũ, {demo.VU_TITLE}",
        "chương trình phối hợp và hành động năm 2024",
        "bàn giao Cờ đơn vị Cụm trưởng thi đua năm 2024",
        "Phát biểu chỉ đạo Hội nghị, đồng chí Đỗ Văn Chiến",
        "chuẩn bị và tổ chức Đại hội MTTQ Việt Nam các cấp",
    ]:
        assert fact in news, fact


def test_it_loads_the_demo_only_once(examples):
    from mattran.meetings.models import Meeting
    from mattran.people import demo as people_demo

    count = Meeting.objects.count(), Membership.objects.count()
    assert people_demo.load() == [] and demo.load() == []
    assert (Meeting.objects.count(), Membership.objects.count()) == count
