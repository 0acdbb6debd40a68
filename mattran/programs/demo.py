"""The programs, agreement, handover and awards of ../shared/examples, entered through the actions.

* Lê Chân, 7/1/2021: the 2021 emulation agreement of the district's Front system (the district and its
  wards) with its 5 contents, signed at the committee's 7th meeting.
* Hoàn Kiếm, 21/2/2019: the 2018 coordination program between the standing board, the Labour Federation,
  the Veterans' Association, the Women's Union, the Youth Union and the district inspectorate reviewed, and
  the 2019 program — copied forward from it, with the 2019 themes — signed by the same six parties.
* The five centrally-run cities' cluster, 11/12/2023: its 2024 program, the leader's flag handed by
  Hải Phòng to Cần Thơ, and the peer votes proposing the Cờ thi đua for Hà Nội and TP Hồ Chí Minh and the
  Bằng khen for Hải Phòng, Đà Nẵng and Cần Thơ to the central committee.

What the articles do not say is marked illustrative: the maximum scores of Lê Chân's contents, the
individual tasks, the names of signatories the articles leave unnamed (only their titles are kept, no
invented names) and the ballots' counts (every unit is recorded as voting for the proposals made).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from mattran.core.authz import DEMO
from mattran.meetings.actions import do_regenerate_news_item
from mattran.meetings.models import Meeting, NewsItem
from mattran.org.models import EmulationCluster, Level, MemberOrganization, MemberOrgKind, Unit
from mattran.org.queries import central_unit, children
from mattran.people.demo import ensure_person
from mattran.people.models import Person

from . import actions
from .models import (
    Agreement,
    AssessmentMode,
    AwardKind,
    Campaign,
    LeadershipHandover,
    PeerVote,
    Program,
    ProgramParticipant,
    ProgressStatus,
    ReviewPeriod,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ILLUSTRATIVE = "Dữ liệu minh họa: bài báo không nêu chi tiết này."
CLUSTER_NAME = "Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương"
CENTRAL_BODY = "Ủy ban Trung ương MTTQ Việt Nam"


def _unit(level: str, code: str) -> Unit:
    return Unit.objects.get(structure="legacy", level__code=level, code=code)


def _meeting(unit: Unit, day: dt.date) -> Meeting | None:
    start = dt.datetime(day.year, day.month, day.day, tzinfo=VN)
    return Meeting.objects.filter(
        unit=unit, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
    ).first()


# --- Lê Chân 2021 ---------------------------------------------------------------------------------------

LE_CHAN_DAY = dt.date(2021, 1, 7)
LE_CHAN_AGREEMENT = "Giao ước thi đua năm 2021 của hệ thống Mặt trận quận Lê Chân"
LE_CHAN_CONTENTS = [
    "Tuyên truyền, vận động, tập hợp các tầng lớp nhân dân, phát huy sức mạnh khối đại đoàn kết toàn dân, "
    "tham gia xây dựng, bảo vệ và phát triển quận",
    "Vận động nhân dân thi đua lao động sáng tạo, thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh "
    "tế-xã hội, quốc phòng-an ninh của địa phương",
    "Thực hiện dân chủ, tham gia xây dựng Đảng, chính quyền; giám sát và phản biện xã hội; phòng, chống tham "
    "nhũng, lãng phí, thực hành tiết kiệm",
    "Tăng cường đoàn kết quốc tế, mở rộng hoạt động đối ngoại nhân dân",
    "Tăng cường củng cố tổ chức, đổi mới nội dung, phương thức, nâng cao hiệu quả hoạt động của MTTQ Việt Nam, "
    "đáp ứng yêu cầu nhiệm vụ trong giai đoạn mới",
]
LE_CHAN_MAX_SCORE = 20  # illustrative: the article gives the contents, not their scores


def le_chan_agreement() -> Agreement:
    district = _unit(Level.DISTRICT, "305")
    wards = list(children(district, as_of=LE_CHAN_DAY).order_by("name"))
    agreement = actions.do_create_agreement(
        acting_user=DEMO,
        title=LE_CHAN_AGREEMENT,
        year=2021,
        unit=district,
        parties=[district, *wards],
        assessment_mode=AssessmentMode.LEADER,
    )
    for content in LE_CHAN_CONTENTS:
        actions.do_add_criterion(
            agreement,
            acting_user=DEMO,
            content=content,
            max_score=LE_CHAN_MAX_SCORE,
            evidence_required=f"Báo cáo kết quả, văn bản triển khai. {ILLUSTRATIVE}",
        )
    return actions.do_sign_agreement(
        agreement, acting_user=DEMO, signed_on=LE_CHAN_DAY, meeting=_meeting(district, LE_CHAN_DAY)
    )


# --- Hoàn Kiếm 2018 → 2019 ------------------------------------------------------------------------------

HOAN_KIEM_DAY = dt.date(2019, 2, 21)
HOAN_KIEM_2018 = (
    "Chương trình phối hợp hoạt động giữa Ban Thường trực Ủy ban MTTQ Việt Nam quận với các đoàn thể chính "
    "trị - xã hội, Thanh tra quận năm 2018"
)
INSPECTORATE = "Thanh tra quận Hoàn Kiếm"
HOAN_KIEM_ORG_KINDS = [
    MemberOrgKind.TRADE_UNION,
    MemberOrgKind.VETERANS,
    MemberOrgKind.WOMEN,
    MemberOrgKind.YOUTH,
]
# (content, task, responsible: "front" / a member org kind / "inspectorate", campaign code)
HOAN_KIEM_CONTENTS = [
    (
        "Tuyên truyền, vận động các tầng lớp Nhân dân, đoàn viên, hội viên thực hiện các chủ trương, chính sách "
        "của Đảng, pháp luật của Nhà nước, “Năm dân vận chính quyền”, “Năm nâng cao hiệu lực, hiệu quả hoạt động "
        "của hệ thống chính trị 2018” và 2 bộ Quy tắc ứng xử của Thành phố",
        "Phối hợp tuyên truyền chủ đề năm của Thành phố và 2 bộ Quy tắc ứng xử đến đoàn viên, hội viên",
        "front",
        "",
    ),
    (
        "Đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, “Người Việt Nam ưu "
        "tiên dùng hàng Việt Nam”",
        "Phối hợp thực hiện cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” trong hội viên phụ nữ",
        MemberOrgKind.WOMEN,
        "nguoi-viet-uu-tien-hang-viet",
    ),
    (
        "Phối hợp chăm lo đời sống vật chất, tinh thần cho nhân dân, đoàn viên, hội viên; các hoạt động nhân đạo, "
        "xã hội từ thiện, ủng hộ đồng bào các vùng khó khăn, thiên tai",
        "Phối hợp chăm lo đời sống đoàn viên công đoàn, người lao động khó khăn",
        MemberOrgKind.TRADE_UNION,
        "vi-nguoi-ngheo",
    ),
    (
        "Phối hợp giám sát, phản biện xã hội, góp ý xây dựng Đảng, xây dựng chính quyền; phối hợp thanh tra, tiếp "
        "công dân, giải quyết khiếu nại tố cáo, công tác Thanh tra nhân dân, Giám sát đầu tư của cộng đồng",
        "Phối hợp hướng dẫn hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        "inspectorate",
        "",
    ),
    (
        "Giữ gìn an ninh trật tự, phòng chống tội phạm, tệ nạn xã hội, bảo đảm trật tự đô thị, trật tự an toàn "
        "giao thông, vệ sinh môi trường",
        "Phối hợp vận động đoàn viên thanh niên tham gia giữ gìn trật tự đô thị, an toàn giao thông",
        MemberOrgKind.YOUTH,
        "",
    ),
]
HOAN_KIEM_REVIEW = (
    "Hoạt động phối hợp của MTTQ, các tổ chức chính trị - xã hội, Thanh tra quận có đổi mới, góp phần tăng cường "
    "khối đại đoàn kết toàn dân. Ủy ban MTTQ Việt Nam quận, LĐLĐ, Hội CCB, Hội LHPN, Quận Đoàn và Thanh tra quận "
    "đều hoàn thành xuất sắc các nhiệm vụ; Nhân dân và cán bộ quận Hoàn Kiếm được Thành phố tặng “Cờ đơn vị thi "
    "đua xuất sắc” năm 2018."
)
HOAN_KIEM_2019_THEME = (
    "Tuyên truyền, vận động các tầng lớp Nhân dân, đoàn viên, hội viên thực hiện chủ đề công tác của Thành phố "
    "“Năm nâng cao hiệu lực, hiệu quả hoạt động của hệ thống chính trị” (năm thứ hai) và chủ đề của Ủy ban MTTQ "
    "Việt Nam Thành phố “Tập trung Đại hội và nâng cao hiệu quả hoạt động của MTTQ Việt Nam các cấp”"
)
HOAN_KIEM_CONGRESS_TASK = "Phối hợp tổ chức Đại hội MTTQ Việt Nam các cấp tiến tới Đại hội MTTQ Việt Nam lần thứ IX, nhiệm kỳ 2019-2024"
PHU_TITLE = "Chủ tịch Ủy ban MTTQ Việt Nam quận"


def _hoan_kiem_parties(program: Program) -> dict[str, ProgramParticipant]:
    unit = program.unit
    parties = {"front": program.participants.get(kind="mat_tran")}
    for kind in HOAN_KIEM_ORG_KINDS:
        org = MemberOrganization.objects.get(unit=unit, kind=kind, valid_to__isnull=True)
        parties[kind] = actions.do_add_participant(program, acting_user=DEMO, member_org=org)
    parties["inspectorate"] = actions.do_add_participant(
        program, acting_user=DEMO, name=INSPECTORATE, short_name="Thanh tra quận"
    )
    return parties


def _hoan_kiem_signatories(program: Program, phu: Person) -> dict[ProgramParticipant, dict[str, Any]]:
    out: dict[ProgramParticipant, dict[str, Any]] = {}
    for party in program.participants.all():
        if party.kind == "mat_tran":
            out[party] = {"person": phu, "title": PHU_TITLE, "authority": "TM. Ban Thường trực"}
        elif party.kind == "khac":
            out[party] = {"title": "Đại diện lãnh đạo Thanh tra quận", "authority": "TM. Thanh tra quận"}
        else:
            out[party] = {
                "title": f"Đại diện lãnh đạo {party.short_name or party.name}",
                "authority": "TM. Ban Thường vụ",
            }
    return out


def hoan_kiem_programs() -> tuple[Program, Program]:
    unit = _unit(Level.DISTRICT, "002")
    meeting = _meeting(unit, HOAN_KIEM_DAY)
    phu = ensure_person(unit, "Lê Hồng Phú", gender="nam")
    campaigns = {c.code: c for c in Campaign.objects.all()}
    p2018 = actions.do_create_program(acting_user=DEMO, unit=unit, year=2018, title=HOAN_KIEM_2018)
    parties = _hoan_kiem_parties(p2018)
    for content_title, task_title, responsible, campaign in HOAN_KIEM_CONTENTS:
        content = actions.do_add_content(p2018, acting_user=DEMO, title=content_title)
        actions.do_add_task(
            content,
            acting_user=DEMO,
            title=task_title,
            responsible=parties[responsible],
            due_on=dt.date(2018, 12, 31),
            campaign=campaigns.get(campaign),
        )
    # The article does not give the 2018 signing date; the program was built "ngay từ đầu năm".
    actions.do_sign_program(
        p2018, acting_user=DEMO, signed_on=None, signatories=_hoan_kiem_signatories(p2018, phu)
    )
    for content in p2018.contents.prefetch_related("tasks"):
        for task in content.tasks.all():
            actions.do_record_progress(
                task,
                acting_user=DEMO,
                period=ReviewPeriod.YEAR_END,
                status=ProgressStatus.DONE,
                note="Hoàn thành xuất sắc nhiệm vụ (báo cáo tổng kết tại hội nghị ngày 21/02/2019).",
            )
    actions.do_review_program(
        p2018,
        acting_user=DEMO,
        period=ReviewPeriod.YEAR_END,
        held_on=HOAN_KIEM_DAY,
        meeting=meeting,
        summary=HOAN_KIEM_REVIEW,
    )
    p2019 = actions.do_copy_program_forward(p2018, acting_user=DEMO)
    first = p2019.contents.get(number=1)
    actions.do_update_content(first, acting_user=DEMO, title=HOAN_KIEM_2019_THEME)
    actions.do_add_task(
        first,
        acting_user=DEMO,
        title=HOAN_KIEM_CONGRESS_TASK,
        responsible=p2019.participants.get(kind="mat_tran"),
        due_on=dt.date(2019, 12, 31),
    )
    actions.do_sign_program(
        p2019,
        acting_user=DEMO,
        signed_on=HOAN_KIEM_DAY,
        meeting=meeting,
        signatories=_hoan_kiem_signatories(p2019, phu),
    )
    return p2018, p2019


# --- the five cities' cluster, 11/12/2023 --------------------------------------------------------------

CLUSTER_DAY = dt.date(2023, 12, 11)
CLUSTER_PROGRAM = (
    "Chương trình phối hợp và thống nhất hành động năm 2024 của Cụm thi đua Mặt trận 05 thành phố"
)
CLUSTER_CONTENTS = [
    "Tuyên truyền, vận động, tập hợp các tầng lớp Nhân dân; củng cố, tăng cường, phát huy sức mạnh Đại đoàn kết "
    "toàn dân tộc xây dựng và bảo vệ Tổ quốc",
    "Vận động Nhân dân thi đua học tập, lao động sáng tạo, thực hiện thắng lợi các mục tiêu phát triển kinh tế, "
    "văn hóa, xã hội, giữ vững quốc phòng, an ninh",
    "Thực hiện dân chủ, đại diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của Nhân dân; giám sát và phản "
    "biện xã hội; tham gia phòng chống tham nhũng",
    "Tăng cường đoàn kết quốc tế, mở rộng hoạt động Đối ngoại Nhân dân",
    "Tăng cường củng cố tổ chức, đổi mới nội dung, phương thức, nâng cao hiệu quả hoạt động của MTTQ Việt Nam, "
    "đáp ứng yêu cầu nhiệm vụ trong giai đoạn mới",
]
CONGRESS_TASK = (
    "Chuẩn bị và tổ chức Đại hội MTTQ Việt Nam các cấp đảm bảo yêu cầu theo Chỉ thị của Ban Bí thư Trung ương "
    "Đảng, Thành ủy"
)
LIEN_TITLE = "Chủ tịch Ủy ban MTTQ Việt Nam thành phố Hải Phòng"
NHAN_TITLE = "Chủ tịch Ủy ban MTTQ Việt Nam thành phố Cần Thơ"
FLAG_CITIES = ["01", "79"]  # Hà Nội, TP Hồ Chí Minh
MERIT_CITIES = ["31", "48", "92"]  # Hải Phòng, Đà Nẵng, Cần Thơ


def _cities() -> dict[str, Unit]:
    return {code: _unit(Level.PROVINCE, code) for code in ("01", "79", "31", "48", "92")}


def cluster_program(
    cluster_2023: EmulationCluster, cluster_2024: EmulationCluster, meeting: Meeting | None
) -> Program:
    cities = _cities()
    haiphong, cantho = cities["31"], cities["92"]
    lien = ensure_person(haiphong, "Cao Xuân Liên", gender="nam")
    nhan = ensure_person(cantho, "Nguyễn Trung Nhân", gender="nam")
    program = actions.do_create_program(
        acting_user=DEMO,
        unit=cantho,
        year=2024,
        title=CLUSTER_PROGRAM,
        cluster=cluster_2024,
        include_front=False,
    )
    parties = {
        code: actions.do_add_participant(program, acting_user=DEMO, unit=city, short_name=city.short_name)
        for code, city in cities.items()
    }
    for i, title in enumerate(CLUSTER_CONTENTS, start=1):
        content = actions.do_add_content(program, acting_user=DEMO, title=title)
        if i == 5:
            for party in parties.values():
                actions.do_add_task(
                    content,
                    acting_user=DEMO,
                    title=CONGRESS_TASK,
                    responsible=party,
                    due_on=dt.date(2024, 12, 31),
                )
    signatories: dict[ProgramParticipant, dict[str, Any]] = {}
    for code, party in parties.items():
        if code == "31":
            signatories[party] = {"person": lien, "title": LIEN_TITLE, "authority": "TM. Ban Thường trực"}
        elif code == "92":
            signatories[party] = {"person": nhan, "title": NHAN_TITLE, "authority": "TM. Ban Thường trực"}
        else:
            signatories[party] = {
                "title": f"Đại diện lãnh đạo {party.name}",
                "authority": "TM. Ban Thường trực",
            }
    return actions.do_sign_program(
        program, acting_user=DEMO, signed_on=CLUSTER_DAY, meeting=meeting, signatories=signatories
    )


def cluster_handover(
    cluster_2023: EmulationCluster, cluster_2024: EmulationCluster, meeting: Meeting | None
) -> LeadershipHandover:
    cities = _cities()
    return actions.do_hand_over_leadership(
        cluster_2023,
        acting_user=DEMO,
        next_cluster=cluster_2024,
        leader=cities["92"],
        deputy=cluster_2024.deputy,
        handed_on=CLUSTER_DAY,
        meeting=meeting,
        handed_by=ensure_person(cities["31"], "Cao Xuân Liên", gender="nam"),
        handed_by_title=LIEN_TITLE,
        received_by=ensure_person(cities["92"], "Nguyễn Trung Nhân", gender="nam"),
        received_by_title=NHAN_TITLE,
    )


BALLOTS_ILLUSTRATIVE = (
    "Dữ liệu minh họa: bài báo nêu kết quả bình xét, không nêu số phiếu và thời điểm bỏ phiếu."
)


def cluster_votes(cluster_2023: EmulationCluster, meeting: Meeting | None) -> list[PeerVote]:
    cities = _cities()
    central = central_unit()
    start = dt.datetime(2023, 12, 11, 8, tzinfo=VN)
    votes = []
    for kind_code, codes in (("co-thi-dua", FLAG_CITIES), ("bang-khen", MERIT_CITIES)):
        kind = AwardKind.objects.get(code=kind_code)
        candidates = [cities[c] for c in codes]
        vote = actions.do_open_peer_vote(
            cluster_2023,
            acting_user=DEMO,
            award_kind=kind,
            places=len(candidates),
            candidates=candidates,
            closes_at=start + dt.timedelta(hours=4),
            awarding_body=CENTRAL_BODY,
            awarding_unit=central,
            meeting=meeting,
            secret=True,
            illustrative_note=BALLOTS_ILLUSTRATIVE,
        )
        # The article gives the result, not the ballots: these (unanimous, their times) are illustrative.
        for i, city in enumerate(cities.values()):
            actions.do_cast_ballot(
                vote,
                acting_user=DEMO,
                unit=city,
                choices=candidates,
                at=start + dt.timedelta(hours=2, minutes=i),
            )
        actions.do_close_peer_vote(vote, acting_user=DEMO)
        votes.append(actions.do_tally_peer_vote(vote, acting_user=DEMO, proposed_on=CLUSTER_DAY))
    return votes


@transaction.atomic
def load() -> list[str]:
    """Enter the examples' programs, agreement, handover and votes once."""
    done: list[str] = []
    le_chan = _unit(Level.DISTRICT, "305")
    if not Agreement.objects.filter(unit=le_chan, year=2021, title=LE_CHAN_AGREEMENT).exists():
        le_chan_agreement()
        done.append("Giao ước thi đua năm 2021 quận Lê Chân (5 nội dung)")
    hoan_kiem = _unit(Level.DISTRICT, "002")
    if not Program.objects.filter(unit=hoan_kiem, year=2018).exists():
        hoan_kiem_programs()
        done.append("Chương trình phối hợp quận Hoàn Kiếm 2018 (tổng kết) và 2019 (ký kết)")
    clusters = {c.year: c for c in EmulationCluster.objects.filter(name=CLUSTER_NAME, year__in=[2023, 2024])}
    if len(clusters) == 2:
        meeting = _meeting(_unit(Level.PROVINCE, "31"), CLUSTER_DAY)
        if not Program.objects.filter(cluster=clusters[2024], title=CLUSTER_PROGRAM).exists():
            cluster_program(clusters[2023], clusters[2024], meeting)
            done.append("Chương trình phối hợp năm 2024 của Cụm thi đua 05 thành phố")
        if not LeadershipHandover.objects.filter(from_cluster=clusters[2023]).exists():
            cluster_handover(clusters[2023], clusters[2024], meeting)
            done.append("Bàn giao Cờ Cụm trưởng năm 2024: Hải Phòng → Cần Thơ")
        if not PeerVote.objects.filter(cluster=clusters[2023]).exists():
            cluster_votes(clusters[2023], meeting)
            done.append(
                "Bình xét 2023: Cờ thi đua (Hà Nội, TP Hồ Chí Minh), Bằng khen (Hải Phòng, Đà Nẵng, Cần Thơ)"
            )
    if done:
        _redraft_news()
    return done


def _redraft_news() -> None:
    """Redraft the example meetings' news items now that their programs, handover and awards exist."""
    days = [LE_CHAN_DAY, HOAN_KIEM_DAY, CLUSTER_DAY]
    for item in NewsItem.objects.filter(meeting__starts_at__date__in=days).select_related("meeting"):
        do_regenerate_news_item(item, acting_user=DEMO)
