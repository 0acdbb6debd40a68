"""The three example articles (../shared/examples) entered as meeting records through the actions.

Every fact the articles give is in a structured field: unit or cluster, kind, number and term, date and
part of the day (the articles give no hour, so none is stored), venue, period reviewed, guests with the titles they held that day and their role, agenda,
opinions with their gist, directives with who gave them, the hiệp thương (4 relieved, 5 added, names not
given: seats by number) and its outcome as printed ("nhất trí", no headcount). Where an article is silent
the record says so: no roll call, no attendance count, no chair, no hour. Each meeting then gets a news item
drafted from the record and published. The programs, agreements and awards in the same articles belong
to the programs app, which links them to these meetings.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from mattran.core.authz import DEMO
from mattran.org.models import EmulationCluster, Level, Unit
from mattran.people.demo import LE_CHAN_TERM, ensure_person, le_chan
from mattran.people.models import Person, Position, Term

from . import actions
from .models import (
    AgendaItem,
    AgendaKind,
    ChangeAction,
    ConclusionKind,
    DayPart,
    GuestRole,
    Meeting,
    MeetingKind,
    PassRule,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CLUSTER_NAME = "Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương"


def _day(day: dt.date) -> dt.datetime:
    """The day at 00:00 local time: the articles give the part of the day, never the hour."""
    return dt.datetime(day.year, day.month, day.day, 0, 0, tzinfo=VN)


def _unit(level: str, code: str) -> Unit:
    return Unit.objects.get(structure="legacy", level__code=level, code=code)


def _publish(meeting: Meeting, author: str) -> None:
    item = actions.do_generate_news_item(meeting, acting_user=DEMO)
    actions.do_publish_news_item(
        item, acting_user=DEMO, title=item.title, lead=item.lead, body=item.body, author=author
    )


# --- Lê Chân, 7/1/2021: Hội nghị lần thứ 7 khóa XVI -----------------------------------------------------

LE_CHAN_DAY = dt.date(2021, 1, 7)
LE_CHAN_TITLE = (
    "Tổng kết công tác Mặt trận năm 2020; triển khai chương trình phối hợp thống nhất hành động "
    "và ký kết Giao ước thi đua năm 2021"
)
LE_CHAN_RELIEVED = 4
LE_CHAN_ADDED = 5
LE_CHAN_VOTE_AS_PRINTED = "nhất trí"


def le_chan_meeting() -> Meeting:
    unit = le_chan()
    term = Term.objects.get(unit=unit, label=LE_CHAN_TERM)
    meeting = actions.do_create_meeting(
        acting_user=DEMO,
        unit=unit,
        term=term,
        kind=MeetingKind.COMMITTEE,
        number=7,
        title=LE_CHAN_TITLE,
        starts_at=_day(LE_CHAN_DAY),
        time_known=False,
        day_part=DayPart.MORNING,  # "Sáng 7/1": the article gives no hour
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2020, 12, 31),
        period_label="năm 2020",
    )
    _le_chan_guest(meeting)
    _le_chan_agenda(meeting)
    _le_chan_consultation(meeting)
    return meeting


def _le_chan_guest(meeting: Meeting) -> None:
    """The city's guest. The article gives no roll call, so none is recorded (attendance: not known)."""
    guest = ensure_person(_unit(Level.PROVINCE, "31"), "Nguyễn Thị Minh Phương", gender="nu")
    actions.do_add_guest(
        meeting,
        acting_user=DEMO,
        person=guest,
        role=GuestRole.ATTEND,
        title="Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố",
    )


def _le_chan_agenda(meeting: Meeting) -> None:
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.REPORT,
        title="Tổng kết công tác Mặt trận năm 2020",
        summary=(
            "Năm 2020, hệ thống Mặt trận và các tổ chức thành viên từ quận đến phường đã phát huy tinh thần "
            "đoàn kết, chủ động xây dựng triển khai Chương trình phối hợp và thống nhất hành động; làm tốt vai "
            "trò tham mưu cho cấp ủy Đảng, phối hợp với HĐND, UBND; tăng cường giám sát; tích cực tham gia "
            "phòng, chống dịch Covid-19; triển khai hiệu quả Cuộc vận động “Toàn dân đoàn kết xây dựng nông "
            "thôn mới, đô thị văn minh”, phong trào “Đền ơn đáp nghĩa”, hoạt động “Vì người nghèo”. "
            "Tồn tại, hạn chế: việc nắm bắt tâm tư nguyện vọng nhân dân ở một số nơi chưa sâu; hoạt động giám "
            "sát, phản biện xã hội ở một số đơn vị chưa được coi trọng đúng mức."
        ),
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.PROGRAM,
        title="Triển khai chương trình phối hợp thống nhất hành động năm 2021",
        summary=(
            "Chương trình phối hợp thống nhất hành động năm 2021 gồm 5 nội dung: tuyên truyền, vận động, tập "
            "hợp các tầng lớp nhân dân, phát huy sức mạnh khối đại đoàn kết toàn dân; vận động nhân dân thi đua "
            "lao động sáng tạo, thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội, quốc phòng - an "
            "ninh; thực hiện dân chủ, tham gia xây dựng Đảng, chính quyền, giám sát và phản biện xã hội, phòng, "
            "chống tham nhũng, lãng phí; tăng cường đoàn kết quốc tế, mở rộng hoạt động đối ngoại nhân dân; "
            "tăng cường củng cố tổ chức, đổi mới nội dung, phương thức hoạt động của MTTQ Việt Nam."
        ),
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.SIGNING,
        title="Ký kết Giao ước thi đua năm 2021",
        summary="Các đơn vị ký kết Giao ước thi đua năm 2021.",
    )


def _le_chan_consultation(meeting: Meeting) -> None:
    """The hiệp thương as the article gives it: 4 members relieved and 5 added, names not given (seats by
    number), agreed ("nhất trí") without a headcount."""
    item = actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.CONSULTATION,
        title="Hiệp thương cho thôi và kiện toàn Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI",
    )
    actions.do_propose_unnamed_seats(
        item, acting_user=DEMO, action=ChangeAction.RELIEVE, count=LE_CHAN_RELIEVED
    )
    actions.do_propose_unnamed_seats(
        item, acting_user=DEMO, action=ChangeAction.ADD, count=LE_CHAN_ADDED, position=Position.MEMBER
    )
    vote = actions.do_open_vote(
        meeting,
        acting_user=DEMO,
        agenda_item=item,
        rule=PassRule.MAJORITY,
        subject="Cho thôi 4 đồng chí Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI và hiệp thương kiện toàn thay thế "
        "5 đồng chí vào Ủy viên Ủy ban MTTQ Việt Nam quận khóa XVI",
    )
    actions.do_record_vote_outcome(vote, acting_user=DEMO, passed=True, as_printed=LE_CHAN_VOTE_AS_PRINTED)


# --- Hoàn Kiếm, 21/2/2019: tổng kết chương trình phối hợp 2018, triển khai 2019 -----------------------------

HOAN_KIEM_DAY = dt.date(2019, 2, 21)
HOAN_KIEM_TITLE = (
    "hội nghị tổng kết chương trình phối hợp hoạt động năm 2018 và triển khai chương trình phối hợp hoạt động "
    "giữa Ban Thường trực Ủy ban MTTQ Việt Nam quận với các đoàn thể chính trị - xã hội, Thanh tra quận năm 2019"
)
HOAN_KIEM_GUESTS = [
    ("Bùi Hoàng Phan", "Phó Bí thư Thường trực Quận ủy"),
    ("Nguyễn Quốc Hoàn", "UVTV, Trưởng ban Dân vận Quận ủy"),
    ("Lê Hồng Phú", "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"),
]
HOAN_KIEM_STANDING_BOARD = "Ban Thường trực Ủy ban MTTQ Việt Nam quận"
HOAN_KIEM_ORGS = "Liên đoàn lao động, Hội Cựu chiến binh, Hội Liên hiệp phụ nữ, Quận Đoàn, Thanh tra quận"


def hoan_kiem_meeting() -> Meeting:
    unit = _unit(Level.DISTRICT, "002")
    persons = {name: ensure_person(unit, name, gender="nam") for name, _ in HOAN_KIEM_GUESTS}
    meeting = actions.do_create_meeting(
        acting_user=DEMO,
        unit=unit,
        kind=MeetingKind.PROGRAM_SIGNING,
        title=HOAN_KIEM_TITLE,
        starts_at=_day(HOAN_KIEM_DAY),
        time_known=False,
        day_part=DayPart.MORNING,  # "Sáng ngày 21/02/2019"
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2018, 12, 31),
        period_label="năm 2018",
        organiser_label="Ban Thường trực Ủy ban MTTQ Việt Nam quận Hoàn Kiếm",
        # The article does not say who chaired: no chair is recorded (Lê Hồng Phú is among those present).
    )
    for name, title in HOAN_KIEM_GUESTS:
        actions.do_add_guest(
            meeting, acting_user=DEMO, person=persons[name], title=title, role=GuestRole.ATTEND
        )
    # As the article writes them: the district's standing board, then the delegations (printed as recorded).
    actions.do_add_guest(
        meeting, acting_user=DEMO, organisation=HOAN_KIEM_STANDING_BOARD, role=GuestRole.ATTEND
    )
    actions.do_add_guest(
        meeting, acting_user=DEMO, organisation=f"đại diện lãnh đạo {HOAN_KIEM_ORGS}", role=GuestRole.ATTEND
    )
    report, program = _hoan_kiem_agenda(meeting)
    _hoan_kiem_proceedings(meeting, persons, report, program)
    return meeting


def _hoan_kiem_agenda(meeting: Meeting) -> tuple[AgendaItem, AgendaItem]:
    """The three agenda items; the report and the program (opinions refer to them)."""
    report = actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.REPORT,
        title="Tổng kết chương trình phối hợp hoạt động năm 2018",
        summary=(
            "Năm 2018, MTTQ và các tổ chức chính trị - xã hội, Thanh tra quận đã tập trung tuyên truyền, vận "
            "động các tầng lớp Nhân dân thực hiện “Năm dân vận chính quyền”, “Năm nâng cao hiệu lực, hiệu quả "
            "hoạt động của hệ thống chính trị 2018”; đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông "
            "thôn mới, đô thị văn minh”, “Người Việt Nam ưu tiên dùng hàng Việt Nam”; phối hợp giám sát, phản "
            "biện xã hội, tiếp công dân, công tác Thanh tra nhân dân, Giám sát đầu tư của cộng đồng. Ủy ban "
            "MTTQ Việt Nam quận, LĐLĐ, Hội CCB, Hội LHPN, Quận Đoàn và Thanh tra quận đều hoàn thành xuất sắc "
            "nhiệm vụ; Nhân dân và cán bộ quận Hoàn Kiếm được Thành phố tặng “Cờ đơn vị thi đua xuất sắc” năm 2018."
        ),
    )
    program = actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.PROGRAM,
        title="Triển khai chương trình phối hợp hoạt động năm 2019 với các đoàn thể chính trị - xã hội, Thanh tra quận",
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.SIGNING,
        title="Ký kết Chương trình phối hợp thực hiện công tác trọng tâm năm 2019",
    )
    return report, program


def _hoan_kiem_proceedings(
    meeting: Meeting, persons: dict[str, Person], report: AgendaItem, program: AgendaItem
) -> None:
    """The three opinions, the chair's conclusion and the signing decision."""
    phu = persons["Lê Hồng Phú"]
    actions.do_add_opinion(
        meeting,
        acting_user=DEMO,
        organisation="lãnh đạo các đơn vị",
        agenda_item=report,
        gist="đều nhất trí với đánh giá kết quả đạt được công tác phối hợp năm 2018 và dự thảo chương trình phối "
        "hợp hoạt động năm 2019",
    )
    actions.do_add_opinion(
        meeting,
        acting_user=DEMO,
        speaker=persons["Bùi Hoàng Phan"],
        speaker_title="Phó Bí thư Thường trực Quận ủy",
        agenda_item=report,
        gist="đánh giá cao công tác phối hợp giữa Ban Thường trực Ủy ban MTTQ Việt Nam với Ban Thường vụ các đoàn "
        "thể, Thanh tra của quận trong năm 2018 đã đạt nhiều kết quả tốt",
    )
    actions.do_add_opinion(
        meeting,
        acting_user=DEMO,
        speaker=phu,
        speaker_title="UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận",
        agenda_item=program,
        gist="cảm ơn ý kiến phát biểu của các đại biểu và nhấn mạnh năm 2019 là năm tiến hành Đại hội MTTQ Việt "
        "Nam các cấp tiến tới Đại hội MTTQ Việt Nam lần thứ IX, nhiệm kỳ 2019-2024",
    )
    actions.do_add_conclusion(
        meeting,
        acting_user=DEMO,
        by=phu,
        by_title="UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận",
        kind=ConclusionKind.CONCLUSION,
        text="Ban Thường trực Ủy ban MTTQ Việt Nam, Ban Thường vụ các đoàn thể chính trị - xã hội, Thanh tra quận "
        "theo chức năng, nhiệm vụ của từng đơn vị cần cụ thể hóa các nội dung trong chương trình phối hợp để triển "
        "khai thực hiện, góp phần thực hiện tốt nhiệm vụ chính trị chung của quận",
    )
    actions.do_add_decision(
        meeting,
        acting_user=DEMO,
        text="Đại diện lãnh đạo MTTQ và các đơn vị ký kết Chương trình phối hợp thực hiện công tác trọng tâm năm 2019",
    )


# --- Cụm thi đua 05 thành phố, 11/12/2023: hội nghị tổng kết --------------------------------------------

CLUSTER_DAY = dt.date(2023, 12, 11)
CLUSTER_TITLE = "Hội nghị tổng kết hoạt động Cụm thi đua năm 2023"
CHIEN_TITLE = (
    "Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQ Việt Nam, Phó Chủ tịch Hội đồng Thi đua – Khen "
    "thưởng Trung ương, phụ trách Cụm thi đua"
)
CHAU_TITLE = "Ủy viên Trung ương Đảng, Bí thư Thành ủy, Trưởng Đoàn đại biểu Quốc hội thành phố Hải Phòng"
LIEN_TITLE = "Chủ tịch Ủy ban MTTQ Việt Nam thành phố"
# The directive's paragraph names him with two of his titles only.
CHIEN_DIRECTIVE_TITLE = "Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"
VU_TITLE = "Trưởng Ban Dân vận Thành ủy"


def cluster_meeting() -> Meeting:
    cluster = EmulationCluster.objects.get(name=CLUSTER_NAME, year=2023)
    haiphong = _unit(Level.PROVINCE, "31")
    central = cluster.organiser
    chien = ensure_person(central, "Đỗ Văn Chiến", gender="nam")
    chau = ensure_person(haiphong, "Lê Tiến Châu", gender="nam")
    lien = ensure_person(haiphong, "Cao Xuân Liên", gender="nam")
    vu = ensure_person(haiphong, "Lê Trí Vũ", gender="nam")
    nhan = ensure_person(_unit(Level.PROVINCE, "92"), "Nguyễn Trung Nhân", gender="nam")
    meeting = actions.do_create_meeting(
        acting_user=DEMO,
        unit=haiphong,
        cluster=cluster,
        kind=MeetingKind.CLUSTER,
        title=CLUSTER_TITLE,
        starts_at=_day(CLUSTER_DAY),
        time_known=False,
        day_part=DayPart.MORNING,  # "Sáng 11/12"
        venue="Trung tâm Hội nghị thành phố",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        period_label="năm 2023",
    )
    _cluster_guests(meeting, chien=chien, chau=chau, lien=lien, vu=vu)
    report = _cluster_agenda(meeting, lien=lien, nhan=nhan)
    _cluster_proceedings(meeting, report, chien=chien, chau=chau, lien=lien)
    return meeting


def _cluster_guests(meeting: Meeting, *, chien: Person, chau: Person, lien: Person, vu: Person) -> None:
    actions.do_add_guest(
        meeting, acting_user=DEMO, person=chien, title=CHIEN_TITLE, role=GuestRole.ATTEND_AND_DIRECT
    )
    actions.do_add_guest(
        meeting,
        acting_user=DEMO,
        role=GuestRole.ATTEND,
        organisation="các Phó Chủ tịch Ủy ban Trung ương MTTQ Việt Nam; lãnh đạo các Ban và Văn phòng Ủy ban "
        "Trung ương MTTQ Việt Nam; lãnh đạo Ủy ban MTTQ Việt Nam 05 thành phố, cùng các đơn vị liên quan",
    )
    actions.do_add_guest(
        meeting, acting_user=DEMO, person=chau, title=CHAU_TITLE, role=GuestRole.WELCOME_SPEECH
    )
    actions.do_add_guest(meeting, acting_user=DEMO, person=lien, title=LIEN_TITLE, role=GuestRole.ATTEND)
    actions.do_add_guest(meeting, acting_user=DEMO, person=vu, title=VU_TITLE, role=GuestRole.ATTEND)


def _cluster_agenda(meeting: Meeting, *, lien: Person, nhan: Person) -> AgendaItem:
    """The four agenda items; the report (the opinion refers to it)."""
    report = actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.REPORT,
        title="Báo cáo đánh giá hoạt động Cụm thi đua năm 2023",
        summary=(
            "Trong năm qua, MTTQ Việt Nam các cấp 05 thành phố tiếp tục triển khai hiệu quả Đề án đổi mới công "
            "tác thông tin tuyên truyền; công tác nắm bắt dư luận Nhân dân được thực hiện nề nếp; chú trọng tham "
            "gia xây dựng Đảng, xây dựng chính quyền, giám sát và phản biện xã hội; phối hợp tổ chức các Hội nghị "
            "tiếp xúc cử tri; công tác tiếp công dân, xử lý đơn thư được thực hiện tốt; các hoạt động an sinh xã "
            "hội được quan tâm, nhiệm vụ giảm nghèo đạt kết quả tốt."
        ),
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.PROGRAM,
        title="Thống nhất chương trình phối hợp và hành động năm 2024",
        summary=(
            "Cụm thi đua cùng thống nhất chương trình phối hợp và hành động năm 2024: tuyên truyền, vận động, tập "
            "hợp các tầng lớp Nhân dân; vận động Nhân dân thi đua học tập, lao động sáng tạo; thực hiện dân chủ, "
            "giám sát và phản biện xã hội; tăng cường đoàn kết quốc tế; củng cố tổ chức, chuẩn bị và tổ chức Đại "
            "hội MTTQ Việt Nam các cấp."
        ),
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.AWARDS,
        title="Bình xét, đề nghị khen thưởng năm 2023",
    )
    actions.do_add_agenda_item(
        meeting,
        acting_user=DEMO,
        kind=AgendaKind.OTHER,
        title="Bàn giao Cờ đơn vị Cụm trưởng thi đua năm 2024",
        presenter=f"{lien.full_name}, {LIEN_TITLE} Hải Phòng; {nhan.full_name}, Chủ tịch Ủy ban MTTQ Việt Nam "
        "thành phố Cần Thơ",
    )
    return report


def _cluster_proceedings(
    meeting: Meeting, report: AgendaItem, *, chien: Person, chau: Person, lien: Person
) -> None:
    actions.do_add_opinion(
        meeting,
        acting_user=DEMO,
        speaker=chau,
        speaker_title=CHAU_TITLE,
        agenda_item=report,
        gist="đánh giá năm 2023 MTTQ các cấp của 05 thành phố trực thuộc Trung ương đã "
        "bám sát các nhiệm vụ chính trị, phối hợp chặt chẽ với chính quyền và các tổ chức thành viên; đề nghị Ủy "
        "ban MTTQ Việt Nam thành phố chủ động tiếp thu những cách làm hay, mô hình hiệu quả, sáng tạo từ các địa "
        "phương",
    )
    # The article shows him speaking (a photo caption) but gives nothing of what he said.
    actions.do_add_opinion(
        meeting, acting_user=DEMO, speaker=lien, speaker_title=LIEN_TITLE, gist="phát biểu tại Hội nghị"
    )
    actions.do_add_conclusion(
        meeting,
        acting_user=DEMO,
        by=chien,
        by_title=CHIEN_DIRECTIVE_TITLE,
        kind=ConclusionKind.DIRECTIVE,
        text="đánh giá cao kết quả nổi bật, toàn diện của Ủy ban MTTQ Việt Nam các thành phố trực thuộc Trung ương "
        "trong năm 2023; yêu cầu các địa phương triển khai thực hiện nghiêm túc chương trình phối hợp và thống nhất "
        "hành động năm 2024, đặc biệt là công tác chuẩn bị và tổ chức Đại hội MTTQ Việt Nam các cấp; giải đáp các "
        "kiến nghị của các địa phương",
    )


ARTICLES = [
    (lambda: le_chan(), LE_CHAN_DAY, le_chan_meeting, "Hoàng Tùng"),
    (
        lambda: _unit(Level.DISTRICT, "002"),
        HOAN_KIEM_DAY,
        hoan_kiem_meeting,
        "Quang Trọng - MTTQ quận Hoàn Kiếm",
    ),
    (lambda: _unit(Level.PROVINCE, "31"), CLUSTER_DAY, cluster_meeting, "Nguyễn Hải – Đàm Thanh"),
]


def find(unit: Unit, day: dt.date) -> Meeting | None:
    start = _day(day)
    return Meeting.objects.filter(
        unit=unit, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
    ).first()


@transaction.atomic
def load() -> list[str]:
    """Enter the three example meetings (once) and publish their news items."""
    done = []
    for unit_of, day, build, author in ARTICLES:
        if find(unit_of(), day) is not None:
            continue
        meeting = build()
        _publish(meeting, author)
        done.append(f"{meeting.heading} ({day:%d/%m/%Y}) và tin bài")
    return done
