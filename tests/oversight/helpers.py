"""Building a supervision through the actions, step by step, in the small tree of tests/conftest.py."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mattran.meetings import actions as meeting_actions
from mattran.meetings.models import MeetingKind
from mattran.org import actions as org_actions
from mattran.org.models import MemberOrganization, MemberOrgKind, Unit
from mattran.oversight import actions
from mattran.oversight.models import (
    ActivityForm,
    CriticismDraft,
    CriticismForm,
    Recommendation,
    SubjectKind,
    SupervisionActivity,
    SupervisionProgramme,
    TeamRole,
)
from tests.conftest import SYSTEM

YEAR = 2025
MONDAY = dt.date(2025, 3, 3)


def member_org(
    unit: Unit, kind: str = MemberOrgKind.WOMEN, name: str = "Hội Liên hiệp Phụ nữ xã"
) -> MemberOrganization:
    return org_actions.do_create_member_org(acting_user=SYSTEM, unit=unit, kind=kind, name=name)


def adopted_programme(unit: Unit, year: int = YEAR) -> SupervisionProgramme:
    programme = actions.do_create_programme(acting_user=SYSTEM, unit=unit, year=year)
    meeting = meeting_actions.do_create_meeting(
        acting_user=SYSTEM,
        unit=unit,
        kind=MeetingKind.COMMITTEE,
        title="Hội nghị Ủy ban thông qua chương trình giám sát",
        starts_at=timezone.make_aware(dt.datetime(year, 1, 15, 8, 0)),
    )
    return actions.do_adopt_programme(programme, acting_user=SYSTEM, meeting=meeting)


def planned_activity(unit: Unit, *, orgs: list[MemberOrganization] | None = None) -> SupervisionActivity:
    programme = SupervisionProgramme.objects.filter(unit=unit, year=YEAR).first() or adopted_programme(unit)
    activity = actions.do_add_activity(
        programme,
        acting_user=SYSTEM,
        title="Việc thực hiện chính sách bảo hiểm y tế cho người cao tuổi",
        form=ActivityForm.TEAM,
        planned_start=MONDAY,
        planned_end=MONDAY + dt.timedelta(days=30),
        participants=orgs or [],
    )
    actions.do_add_subject(activity, acting_user=SYSTEM, kind=SubjectKind.BODY, name="Ủy ban nhân dân xã")
    return activity


def under_way(unit: Unit) -> SupervisionActivity:
    """An activity with its team, plan, notice and one session."""
    org = member_org(unit)
    activity = planned_activity(unit, orgs=[org])
    actions.do_establish_team(
        activity,
        acting_user=SYSTEM,
        decision_number="12/QĐ-MTTQ",
        decision_on=MONDAY,
        members=[
            {"name": "Nguyễn Văn Trưởng", "title": "Chủ tịch Ủy ban MTTQ xã", "role": TeamRole.HEAD},
            {"name": "Trần Thị Hoa", "title": "Chủ tịch Hội", "role": TeamRole.MEMBER, "member_org": org},
        ],
    )
    actions.do_record_plan(
        activity, acting_user=SYSTEM, plan_on=MONDAY, purpose="Đánh giá việc thực hiện chính sách.",
        content="Nghe báo cáo, làm việc trực tiếp, kiểm tra hồ sơ.", plan_number="15/KH-MTTQ",
    )  # fmt: skip
    actions.do_notify_subject(activity, acting_user=SYSTEM, notice_on=MONDAY + dt.timedelta(days=1))
    actions.do_record_session(
        activity, acting_user=SYSTEM, held_on=MONDAY + dt.timedelta(days=7), place="Trụ sở UBND xã"
    )
    activity.refresh_from_db()
    return activity


def recommendation(unit: Unit, *, issued_on: dt.date = MONDAY + dt.timedelta(days=14)) -> Recommendation:
    activity = under_way(unit)
    return actions.do_make_recommendation(
        activity,
        acting_user=SYSTEM,
        content="Rà soát, cấp thẻ bảo hiểm y tế cho 12 người cao tuổi còn thiếu.",
        addressee="Ủy ban nhân dân xã",
        working_days=15,
        issued_on=issued_on,
    )


def png(name: str = "hien-truong.png") -> SimpleUploadedFile:
    """A real PNG made here (one white pixel), as a phone would send it."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\xff\xff"
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    data = b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, data, content_type="image/png")


def draft(unit: Unit) -> CriticismDraft:
    d = actions.do_receive_draft(
        acting_user=SYSTEM,
        unit=unit,
        title="Dự thảo Đề án sắp xếp tổ dân phố",
        drafting_body="Ủy ban nhân dân xã",
        received_on=MONDAY,
        comments_due=MONDAY + dt.timedelta(days=20),
        form=CriticismForm.CONFERENCE,
    )
    actions.do_add_criticism_point(d, acting_user=SYSTEM, content="Cần lấy ý kiến cử tri trước khi sáp nhập.")
    return d
