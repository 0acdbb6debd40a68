"""The three articles' programs, agreement, handover and awards are in structured fields."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings import demo as meetings_demo
from mattran.org.models import EmulationCluster, Level, Unit
from mattran.programs import demo
from mattran.programs.models import (
    Agreement,
    AgreementStatus,
    AwardProposal,
    LeadershipHandover,
    ParticipantKind,
    Program,
    ProgramStatus,
    ProgressStatus,
    ProposalStatus,
    ReviewPeriod,
    VoteStatus,
)

pytestmark = pytest.mark.django_db


def _legacy(level: str, code: str) -> Unit:
    return Unit.objects.get(structure="legacy", level__code=level, code=code)


def test_it_records_the_le_chan_2021_agreement_with_its_five_contents(examples):
    le_chan = _legacy(Level.DISTRICT, "305")
    agreement = Agreement.objects.get(unit=le_chan, year=2021)
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on == dt.date(2021, 1, 7)
    meeting = meetings_demo.find(le_chan, dt.date(2021, 1, 7))
    assert agreement.signed_at == meeting and meeting.number == 7
    criteria = list(agreement.criteria.order_by("number"))
    assert [c.number for c in criteria] == [1, 2, 3, 4, 5]
    assert criteria[0].content.startswith("Tuyên truyền, vận động, tập hợp các tầng lớp nhân dân")
    assert criteria[3].content == "Tăng cường đoàn kết quốc tế, mở rộng hoạt động đối ngoại nhân dân"
    assert "phòng, chống tham nhũng, lãng phí" in criteria[2].content
    parties = set(agreement.parties.values_list("unit_id", flat=True))
    wards = set(le_chan.children.values_list("pk", flat=True))
    assert le_chan.pk in parties and wards and wards <= parties


def test_it_records_hoan_kiem_2018_reviewed_and_2019_signed_by_six_parties(examples):
    hoan_kiem = _legacy(Level.DISTRICT, "002")
    meeting = meetings_demo.find(hoan_kiem, dt.date(2019, 2, 21))
    p2018 = Program.objects.get(unit=hoan_kiem, year=2018)
    p2019 = Program.objects.get(unit=hoan_kiem, year=2019)
    assert p2018.status == ProgramStatus.REVIEWED
    review = p2018.reviews.get()
    assert (review.period, review.meeting, review.held_on) == (
        ReviewPeriod.YEAR_END,
        meeting,
        dt.date(2019, 2, 21),
    )
    assert "Cờ đơn vị thi đua xuất sắc" in review.summary
    entries = [t.progress.get() for c in p2018.contents.all() for t in c.tasks.all()]
    assert len(entries) == 5 and {e.status for e in entries} == {ProgressStatus.DONE}
    assert p2019.previous == p2018 and p2019.status == ProgramStatus.SIGNED
    assert (p2019.signed_at, p2019.signed_on) == (meeting, dt.date(2019, 2, 21))
    assert "năm 2019" in p2019.title
    parties = list(p2019.participants.select_related("member_org", "signatory__person"))
    assert [p.kind for p in parties].count(ParticipantKind.MEMBER_ORG) == 4
    names = {p.name for p in parties}
    assert names == {
        "Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm",
        "Liên đoàn Lao động quận Hoàn Kiếm",
        "Hội Cựu chiến binh quận Hoàn Kiếm",
        "Hội Liên hiệp Phụ nữ quận Hoàn Kiếm",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận Hoàn Kiếm",
        "Thanh tra quận Hoàn Kiếm",
    }
    inspectorate = next(p for p in parties if p.kind == ParticipantKind.OTHER)
    assert inspectorate.member_org is None and inspectorate.name == "Thanh tra quận Hoàn Kiếm"
    front = next(p for p in parties if p.kind == ParticipantKind.FRONT)
    assert front.signatory.person.full_name == "Lê Hồng Phú"
    assert front.signatory.title == "Chủ tịch Ủy ban MTTQ Việt Nam quận"
    assert all(p.signatory.title for p in parties)
    # Copied forward with changes: the 2019 themes and the congress task.
    assert p2019.contents.count() == 5 and "Tập trung Đại hội" in p2019.contents.get(number=1).title
    assert (
        p2019.contents.get(number=1).tasks.filter(title__contains="Đại hội MTTQ Việt Nam lần thứ IX").exists()
    )
    assert not any(t.progress.exists() for c in p2019.contents.all() for t in c.tasks.all())


def test_it_records_the_five_city_cluster_program_flag_and_proposals(examples):
    c2023 = EmulationCluster.objects.get(name=demo.CLUSTER_NAME, year=2023)
    c2024 = EmulationCluster.objects.get(name=demo.CLUSTER_NAME, year=2024)
    haiphong, cantho = _legacy(Level.PROVINCE, "31"), _legacy(Level.PROVINCE, "92")
    meeting = meetings_demo.find(haiphong, dt.date(2023, 12, 11))
    assert meeting.cluster == c2023

    program = Program.objects.get(cluster=c2024)
    assert (program.year, program.unit, program.signed_at, program.status) == (
        2024,
        cantho,
        meeting,
        ProgramStatus.SIGNED,
    )
    assert program.contents.count() == 5
    assert {p.unit.code for p in program.participants.all()} == {"01", "79", "31", "48", "92"}

    handover = LeadershipHandover.objects.get(from_cluster=c2023)
    assert (handover.from_unit, handover.to_unit, handover.to_cluster) == (haiphong, cantho, c2024)
    assert (handover.meeting, handover.handed_on) == (meeting, dt.date(2023, 12, 11))
    assert (
        handover.handed_by.full_name == "Cao Xuân Liên"
        and handover.received_by.full_name == "Nguyễn Trung Nhân"
    )
    c2024.refresh_from_db()
    assert c2024.leader == cantho

    proposals = AwardProposal.objects.filter(cluster=c2023, meeting=meeting)
    by_kind = {}
    for p in proposals.select_related("award_kind", "unit"):
        by_kind.setdefault(p.award_kind.name, set()).add(p.unit.code)
        assert (p.awarding_body, p.status, p.year) == (
            "Ủy ban Trung ương MTTQ Việt Nam",
            ProposalStatus.PROPOSED,
            2023,
        )
    assert by_kind == {"Cờ thi đua": {"01", "79"}, "Bằng khen": {"31", "48", "92"}}
    assert {v.status for v in c2023.peer_votes.all()} == {VoteStatus.DECIDED}


def test_it_loads_the_demo_once(examples):
    assert demo.load() == []
    assert Program.objects.filter(unit__code="002").count() == 2


def test_it_adds_the_programs_to_the_meetings_news(examples):
    from mattran.meetings.news import compose

    hoan_kiem = _legacy(Level.DISTRICT, "002")
    body = compose(meetings_demo.find(hoan_kiem, dt.date(2019, 2, 21))).body
    assert "các bên ký kết: Ban Thường trực Ủy ban MTTQ Việt Nam quận, LĐLĐ, Hội CCB" in body
    assert "tổng kết chương trình phối hợp hoạt động năm 2018" in body
    cluster = compose(meetings_demo.find(_legacy(Level.PROVINCE, "31"), dt.date(2023, 12, 11))).body
    assert (
        "bàn giao Cờ đơn vị Cụm trưởng thi đua năm 2024 cho đồng chí Nguyễn Trung Nhân, Chủ tịch Ủy ban MTTQ Việt "
        "Nam thành phố Cần Thơ" in cluster
    )
    assert "tặng Cờ thi đua cho Ủy ban MTTQ Việt Nam thành phố Hà Nội" in cluster


def test_it_lists_the_cluster_conferences_decisions_on_the_meeting_page(examples):
    from mattran.meetings.links import links_for
    from mattran.meetings.models import Meeting

    meeting = Meeting.objects.get(starts_at__date=dt.date(2023, 12, 11))
    labels = [label for label, _url in links_for(meeting)]
    assert any(label.startswith("Ký kết chương trình:") for label in labels)
    assert any(label.startswith("Bàn giao cờ cụm trưởng:") for label in labels)
    assert sum(label.startswith("Bình xét:") for label in labels) >= 2
