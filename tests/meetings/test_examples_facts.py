"""Every fact of the three published examples (../shared/examples) in a structured field of the demo records,
and where an article is silent, the record says "not known" instead of a made-up value.

Each row: (article, the fact as the article gives it, how to read it from the records, the value expected).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from mattran.meetings import demo
from mattran.meetings.models import (
    AgendaKind,
    ChangeAction,
    ConclusionKind,
    DayPart,
    GuestRole,
    Meeting,
    MeetingKind,
)
from mattran.org.divisions import ensure_central
from mattran.org.models import EmulationCluster, Level, Unit
from mattran.people import demo as people_demo
from mattran.programs import demo as programs_demo
from mattran.programs.models import (
    Agreement,
    AwardProposal,
    LeadershipHandover,
    PeerVote,
    Program,
    ReviewPeriod,
)
from tests.programs.conftest import _orgs

pytestmark = pytest.mark.django_db

LE_CHAN, HOAN_KIEM, CLUSTER = "le-chan-2021-01-07", "hoan-kiem-2019-02-21", "cum-thi-dua-2023-12-11"


@dataclass
class Records:
    le_chan: Meeting
    hoan_kiem: Meeting
    cluster: Meeting


@pytest.fixture
def records(real_units) -> Records:
    """The org records the articles need (as the org demo makes them), then the people, meetings and
    programs demos."""
    from mattran.org import actions as org_actions
    from tests.conftest import SYSTEM

    _orgs(real_units("legacy", Level.DISTRICT, "305"), "quận Lê Chân")
    _orgs(real_units("legacy", Level.DISTRICT, "002"), "quận Hoàn Kiếm")
    five = [real_units("legacy", Level.PROVINCE, code) for code in ("01", "79", "31", "48", "92")]
    for year, leader in ((2023, five[2]), (2024, five[4])):
        org_actions.do_create_cluster(
            acting_user=SYSTEM,
            name=demo.CLUSTER_NAME,
            year=year,
            organiser=ensure_central(),
            members=five,
            leader=leader,
        )
    people_demo.load()
    demo.load()
    programs_demo.load()
    le_chan = demo.find(demo.le_chan(), dt.date(2021, 1, 7))
    hoan_kiem = demo.find(_legacy(Level.DISTRICT, "002"), dt.date(2019, 2, 21))
    cluster = demo.find(_legacy(Level.PROVINCE, "31"), dt.date(2023, 12, 11))
    assert le_chan and hoan_kiem and cluster
    return Records(le_chan, hoan_kiem, cluster)


def _legacy(level: str, code: str) -> Unit:
    return Unit.objects.get(structure="legacy", level__code=level, code=code)


def _guest(m: Meeting, name: str) -> tuple[str, str]:
    g = m.guests.get(person__full_name=name)
    return (g.title, g.role)


def _orgs_present(m: Meeting) -> list[str]:
    return [g.organisation for g in m.guests.filter(person__isnull=True)]


def _seats(m: Meeting, action: str) -> tuple[int, int]:
    """(seats proposed, seats named) of the meeting's hiệp thương for one kind of change."""
    item = m.agenda.get(kind=AgendaKind.CONSULTATION)
    seats = list(item.changes.filter(action=action))
    return (len(seats), sum(1 for s in seats if s.is_named))


def _opinion(m: Meeting, name: str) -> tuple[str, str]:
    o = m.opinions.get(speaker__full_name=name)
    return (o.speaker_title, o.gist)


def _proposals(m: Meeting) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in AwardProposal.objects.filter(meeting=m).select_related("award_kind", "unit"):
        out.setdefault(p.award_kind.name, set()).add(p.unit.name)
    return out


Read = Callable[[Records], Any]
FACTS: list[tuple[str, str, Read, Any]] = [
    # --- Lê Chân, 7/1/2021 ------------------------------------------------------------------------------
    (LE_CHAN, "Sáng 7/1 (năm 2021): the day", lambda r: r.le_chan.date, dt.date(2021, 1, 7)),
    (LE_CHAN, "Sáng: the morning", lambda r: r.le_chan.day_part, DayPart.MORNING),
    (
        LE_CHAN,
        "no hour given: not known",
        lambda r: (r.le_chan.time_known, r.le_chan.start_time),
        (False, None),
    ),
    (LE_CHAN, "Ủy ban MTTQ Việt Nam quận Lê Chân: the unit", lambda r: r.le_chan.unit.name, "Quận Lê Chân"),
    (LE_CHAN, "Hội nghị … Ủy ban: a committee meeting", lambda r: r.le_chan.kind, MeetingKind.COMMITTEE),
    (LE_CHAN, "lần thứ 7", lambda r: r.le_chan.number, 7),
    (LE_CHAN, "khóa XVI", lambda r: r.le_chan.term.label, "khóa XVI"),
    (
        LE_CHAN,
        "tổng kết công tác Mặt trận năm 2020: the period reviewed",
        lambda r: (r.le_chan.period_label, r.le_chan.period_start, r.le_chan.period_end),
        ("năm 2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    ),
    (
        LE_CHAN,
        "the agenda: review 2020, the 2021 program, the 2021 emulation agreement",
        lambda r: [a.title for a in r.le_chan.agenda.exclude(kind=AgendaKind.CONSULTATION)],
        [
            "Tổng kết công tác Mặt trận năm 2020",
            "Triển khai chương trình phối hợp thống nhất hành động năm 2021",
            "Ký kết Giao ước thi đua năm 2021",
        ],
    ),
    (
        LE_CHAN,
        "Nguyễn Thị Minh Phương, Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố, tới dự",
        lambda r: _guest(r.le_chan, "Nguyễn Thị Minh Phương"),
        ("Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố", GuestRole.ATTEND),
    ),
    (LE_CHAN, "one guest named, no other", lambda r: r.le_chan.guests.count(), 1),
    (
        LE_CHAN,
        "Covid-19 work in the 2020 review",
        lambda r: "Covid-19" in r.le_chan.agenda.get(kind=AgendaKind.REPORT).summary,
        True,
    ),
    (
        LE_CHAN,
        "tồn tại, hạn chế in the 2020 review",
        lambda r: "Tồn tại, hạn chế" in r.le_chan.agenda.get(kind=AgendaKind.REPORT).summary,
        True,
    ),
    (
        LE_CHAN,
        "chương trình … với 5 nội dung",
        lambda r: "5 nội dung" in r.le_chan.agenda.get(kind=AgendaKind.PROGRAM).summary,
        True,
    ),
    (
        LE_CHAN,
        "ký kết Giao ước thi đua năm 2021 at the meeting, with 5 contents",
        lambda r: (
            (a := Agreement.objects.get(unit=r.le_chan.unit, year=2021)).signed_at_id,
            a.signed_on,
            a.criteria.count(),
        ),
        "le_chan_agreement",
    ),
    (
        LE_CHAN,
        "cho thôi 4 đồng chí, names not given",
        lambda r: _seats(r.le_chan, ChangeAction.RELIEVE),
        (4, 0),
    ),
    (
        LE_CHAN,
        "kiện toàn thay thế 5 đồng chí, names not given",
        lambda r: _seats(r.le_chan, ChangeAction.ADD),
        (5, 0),
    ),
    (
        LE_CHAN,
        "no member made up: the hiệp thương ends and starts no membership",
        lambda r: (r.le_chan.ended_memberships.count(), r.le_chan.started_memberships.count()),
        (0, 0),
    ),
    (
        LE_CHAN,
        "nhất trí: passed, as printed, no headcount",
        lambda r: (
            (v := r.le_chan.votes.get()).passed,
            v.as_printed,
            v.present,
            v.votes_for,
            v.reported_share,
        ),
        (True, "nhất trí", None, None, None),
    ),
    (
        LE_CHAN,
        "attendance not given: no roll call, count not known",
        lambda r: (r.le_chan.attendance.count(), r.le_chan.attendees_count),
        (0, None),
    ),
    (LE_CHAN, "venue not given", lambda r: r.le_chan.venue, ""),
    (LE_CHAN, "chair not given", lambda r: r.le_chan.chair, None),
    (LE_CHAN, "by Hoàng Tùng", lambda r: r.le_chan.news.get().author, "Hoàng Tùng"),
    # --- Hoàn Kiếm, 21/02/2019 ------------------------------------------------------------------------------
    (HOAN_KIEM, "Sáng ngày 21/02/2019: the day", lambda r: r.hoan_kiem.date, dt.date(2019, 2, 21)),
    (
        HOAN_KIEM,
        "Sáng: the morning, no hour",
        lambda r: (r.hoan_kiem.day_part, r.hoan_kiem.time_known),
        ("sang", False),
    ),
    (HOAN_KIEM, "quận Hoàn Kiếm: the unit", lambda r: r.hoan_kiem.unit.name, "Quận Hoàn Kiếm"),
    (
        HOAN_KIEM,
        "Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm tổ chức",
        lambda r: r.hoan_kiem.organiser_label,
        "Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm",
    ),
    (HOAN_KIEM, "a program review and signing", lambda r: r.hoan_kiem.kind, MeetingKind.PROGRAM_SIGNING),
    (
        HOAN_KIEM,
        "tổng kết chương trình phối hợp hoạt động năm 2018",
        lambda r: (r.hoan_kiem.period_label, r.hoan_kiem.period_start, r.hoan_kiem.period_end),
        ("năm 2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    ),
    (
        HOAN_KIEM,
        "Bùi Hoàng Phan - Phó Bí thư Thường trực Quận ủy",
        lambda r: _guest(r.hoan_kiem, "Bùi Hoàng Phan"),
        ("Phó Bí thư Thường trực Quận ủy", GuestRole.ATTEND),
    ),
    (
        HOAN_KIEM,
        "Nguyễn Quốc Hoàn - UVTV, Trưởng ban Dân vận Quận ủy",
        lambda r: _guest(r.hoan_kiem, "Nguyễn Quốc Hoàn"),
        ("UVTV, Trưởng ban Dân vận Quận ủy", GuestRole.ATTEND),
    ),
    (
        HOAN_KIEM,
        "Lê Hồng Phú - UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận",
        lambda r: _guest(r.hoan_kiem, "Lê Hồng Phú"),
        ("UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận", GuestRole.ATTEND),
    ),
    (
        HOAN_KIEM,
        "và Ban Thường trực …; đại diện lãnh đạo LĐLĐ, CCB, LHPN, Quận Đoàn, Thanh tra quận",
        lambda r: _orgs_present(r.hoan_kiem),
        [
            "Ban Thường trực Ủy ban MTTQ Việt Nam quận",
            "đại diện lãnh đạo Liên đoàn lao động, Hội Cựu chiến binh, Hội Liên hiệp phụ nữ, Quận Đoàn, "
            "Thanh tra quận",
        ],
    ),
    (HOAN_KIEM, "chair not given (Lê Hồng Phú is among those present)", lambda r: r.hoan_kiem.chair, None),
    (
        HOAN_KIEM,
        "representatives' opinions all agreed with the 2018 review and the 2019 draft",
        lambda r: r.hoan_kiem.opinions.get(speaker__isnull=True).gist.startswith("đều nhất trí"),
        True,
    ),
    (
        HOAN_KIEM,
        "Bùi Hoàng Phan spoke, valuing the coordination highly",
        lambda r: _opinion(r.hoan_kiem, "Bùi Hoàng Phan")[0],
        "Phó Bí thư Thường trực Quận ủy",
    ),
    (
        HOAN_KIEM,
        "Lê Hồng Phú - UVTV Quận ủy, Chủ tịch: thanked, 2019 is the congress year (lần thứ IX, 2019-2024)",
        lambda r: (
            (o := _opinion(r.hoan_kiem, "Lê Hồng Phú"))[0],
            "lần thứ IX, nhiệm kỳ 2019-2024" in o[1],
        ),
        ("UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận", True),
    ),
    (
        HOAN_KIEM,
        "his conclusion, with who gave it and the title as written",
        lambda r: (
            (c := r.hoan_kiem.conclusions.get()).kind,
            c.by.full_name,
            c.by_title,
        ),
        (ConclusionKind.CONCLUSION, "Lê Hồng Phú", "UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận"),
    ),
    (
        HOAN_KIEM,
        "the 2018 program reviewed at the meeting (year-end), the city's Cờ đơn vị thi đua xuất sắc",
        lambda r: (
            (rv := Program.objects.get(unit=r.hoan_kiem.unit, year=2018).reviews.get()).meeting_id,
            rv.period,
            "Cờ đơn vị thi đua xuất sắc" in rv.summary,
        ),
        "hoan_kiem_review",
    ),
    (
        HOAN_KIEM,
        "ký kết Chương trình … năm 2019 by the Front and 5 units",
        lambda r: (
            (p := Program.objects.get(unit=r.hoan_kiem.unit, year=2019)).signed_at_id,
            p.signed_on,
            p.participants.count(),
        ),
        "hoan_kiem_program",
    ),
    (HOAN_KIEM, "venue not given", lambda r: r.hoan_kiem.venue, ""),
    (
        HOAN_KIEM,
        "attendance not given",
        lambda r: (r.hoan_kiem.attendance.count(), r.hoan_kiem.attendees_count),
        (0, None),
    ),
    (
        HOAN_KIEM,
        "by Quang Trọng - MTTQ quận Hoàn Kiếm",
        lambda r: r.hoan_kiem.news.get().author,
        "Quang Trọng - MTTQ quận Hoàn Kiếm",
    ),
    # --- Cụm thi đua 05 thành phố, 11/12/2023 -----------------------------------------------------------------
    (CLUSTER, "Sáng 11/12 (2023): the day", lambda r: r.cluster.date, dt.date(2023, 12, 11)),
    (
        CLUSTER,
        "Sáng: the morning, no hour",
        lambda r: (r.cluster.day_part, r.cluster.time_known),
        ("sang", False),
    ),
    (CLUSTER, "tại Trung tâm Hội nghị thành phố", lambda r: r.cluster.venue, "Trung tâm Hội nghị thành phố"),
    (
        CLUSTER,
        "Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương tổ chức (năm 2023)",
        lambda r: (r.cluster.cluster.name, r.cluster.cluster.year, r.cluster.kind),
        (demo.CLUSTER_NAME, 2023, MeetingKind.CLUSTER),
    ),
    (CLUSTER, "in Hải Phòng (the host)", lambda r: r.cluster.unit.name, "Thành phố Hải Phòng"),
    (CLUSTER, "the five cities take part", lambda r: r.cluster.participants.count(), 5),
    (
        CLUSTER,
        "Hội nghị tổng kết hoạt động Cụm thi đua năm 2023",
        lambda r: (r.cluster.title, r.cluster.period_label),
        ("Hội nghị tổng kết hoạt động Cụm thi đua năm 2023", "năm 2023"),
    ),
    (
        CLUSTER,
        "Đỗ Văn Chiến, with his four titles, dự và chỉ đạo",
        lambda r: _guest(r.cluster, "Đỗ Văn Chiến"),
        (demo.CHIEN_TITLE, GuestRole.ATTEND_AND_DIRECT),
    ),
    (
        CLUSTER,
        "Lê Tiến Châu, Ủy viên Trung ương Đảng, Bí thư Thành ủy, Trưởng Đoàn ĐBQH: phát biểu chào mừng",
        lambda r: _guest(r.cluster, "Lê Tiến Châu"),
        (demo.CHAU_TITLE, GuestRole.WELCOME_SPEECH),
    ),
    (
        CLUSTER,
        "Cao Xuân Liên, Chủ tịch Ủy ban MTTQ Việt Nam thành phố",
        lambda r: _guest(r.cluster, "Cao Xuân Liên"),
        ("Chủ tịch Ủy ban MTTQ Việt Nam thành phố", GuestRole.ATTEND),
    ),
    (
        CLUSTER,
        "Lê Trí Vũ, Trưởng Ban Dân vận Thành ủy",
        lambda r: _guest(r.cluster, "Lê Trí Vũ"),
        ("Trưởng Ban Dân vận Thành ủy", GuestRole.ATTEND),
    ),
    (
        CLUSTER,
        "the central committee's vice-chairs, boards, office; the five cities' leaders; related units",
        lambda r: "các Phó Chủ tịch" in _orgs_present(r.cluster)[0],
        True,
    ),
    (
        CLUSTER,
        "three speakers: Lê Tiến Châu, Cao Xuân Liên (opinions), Đỗ Văn Chiến (directive)",
        lambda r: (
            [o.speaker.full_name for o in r.cluster.opinions.all()],
            [c.by.full_name for c in r.cluster.conclusions.all()],
        ),
        (["Lê Tiến Châu", "Cao Xuân Liên"], ["Đỗ Văn Chiến"]),
    ),
    (
        CLUSTER,
        "phát biểu chỉ đạo: đồng chí Đỗ Văn Chiến, Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQ",
        lambda r: ((c := r.cluster.conclusions.get()).kind, c.by_title),
        (ConclusionKind.DIRECTIVE, "Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"),
    ),
    (
        CLUSTER,
        "cùng thống nhất chương trình phối hợp và hành động năm 2024 (5 contents)",
        lambda r: (
            (p := Program.objects.get(cluster__name=demo.CLUSTER_NAME, cluster__year=2024)).year,
            p.signed_at_id == r.cluster.pk,
            p.contents.count(),
        ),
        (2024, True, 5),
    ),
    (
        CLUSTER,
        "Cao Xuân Liên bàn giao Cờ đơn vị Cụm trưởng năm 2024 cho Nguyễn Trung Nhân (Cần Thơ)",
        lambda r: (
            (h := LeadershipHandover.objects.get(meeting=r.cluster)).handed_by.full_name,
            h.received_by.full_name,
            h.to_unit.name,
            h.handed_on,
        ),
        ("Cao Xuân Liên", "Nguyễn Trung Nhân", "Thành phố Cần Thơ", dt.date(2023, 12, 11)),
    ),
    (
        CLUSTER,
        "đề nghị Cờ thi đua: Hà Nội, TP Hồ Chí Minh; Bằng khen: Hải Phòng, Đà Nẵng, Cần Thơ",
        lambda r: _proposals(r.cluster),
        {
            "Cờ thi đua": {"Thành phố Hà Nội", "Thành phố Hồ Chí Minh"},
            "Bằng khen": {"Thành phố Hải Phòng", "Thành phố Đà Nẵng", "Thành phố Cần Thơ"},
        },
    ),
    (
        CLUSTER,
        "đề nghị Ủy ban Trung ương MTTQ Việt Nam tặng",
        lambda r: set(
            AwardProposal.objects.filter(meeting=r.cluster).values_list("awarding_body", flat=True)
        ),
        {"Ủy ban Trung ương MTTQ Việt Nam"},
    ),
    (
        CLUSTER,
        "ballots not given: the peer votes behind the result are marked illustrative",
        lambda r: all(v.illustrative_note for v in PeerVote.objects.filter(meeting=r.cluster)),
        True,
    ),
    (
        CLUSTER,
        "attendance not given",
        lambda r: (r.cluster.attendance.count(), r.cluster.attendees_count),
        (0, None),
    ),
    (CLUSTER, "by Nguyễn Hải – Đàm Thanh", lambda r: r.cluster.news.get().author, "Nguyễn Hải – Đàm Thanh"),
]


def _expected(records: Records, expected: Any) -> Any:
    """Expected values that name records of the demo (the meeting's own primary key)."""
    if expected == "le_chan_agreement":
        return (records.le_chan.pk, dt.date(2021, 1, 7), 5)
    if expected == "hoan_kiem_review":
        return (records.hoan_kiem.pk, ReviewPeriod.YEAR_END, True)
    if expected == "hoan_kiem_program":
        return (records.hoan_kiem.pk, dt.date(2019, 2, 21), 6)
    return expected


def test_every_fact_of_the_three_examples_is_in_a_structured_field(records):
    wrong = []
    for article, fact, read, expected in FACTS:
        actual, want = read(records), _expected(records, expected)
        if actual != want:
            wrong.append(f"{article}: {fact}: {actual!r} ≠ {want!r}")
    assert not wrong, "\n".join(wrong)
    assert len(FACTS) >= 60


def test_the_demo_shows_no_hour_and_no_headcount_the_articles_do_not_give(records, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    page = client.get(f"/hoi-nghi/{records.le_chan.pk}/").content.decode()
    assert "nguồn không nêu giờ" in page and "00:00" not in page
    assert "số phiếu: nguồn không nêu" in page and "chưa có tên" in page
    for m in (records.le_chan, records.hoan_kiem, records.cluster):
        public = client.get(f"/hoi-nghi/tin/bai/{m.news.get().pk}/").content.decode()
        assert " giờ " not in public and "00:00" not in public
        assert "minh họa" not in public


def test_the_peer_vote_page_marks_its_ballots_illustrative(records, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    vote = PeerVote.objects.filter(meeting=records.cluster).first()
    page = client.get(f"/chuong-trinh/binh-xet/{vote.pk}/").content.decode()
    assert "Dữ liệu minh họa" in page


def test_the_demo_records_the_cluster_year_the_article_names(records):
    assert EmulationCluster.objects.filter(name=demo.CLUSTER_NAME, year=2023).exists()
