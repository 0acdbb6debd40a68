"""What a conference record holds when the source is partial: no hour, no headcount, a vote as a share,
seats added by number, a speaker on conclusions; and the figures announced at the meeting."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from mattran.core.errors import ActionError
from mattran.meetings import actions, news
from mattran.meetings.models import (
    ChangeAction,
    ConclusionKind,
    ConsultationChange,
    DayPart,
    Meeting,
    MeetingFigure,
    MeetingKind,
    Qualifier,
    Vote,
)
from mattran.people.models import Membership, Position
from mattran.reports.models import Indicator, Measure
from tests.conftest import SYSTEM
from tests.meetings.helpers import at, consultation, meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 1, 7)


def _no_hour(tree, **extra):
    t, members = committee(tree.commune, 5)
    m = actions.do_create_meeting(
        acting_user=SYSTEM,
        unit=tree.commune,
        term=t,
        kind=MeetingKind.COMMITTEE,
        number=7,
        title="Tổng kết công tác Mặt trận năm 2020",
        starts_at=at(DAY, 14),
        time_known=False,
        day_part=DayPart.MORNING,
        **extra,
    )
    return t, members, m


def test_it_keeps_no_hour_when_the_source_gives_only_the_morning(tree, client, people):
    _t, _members, m = _no_hour(tree)
    m.refresh_from_db()
    assert (m.time_known, m.start_time, m.day_part, m.date) == (False, None, DayPart.MORNING, DAY)
    assert m.attendees_count is None
    assert news.compose(m).lead.startswith("Sáng ngày 07/01/2021")
    client.force_login(people.ward_editor)
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "nguồn không nêu giờ" in page and "14:00" not in page and "00:00" not in page
    minutes = Document(io.BytesIO(client.get(f"/hoi-nghi/{m.pk}/bien-ban.docx").content))
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "Thời gian: Sáng ngày 07/01/2021." in text and "giờ" not in text.split("Thời gian:")[1][:20]


def test_it_records_a_meeting_without_an_hour_from_the_form(client, tree, people):
    t, _ = committee(tree.commune, 3)
    client.force_login(people.ward_editor)
    data = {"kind": "hoi_nghi_uy_ban", "term": t.pk, "number": 2, "title": "Hội nghị thường kỳ"}
    response = client.post(
        f"/hoi-nghi/don-vi/{tree.commune.pk}/ghi/", {**data, "date": "2021-01-07", "day_part": "chieu"}
    )
    m = Meeting.objects.get(number=2)
    assert response.status_code == 302
    assert (m.time_known, m.part_of_day, m.attendees_count) == (False, DayPart.AFTERNOON, None)


def test_it_refuses_an_end_hour_before_the_start_and_records_nothing(client, tree, people):
    t, _ = committee(tree.commune, 3)
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/don-vi/{tree.commune.pk}/ghi/",
        {
            "kind": "hoi_nghi_uy_ban",
            "term": t.pk,
            "title": "Hội nghị",
            "date": "2021-01-07",
            "time": "14:00",
            "end_time": "08:00",
        },
    )
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_records_a_vote_as_the_share_the_source_gives_without_inventing_counts(tree, client, people):
    _t, _members, m = _no_hour(tree)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo tổng kết")
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/bieu-quyet/{vote.pk}/ghi-theo-nguon/",
        {"passed": "1", "reported_share": "100", "as_printed": "100% đại biểu tán thành"},
    )
    assert response.status_code == 302
    vote.refresh_from_db()
    assert (vote.present, vote.votes_for, vote.votes_against, vote.not_voting) == (None, None, None, None)
    assert (vote.passed, vote.reported_share, vote.share_label) == (True, Decimal("100.00"), "100%")
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "100% đại biểu tán thành" in page and "số phiếu: nguồn không nêu" in page
    assert "(100% đại biểu tán thành): thông qua" in news.compose(m).body


def test_it_refuses_a_share_that_contradicts_the_outcome_and_changes_nothing(tree):
    _t, _members, m = _no_hour(tree)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    with pytest.raises(ActionError) as err:
        actions.do_record_vote_outcome(vote, acting_user=SYSTEM, passed=True, reported_share="40")
    assert err.value.field == "passed"
    with pytest.raises(ActionError) as err:
        actions.do_record_vote_outcome(vote, acting_user=SYSTEM, passed=True, reported_share="120")
    assert "từ 0 đến 100" in err.value.message
    with pytest.raises(ActionError):
        actions.do_record_vote_outcome(vote, acting_user=SYSTEM, passed=True)
    assert Vote.objects.get(pk=vote.pk).recorded_at is None


def test_it_adds_and_relieves_members_by_number_and_names_them_later(tree, client, people):
    _t, members, m = _no_hour(tree)
    item = consultation(m)
    client.force_login(people.ward_editor)
    url = f"/hoi-nghi/noi-dung/{item.pk}/de-xuat-so-luong/"
    assert client.post(url, {"action": ChangeAction.RELIEVE, "count": "2"}).status_code == 302
    assert (
        client.post(url, {"action": ChangeAction.ADD, "count": "3", "position": Position.MEMBER}).status_code
        == 302
    )
    seats = list(item.changes.all())
    assert [(s.action, s.is_named) for s in seats] == [(ChangeAction.RELIEVE, False)] * 2 + [
        (ChangeAction.ADD, False)
    ] * 3
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Hiệp thương", agenda_item=item)
    actions.do_record_vote_outcome(vote, acting_user=SYSTEM, passed=True, as_printed="nhất trí")
    assert not Membership.objects.filter(started_by_meeting=m).exists()
    assert not Membership.objects.filter(ended_by_meeting=m).exists()
    # Names found later: one member relieved, one person added — each takes effect dated from the meeting.
    response = client.post(f"/hoi-nghi/de-xuat/{seats[0].pk}/ghi-ten/", {"membership": members[-1].pk})
    assert response.status_code == 302
    client.post(f"/hoi-nghi/de-xuat/{seats[2].pk}/ghi-ten/", {"person_name": "Phạm Văn Tâm"})
    ended = Membership.objects.get(ended_by_meeting=m)
    started = Membership.objects.get(started_by_meeting=m)
    assert (ended.pk, ended.end) == (members[-1].pk, DAY)
    assert (started.person.full_name, started.position, started.start) == (
        "Phạm Văn Tâm",
        Position.MEMBER,
        DAY,
    )
    assert (
        ConsultationChange.objects.filter(agenda_item=item, person__isnull=True, action="cu_bo_sung").count()
        == 2
    )


def test_it_refuses_a_count_out_of_range_and_a_second_name(tree):
    _t, _members, m = _no_hour(tree)
    item = consultation(m)
    with pytest.raises(ActionError) as err:
        actions.do_propose_unnamed_seats(item, acting_user=SYSTEM, action=ChangeAction.ADD, count=0)
    assert err.value.field == "count"
    with pytest.raises(ActionError):
        actions.do_propose_unnamed_seats(item, acting_user=SYSTEM, action=ChangeAction.REPLACE, count=2)
    (seat,) = actions.do_propose_unnamed_seats(
        item, acting_user=SYSTEM, action=ChangeAction.ADD, count=1, position=Position.MEMBER
    )
    actions.do_name_consultation_change(seat, acting_user=SYSTEM, person_name="Phạm Văn Tâm")
    with pytest.raises(ActionError) as err:
        actions.do_name_consultation_change(seat, acting_user=SYSTEM, person_name="Lê Văn Hòa")
    assert err.value.status == 409
    assert ConsultationChange.objects.get(pk=seat.pk).person.full_name == "Phạm Văn Tâm"


def test_it_records_the_speaker_of_a_directive_with_the_title_as_written(tree, client, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=DAY)
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/{m.pk}/them/ket-luan/",
        {
            "kind": ConclusionKind.DIRECTIVE,
            "by_name": "Đỗ Văn Chiến",
            "by_title": "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam",
            "text": "Yêu cầu các địa phương triển khai nghiêm túc chương trình năm 2024",
        },
    )
    assert response.status_code == 302
    c = m.conclusions.get()
    assert (c.by.full_name, c.by_title) == ("Đỗ Văn Chiến", "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam")
    assert (
        "Đỗ Văn Chiến, Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"
        in client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    )
    with pytest.raises(ActionError) as err:
        actions.do_add_conclusion(m, acting_user=SYSTEM, text="Kết luận", by_title="Bí thư")
    assert err.value.field == "by_name"


def _money_indicator() -> Indicator:
    return Indicator.objects.create(
        code="gia-tri-qua-thu",
        name="Giá trị quà tặng (thử)",
        measure=Measure.DONG,
        aggregation="sum",
        period_kind="M",
    )


def test_it_records_a_figure_as_printed_with_money_typed_as_cadres_write_it(tree, client, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=DAY, period_start=dt.date(2020, 7, 1), period_end=dt.date(2020, 12, 31))
    ind = _money_indicator()
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/{m.pk}/them/so-lieu/",
        {
            "indicator": ind.pk,
            "qualifier": Qualifier.OVER,
            "value": "1 tỷ",
            "as_printed": "trao quà trị giá trên 1 tỷ đồng",
        },
    )
    assert response.status_code == 302
    f = MeetingFigure.objects.get()
    assert (f.indicator, f.value, f.qualifier, f.to_check) == (ind, 1_000_000_000, Qualifier.OVER, False)
    assert (f.period_start, f.period_end) == (
        dt.date(2020, 7, 1),
        dt.date(2020, 12, 31),
    )  # the meeting's period
    assert f.value_label == "trên 1.000.000.000 đồng"
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "trên 1.000.000.000 đồng" in page and "trao quà trị giá trên 1 tỷ đồng" in page


def test_it_keeps_an_unclear_figure_to_check_and_refuses_bad_input_changing_nothing(tree, client, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=DAY)
    client.force_login(people.ward_editor)
    url = f"/hoi-nghi/{m.pk}/them/so-lieu/"
    bad = client.post(url, {"label": "Giá trị quà", "measure": "đồng", "qualifier": "dung", "value": "1,5"})
    assert "Số tiền không hợp lệ" in bad.content.decode()
    missing = client.post(url, {"label": "Suất quà", "qualifier": "dung", "value": ""})
    assert "cần kiểm tra lại" in missing.content.decode()
    neither = client.post(url, {"qualifier": "dung", "value": "12"})
    assert "Chọn chỉ tiêu hoặc nhập tên số liệu." in neither.content.decode()
    assert not MeetingFigure.objects.exists()
    ok = client.post(
        url,
        {
            "label": "Suất quà",
            "measure": "suất",
            "qualifier": "khoang",
            "value": "",
            "to_check": "on",
            "as_printed": "3.568 (hoặc 3.586?) suất quà",
        },
    )
    assert ok.status_code == 302
    f = MeetingFigure.objects.get()
    assert (f.value, f.to_check, f.value_label) == (None, True, "chưa rõ")
    assert "cần kiểm tra lại" in client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    client.post(f"/hoi-nghi/so-lieu/{f.pk}/xoa/")
    assert not MeetingFigure.objects.exists()


def test_it_forbids_others_from_recording_figures(tree, client, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=DAY)
    client.force_login(people.outsider)
    response = client.post(
        f"/hoi-nghi/{m.pk}/them/so-lieu/", {"label": "x", "qualifier": "dung", "value": "1"}
    )
    assert response.status_code == 403
    assert not MeetingFigure.objects.exists()
