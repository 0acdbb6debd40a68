"""A ward's year of supervision and social criticism (phường Bồ Đề, Hà Nội, 2026), entered through the actions.

The programme is adopted at a committee meeting; a supervision team (with the Women's Union) finds
shortcomings whose recommendations are answered, one of them late; a supervision through the Community
Investment Supervision Board checks a lane upgrade on site twice; a residential group evaluates the
officials and party members who live there (QĐ 218); a draft is criticised and answered point by point.
No source describes this year: every name and figure here is illustrative ("minh họa"), and nothing is
published on the public page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from mattran.core.authz import DEMO
from mattran.meetings import actions as meeting_actions
from mattran.meetings.models import MeetingKind
from mattran.org import actions as org_actions
from mattran.org.models import Agency, AgencyKind, Level, MemberOrganization, MemberOrgKind, Unit

from . import actions
from .models import (
    ActivityForm,
    CriticismForm,
    EvaluationResult,
    PointResponse,
    SubjectKind,
    SupervisionProgramme,
    TeamRole,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2026
UBND = "Ủy ban nhân dân phường Bồ Đề"


def _d(month: int, day: int) -> dt.date:
    return dt.date(YEAR, month, day)


def _agency(unit: Unit, name: str, kind: str) -> Agency:
    found = Agency.objects.filter(unit=unit, name=name, active=True).first()
    return found or org_actions.do_create_agency(acting_user=DEMO, unit=unit, name=name, kind=kind)


def _org(unit: Unit, kind: str) -> MemberOrganization | None:
    return MemberOrganization.objects.filter(unit=unit, kind=kind, valid_to__isnull=True).first()


def _team_supervision(programme: SupervisionProgramme, ubnd: Agency) -> None:
    unit = programme.unit
    women = _org(unit, MemberOrgKind.WOMEN)
    a = actions.do_add_activity(
        programme,
        acting_user=DEMO,
        title="Việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi trên địa bàn phường",
        form=ActivityForm.TEAM,
        planned_start=_d(3, 2),
        planned_end=_d(4, 30),
        participants=[women] if women else [],
    )
    actions.do_add_subject(a, acting_user=DEMO, kind=SubjectKind.BODY, name=UBND)
    members: list[dict[str, Any]] = [
        {"name": "Nguyễn Văn Minh (minh họa)", "title": "Chủ tịch Ủy ban MTTQ phường", "role": TeamRole.HEAD},
        {
            "name": "Trần Thị Lan (minh họa)",
            "title": "Phó Chủ tịch Ủy ban MTTQ phường",
            "role": TeamRole.DEPUTY,
        },
    ]
    if women:
        members.append(
            {
                "name": "Lê Thị Hòa (minh họa)",
                "title": "Chủ tịch Hội",
                "role": TeamRole.MEMBER,
                "member_org": women,
            }
        )
    actions.do_establish_team(
        a, acting_user=DEMO, decision_number="05/QĐ-MTTQ", decision_on=_d(3, 2), members=members
    )
    actions.do_record_plan(
        a,
        acting_user=DEMO,
        plan_on=_d(3, 3),
        plan_number="06/KH-MTTQ",
        purpose="Đánh giá việc cấp, đổi thẻ và chi trả bảo hiểm y tế cho người cao tuổi; kiến nghị khắc phục hạn chế.",
        content="Nghe báo cáo của UBND phường; làm việc trực tiếp tại 3 tổ dân phố; kiểm tra hồ sơ cấp thẻ.\n"
        "Tiến độ: tháng 3 làm việc, tháng 4 báo cáo kết quả.",
    )
    actions.do_notify_subject(a, acting_user=DEMO, notice_on=_d(3, 5))
    actions.do_record_session(
        a, acting_user=DEMO, held_on=_d(3, 16), place="Trụ sở UBND phường", notes="Nghe báo cáo"
    )
    actions.do_record_session(
        a, acting_user=DEMO, held_on=_d(3, 24), place="Tổ dân phố số 3", notes="Kiểm tra hồ sơ"
    )
    actions.do_add_finding(
        a, acting_user=DEMO, text="Cấp thẻ kịp thời cho 96% người cao tuổi.", is_shortcoming=False
    )
    f1 = actions.do_add_finding(
        a, acting_user=DEMO, text="Còn 12 người trên 80 tuổi chưa được cấp thẻ (minh họa)."
    )
    f2 = actions.do_add_finding(a, acting_user=DEMO, text="Chưa niêm yết công khai danh sách được cấp thẻ.")
    actions.do_conclude_activity(
        a, acting_user=DEMO, conclusion="UBND phường cơ bản thực hiện đúng chính sách; còn hạn chế cần khắc phục.",
        concluded_on=_d(4, 6), report_number="12/BC-MTTQ",
    )  # fmt: skip
    r1 = actions.do_make_recommendation(
        a, acting_user=DEMO, content="Rà soát, cấp thẻ bảo hiểm y tế cho 12 người cao tuổi còn thiếu.",
        addressee="", agency=ubnd, working_days=15, issued_on=_d(4, 7), finding=f1,
    )  # fmt: skip
    r2 = actions.do_make_recommendation(
        a, acting_user=DEMO, content="Niêm yết công khai danh sách tại nhà văn hóa các tổ dân phố.",
        addressee="", agency=ubnd, working_days=10, issued_on=_d(4, 7), finding=f2,
    )  # fmt: skip
    actions.do_answer_recommendation(
        r1, acting_user=DEMO, answered_on=r1.due_on + dt.timedelta(days=9), answer_number="215/UBND",
        answer="Đã cấp thẻ cho 12 người; trả lời chậm do chờ cơ quan bảo hiểm xã hội.",
    )  # fmt: skip
    actions.do_answer_recommendation(
        r2,
        acting_user=DEMO,
        answered_on=r2.due_on,
        answer="Đã niêm yết tại 14 tổ dân phố.",
        answer_number="180/UBND",
    )


def _investment_supervision(programme: SupervisionProgramme, ubnd: Agency) -> None:
    a = actions.do_add_activity(
        programme,
        acting_user=DEMO,
        title="Dự án cải tạo, nâng cấp ngõ 190 phố Bồ Đề (minh họa)",
        form=ActivityForm.INVESTMENT_BOARD,
        planned_start=_d(6, 1),
        planned_end=_d(10, 31),
    )
    actions.do_add_subject(
        a, acting_user=DEMO, kind=SubjectKind.BODY, name="Ban Quản lý dự án đầu tư xây dựng (chủ đầu tư)"
    )
    actions.do_record_plan(
        a,
        acting_user=DEMO,
        plan_on=_d(5, 25),
        purpose="Giám sát chất lượng, tiến độ thi công và công khai dự án theo Luật Thực hiện dân chủ ở cơ sở.",
        content="Ban Giám sát đầu tư của cộng đồng kiểm tra hiện trường hai lần: khi thi công nền và khi nghiệm thu.",
    )
    actions.do_notify_subject(a, acting_user=DEMO, notice_on=_d(5, 28))
    actions.do_record_session(
        a, acting_user=DEMO, held_on=_d(7, 10), place="Hiện trường ngõ 190", notes="Kiểm tra lần 1"
    )
    actions.do_add_finding(
        a, acting_user=DEMO, text="Chưa có bảng công khai thông tin dự án tại hiện trường."
    )
    actions.do_record_session(
        a, acting_user=DEMO, held_on=_d(9, 15), place="Hiện trường ngõ 190", notes="Kiểm tra lần 2"
    )
    actions.do_add_finding(
        a, acting_user=DEMO, text="Đã lắp bảng công khai; thi công đúng tiến độ.", is_shortcoming=False
    )
    actions.do_make_recommendation(
        a, acting_user=DEMO, content="Yêu cầu chủ đầu tư lắp bảng công khai thông tin dự án.",
        addressee="", agency=ubnd, working_days=10, issued_on=_d(7, 13),
    )  # fmt: skip


def _residential_evaluation(unit: Unit) -> None:
    area = (
        Unit.objects.filter(parent=unit, level__code=Level.RESIDENTIAL, valid_to__isnull=True)
        .order_by("pk")
        .first()
    )
    if area is None:
        return
    evaluation = actions.do_open_evaluation(acting_user=DEMO, unit=area, year=YEAR, held_on=_d(11, 20))
    for name, result, remarks in [
        ("Phạm Văn An (minh họa)", EvaluationResult.GOOD, ""),
        ("Đỗ Thị Bình (minh họa)", EvaluationResult.FAIR, ""),
        (
            "Vũ Văn Cường (minh họa)",
            EvaluationResult.SHORTCOMING,
            "Chưa gương mẫu chấp hành quy định về vệ sinh môi trường.",
        ),
    ]:
        actions.do_evaluate_person(evaluation, acting_user=DEMO, name=name, result=result, remarks=remarks)


def _criticism(unit: Unit) -> None:
    d = actions.do_receive_draft(
        acting_user=DEMO, unit=unit, title="Dự thảo Kế hoạch chỉnh trang đô thị phường năm 2027 (minh họa)",
        drafting_body=UBND, received_on=_d(10, 1), comments_due=_d(10, 20), form=CriticismForm.CONFERENCE,
    )  # fmt: skip
    actions.do_add_criticism_participant(d, acting_user=DEMO, name="Kiến trúc sư (minh họa)", is_expert=True)
    p1 = actions.do_add_criticism_point(
        d, acting_user=DEMO, content="Lấy ý kiến cư dân các tổ dân phố trước khi phê duyệt."
    )
    p2 = actions.do_add_criticism_point(
        d, acting_user=DEMO, content="Bổ sung nguồn kinh phí xã hội hóa có kiểm soát."
    )
    actions.do_send_criticism(d, acting_user=DEMO, sent_on=_d(10, 15), document_number="31/MTTQ-BTT")
    actions.do_record_point_response(p1, acting_user=DEMO, response=PointResponse.ACCEPTED)
    actions.do_record_point_response(
        p2, acting_user=DEMO, response=PointResponse.PARTLY, explanation="Chỉ huy động cho hạng mục cây xanh."
    )


@transaction.atomic
def load() -> list[str]:
    """Enter the ward's year once."""
    bo_de = Unit.objects.filter(structure="2025", level__code=Level.COMMUNE, code="00118").first()
    if bo_de is None or SupervisionProgramme.objects.filter(unit=bo_de, year=YEAR).exists():
        return []
    ubnd = _agency(bo_de, UBND, AgencyKind.PEOPLES_COMMITTEE)
    meeting = meeting_actions.do_create_meeting(
        acting_user=DEMO,
        unit=bo_de,
        kind=MeetingKind.COMMITTEE,
        title="Hội nghị Ủy ban MTTQ phường thông qua chương trình giám sát năm 2026 (minh họa)",
        starts_at=dt.datetime(YEAR, 1, 15, 8, 0, tzinfo=VN),
    )
    programme = actions.do_create_programme(acting_user=DEMO, unit=bo_de, year=YEAR)
    programme = actions.do_adopt_programme(programme, acting_user=DEMO, meeting=meeting)
    _team_supervision(programme, ubnd)
    _investment_supervision(programme, ubnd)
    _residential_evaluation(bo_de)
    _criticism(bo_de)
    return [f"Giám sát, phản biện năm {YEAR} của phường Bồ Đề (minh họa)"]
