"""A ward's year of citizens' voice (Phường Bồ Đề, Hà Nội): a few hundred cases of every kind and channel,
forwarded to the ward's directory of bodies and answered — most on time, some late, some still overdue,
some re-opened after the citizen's rating, a few merged, two escalated, one sealed denunciation, and the
voters' recommendations of two voter meetings for the People's Council session. All through the actions.

The people are illustrative (generated names, marked as such in the text); nothing is published on the
public portal, whose published answers must be real.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mattran.core.authz import DEMO
from mattran.core.workdays import add_working_days
from mattran.meetings.actions import do_create_meeting
from mattran.meetings.models import MeetingKind
from mattran.org.actions import do_create_agency
from mattran.org.models import Agency, AgencyKind, Level, Unit
from mattran.people.demo import illustrative_name

from . import actions, catalogue
from .models import Case, Channel, Field, Kind, Status, Urgency

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CASES = 320
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

AGENCIES = [
    ("Ủy ban nhân dân phường Bồ Đề", AgencyKind.PEOPLES_COMMITTEE),
    ("Hội đồng nhân dân phường Bồ Đề", AgencyKind.PEOPLES_COUNCIL),
    ("Công an phường Bồ Đề", AgencyKind.POLICE),
    ("Phòng Kinh tế, Hạ tầng và Đô thị phường Bồ Đề", AgencyKind.DEPARTMENT),
    ("Phòng Văn hóa - Xã hội phường Bồ Đề", AgencyKind.DEPARTMENT),
    ("Điện lực Long Biên", AgencyKind.PUBLIC_SERVICE),
    ("Công ty Nước sạch số 2 Hà Nội", AgencyKind.PUBLIC_SERVICE),
    ("Hội Cựu chiến binh phường Bồ Đề", AgencyKind.MEMBER_ORG),
]

# (field code, summary, body index): what a ward hears, and who answers it.
MATTERS = [
    ("moi-truong", "Rác thải tập kết trái phép ở đầu ngõ", 0),
    ("moi-truong", "Tiếng ồn từ quán karaoke sau 22 giờ", 2),
    ("ha-tang-giao-thong", "Đường ngõ xuống cấp, ổ gà sau mưa", 3),
    ("ha-tang-giao-thong", "Đèn chiếu sáng ngõ hỏng nhiều ngày", 3),
    ("dien-nuoc", "Mất nước sinh hoạt kéo dài", 6),
    ("dien-nuoc", "Cột điện nghiêng, dây điện võng thấp", 5),
    ("trat-tu-an-ninh", "Xe máy đỗ chiếm vỉa hè, lòng đường", 2),
    ("xay-dung-do-thi", "Công trình xây dựng không che chắn", 3),
    ("dat-dai", "Chậm cấp giấy chứng nhận quyền sử dụng đất", 0),
    ("an-sinh-xa-hoi", "Đề nghị xem xét hộ cận nghèo", 4),
    ("an-sinh-xa-hoi", "Chậm chi trả trợ cấp người cao tuổi", 4),
    ("y-te", "Phun thuốc phòng sốt xuất huyết", 4),
    ("giao-duc", "Trường học thiếu chỗ gửi xe cho phụ huynh", 4),
    ("thu-tuc-hanh-chinh", "Thủ tục chứng thực phải đi lại nhiều lần", 0),
    ("can-bo-cong-chuc", "Thái độ tiếp dân của cán bộ một cửa", 0),
    ("van-hoa-xa-hoi", "Đề nghị sân chơi cho trẻ em tổ dân phố", 1),
]
KIND_MIX = [Kind.OPINION] * 3 + [Kind.RECOMMENDATION] * 5 + [Kind.REPORT] * 6 + [Kind.COMPLAINT]
CHANNELS = [Channel.LETTER, Channel.BOX, Channel.PHONE, Channel.PORTAL, Channel.RESIDENTIAL_MEETING]


def _ward() -> Unit | None:
    return Unit.objects.filter(structure="2025", level__code=Level.COMMUNE, code="00118").first()


def _doc(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _person(i: int) -> dict[str, str]:
    name, _gender = illustrative_name(i + 500)
    return {
        "full_name": name,
        "phone": f"09{(i * 7919) % 100000000:08d}",
        "address": f"Số {i % 90 + 1}, ngõ {i % 40 + 2}",
    }


def _advance(
    case: Case, rng: random.Random, agencies: list[Agency], body: int, today: dt.date, fields
) -> str:
    """Take one case as far as its age allows; return the last step."""
    received = case.received_on
    case = actions.do_classify_case(
        case, acting_user=DEMO, kind=case.kind, field=fields[case.field_id], urgency=case.urgency
    )
    age = (today - received).days
    if age < 3 or rng.random() < 0.04:
        return "classified"
    forwarded_on = add_working_days(received, rng.randint(1, 3))
    if forwarded_on > today:
        return "classified"
    case = actions.do_forward_case(case, acting_user=DEMO, agency=agencies[body], forwarded_on=forwarded_on)
    assert case.answer_due_on is not None
    # Most bodies answer within the deadline; some late; recent ones (and a few stuck ones) not yet.
    roll = rng.random()
    if roll < 0.72:
        answered_on = add_working_days(
            forwarded_on, rng.randint(3, max(4, (case.answer_due_on - forwarded_on).days // 2))
        )
    elif roll < 0.88:
        answered_on = case.answer_due_on + dt.timedelta(days=rng.randint(2, 20))
    else:
        return "forwarded"
    if answered_on > today:
        return "forwarded"
    case = actions.do_record_answer(
        case,
        acting_user=DEMO,
        text=f"{agencies[body].name} đã kiểm tra thực tế và xử lý: {case.summary.lower()} — đã khắc phục, giao tổ dân phố theo dõi.",
        answered_on=answered_on,
        documents=[_doc(f"tra-loi-{case.code}.pdf")],
        reference=f"Số {rng.randint(10, 400)}/{'UBND' if body == 0 else 'CV'}",
    )
    informed_on = add_working_days(answered_on, rng.randint(1, 4))
    if informed_on > today:
        return "answered"
    case = actions.do_inform_citizen(case, acting_user=DEMO, informed_on=informed_on)
    if rng.random() < 0.06:
        actions.do_rate_answer(
            case, acting_user=DEMO, satisfied=False, comment="Sự việc vẫn tái diễn, đề nghị kiểm tra lại."
        )
        actions.do_reopen_case(case, acting_user=DEMO, reason="Người dân chưa hài lòng: sự việc tái diễn")
        return "reopened"
    if rng.random() < 0.5:
        actions.do_rate_answer(case, acting_user=DEMO, satisfied=True)
    if informed_on < today - dt.timedelta(days=10):
        actions.do_close_case(case, acting_user=DEMO)
        return "closed"
    return "informed"


def load() -> list[str]:
    """Create the ward's year of cases once; return what was done."""
    ward = _ward()
    if ward is None or Case.objects.filter(unit=ward).exists():
        return []
    catalogue.ensure()
    rng = random.Random(17)
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)
    agencies = [
        Agency.objects.filter(unit=ward, name=name, active=True).first()
        or do_create_agency(acting_user=DEMO, unit=ward, name=name, kind=kind)
        for name, kind in AGENCIES
    ]
    fields = {f.pk: f for f in Field.objects.all()}
    by_code = {f.code: f for f in fields.values()}
    areas = list(Unit.objects.filter(parent=ward, level__code=Level.RESIDENTIAL, valid_to__isnull=True)[:20])
    steps: dict[str, int] = {}
    for i in range(CASES):
        code, summary, body = MATTERS[i % len(MATTERS)] if rng.random() < 0.8 else rng.choice(MATTERS)
        received = start + dt.timedelta(days=int(rng.random() ** 0.9 * 364))
        while received.weekday() >= 5 and received < today:
            received += dt.timedelta(days=1)
        kind = rng.choice(KIND_MIX)
        case = actions.do_receive_case(
            acting_user=DEMO,
            unit=ward,
            kind=kind,
            summary=summary,
            text=f"{summary}. Người dân đề nghị các cơ quan chức năng sớm kiểm tra, giải quyết. (Dữ liệu minh họa)",
            received_on=received,
            channel=rng.choice(CHANNELS),
            field=by_code[code],
            urgency=Urgency.URGENT if rng.random() < 0.08 else Urgency.NORMAL,
            residential_area=rng.choice(areas) if areas else None,
            submitters=[_person(i)],
            allow_publish=rng.random() < 0.4,
        )
        if (today - received).days < 2:
            steps["received"] = steps.get("received", 0) + 1
            continue
        step = _advance(case, rng, agencies, body, today, fields)
        steps[step] = steps.get(step, 0) + 1
    # Duplicates: the same matter from three neighbours, merged into one case with three submitters.
    same = [
        actions.do_receive_case(
            acting_user=DEMO,
            unit=ward,
            kind=Kind.REPORT,
            summary="Nước thải tràn ra ngõ 7 tổ 12",
            text="Cống thoát nước ngõ 7 tắc, nước thải tràn ra đường. (Dữ liệu minh họa)",
            received_on=today - dt.timedelta(days=6),
            channel=Channel.PHONE,
            field=by_code["moi-truong"],
            submitters=[_person(900 + k)],
        )
        for k in range(3)
    ]
    actions.do_merge_cases(same[0], acting_user=DEMO, duplicates=same[1:])
    # Escalations: beyond the ward's competence.
    escalated = 0
    for case in Case.objects.filter(unit=ward, status=Status.FORWARDED, kind=Kind.COMPLAINT)[:2]:
        actions.do_escalate_case(case, acting_user=DEMO, reason="Vượt thẩm quyền giải quyết của cấp phường")
        escalated += 1
    # The one sealed denunciation, assigned to the ward's administrator.
    sealed = actions.do_receive_case(
        acting_user=DEMO,
        unit=ward,
        kind=Kind.DENUNCIATION,
        summary="Tố cáo việc thu tiền trái quy định khi cấp phép sửa chữa nhà",
        text="Người tố cáo trình bày việc bị yêu cầu nộp tiền ngoài quy định khi xin phép sửa chữa nhà. (Dữ liệu minh họa)",
        received_on=today - dt.timedelta(days=12),
        channel=Channel.LETTER,
        field=by_code["can-bo-cong-chuc"],
        submitters=[_person(999)],
    )
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(username="bode.quantri").first()
    if admin is not None:
        actions.do_assign_handlers(sealed, acting_user=DEMO, handlers=[admin])
    # Voters' recommendations: two voter meetings for the People's Council session.
    session = actions.do_create_council_session(
        acting_user=DEMO,
        unit=ward,
        body="hdnd",
        name="Kỳ họp thường lệ cuối năm HĐND phường Bồ Đề",
        opens_on=today + dt.timedelta(days=10),
    )
    voters = 0
    for m in range(2):
        day = today - dt.timedelta(days=20 - m * 7)
        meeting = do_create_meeting(
            acting_user=DEMO,
            unit=ward,
            kind=MeetingKind.VOTER_CONTACT,
            title=f"Hội nghị tiếp xúc cử tri trước kỳ họp HĐND phường, cụm {m + 1}",
            starts_at=dt.datetime(day.year, day.month, day.day, 8, tzinfo=VN),
            venue="Nhà văn hóa tổ dân phố",
        )
        for k in range(6):
            code, summary, body = MATTERS[(k * 3 + m) % len(MATTERS)]
            actions.do_receive_case(
                acting_user=DEMO,
                unit=ward,
                kind=Kind.RECOMMENDATION,
                summary=f"Cử tri kiến nghị: {summary.lower()}",
                text=f"Cử tri kiến nghị: {summary.lower()}. (Dữ liệu minh họa)",
                received_on=day,
                channel=Channel.VOTER_MEETING,
                meeting=meeting,
                council_session=session,
                field=by_code[code],
                submitters=[_person(700 + m * 10 + k)],
            )
            voters += 1
    overdue = Case.objects.filter(unit=ward).overdue(today).count()
    summary_line = ", ".join(f"{k} {v}" for k, v in sorted(steps.items()))
    return [
        f"Tiếng nói nhân dân: {CASES + 3 + 1 + voters} vụ việc của phường Bồ Đề ({summary_line}); "
        f"{overdue} quá hạn, {escalated} chuyển lên cấp trên, 1 đơn tố cáo bảo mật, {voters} kiến nghị cử tri"
    ]
