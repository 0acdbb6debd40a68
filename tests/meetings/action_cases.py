"""Every meetings action, ready to be called by an actor without the permission
(tests/core/test_every_action_authorises.py): the records it needs are made by the system actor of the
tests, on the commune of the test tree; the call is refused for an editor of another province, an
anonymous user and no actor at all, and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.meetings import actions
from mattran.meetings.models import AttendanceStatus, ChangeAction, Meeting, MeetingKind, NewsItem
from mattran.people.models import Position
from mattran.reports import actions as report_actions
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.models import Indicator, ReportForm
from mattran.reports.periods import Period
from tests.conftest import SYSTEM
from tests.meetings.helpers import all_present, at, consultation, meeting
from tests.people.factories import committee

Call = Callable[[Any], object]


def _held(w: Any) -> tuple[Meeting, list]:
    """A meeting of the commune's committee (three members, all present)."""
    term, members = committee(w.tree.commune, 3)
    m = meeting(w.tree.commune, term)
    all_present(m, members)
    return m, members


def _news(w: Any, *, published: bool = False) -> NewsItem:
    m, _ = _held(w)
    item = actions.do_generate_news_item(m, acting_user=SYSTEM)
    if published:
        text = {"title": item.title, "lead": item.lead, "body": item.body}
        item = actions.do_publish_news_item(item, acting_user=SYSTEM, **text)
    return item


def _create(w: Any) -> Call:
    term, _ = committee(w.tree.commune, 3)
    return lambda actor: actions.do_create_meeting(
        acting_user=actor,
        unit=w.tree.commune,
        term=term,
        kind=MeetingKind.COMMITTEE,
        number=1,
        title="Tổng kết công tác Mặt trận năm 2020",
        starts_at=at(dt.date(2021, 1, 7)),
    )


def _attendance(w: Any) -> Call:
    m, members = _held(w)
    statuses = {members[0].pk: AttendanceStatus.EXCUSED}
    return lambda actor: actions.do_record_attendance(m, acting_user=actor, statuses=statuses)


def _record_vote(w: Any) -> Call:
    m, _ = _held(w)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    return lambda actor: actions.do_record_vote(vote, acting_user=actor, votes_for=3)


def _propose(w: Any) -> Call:
    m, members = _held(w)
    item = consultation(m)
    return lambda actor: actions.do_propose_consultation_change(
        item, acting_user=actor, action=ChangeAction.RELIEVE, membership=members[0]
    )


def _record_outcome(w: Any) -> Call:
    m, _ = _held(w)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    return lambda actor: actions.do_record_vote_outcome(
        vote, acting_user=actor, passed=True, reported_share=100, as_printed="100% tán thành"
    )


def _unnamed(w: Any) -> Call:
    m, _ = _held(w)
    item = consultation(m)
    return lambda actor: actions.do_propose_unnamed_seats(
        item, acting_user=actor, action=ChangeAction.ADD, count=5, position=Position.MEMBER
    )


def _name_seat(w: Any) -> Call:
    m, _ = _held(w)
    item = consultation(m)
    (seat,) = actions.do_propose_unnamed_seats(
        item, acting_user=SYSTEM, action=ChangeAction.ADD, count=1, position=Position.MEMBER
    )
    return lambda actor: actions.do_name_consultation_change(
        seat, acting_user=actor, person_name="Phạm Văn Tâm"
    )


def _remove_figure(w: Any) -> Call:
    m, _ = _held(w)
    figure = actions.do_add_meeting_figure(m, acting_user=SYSTEM, label="Suất quà đã trao", value=120)
    return lambda actor: actions.do_remove_meeting_figure(figure, acting_user=actor)


def _use_figure(w: Any) -> Call:
    ensure_catalogue()
    december = Period("M", dt.date(2020, 12, 1))
    m = actions.do_create_meeting(
        acting_user=SYSTEM,
        unit=w.tree.commune,
        kind=MeetingKind.STANDING_BOARD,
        title="Giao ban tháng 12 năm 2020",
        starts_at=at(dt.date(2021, 1, 5)),
        period_start=december.start,
        period_end=december.end,
    )
    figure = actions.do_add_meeting_figure(
        m, acting_user=SYSTEM, indicator=Indicator.objects.get(code="QUY-VNN-THU"), value=150_000_000
    )
    sub = report_actions.do_open_submission(
        acting_user=SYSTEM, form=ReportForm.objects.get(code="BM-THANG"), unit=w.tree.commune, period=december
    )
    return lambda actor: actions.do_use_figure_in_report(figure, acting_user=actor, submission=sub)


def _attach(w: Any) -> Call:
    m, _ = _held(w)

    def call(actor: Any) -> object:
        upload = SimpleUploadedFile(
            "bien-ban.pdf", b"%PDF-1.4\n" + b"x" * 100, content_type="application/pdf"
        )
        return actions.do_add_attachment(m, acting_user=actor, upload=upload)

    return call


def _on_meeting(name: str, **kwargs: Any) -> Callable[[Any], Call]:
    """A case for an action taking the meeting and keyword arguments."""

    def case(w: Any) -> Call:
        m, _ = _held(w)
        return lambda actor: getattr(actions, name)(m, acting_user=actor, **kwargs)

    return case


def _on_news(name: str, *, published: bool = False, **kwargs: Any) -> Callable[[Any], Call]:
    """A case for an action taking a news item (a draft, or a published one) and keyword arguments."""

    def case(w: Any) -> Call:
        item = _news(w, published=published)
        return lambda actor: getattr(actions, name)(item, acting_user=actor, **kwargs)

    return case


NEWS_TEXT = {"title": "Xã An tổng kết năm 2020", "lead": "Sáng 7/1, xã An tổ chức hội nghị.", "body": "Đoạn."}

CASES = {
    "do_create_meeting": _create,
    "do_update_meeting": _on_meeting("do_update_meeting", venue="Hội trường UBND xã"),
    "do_record_attendance": _attendance,
    "do_add_guest": _on_meeting("do_add_guest", person_name="Lê Thị Hoa", title="Bí thư Đảng ủy xã"),
    "do_add_agenda_item": _on_meeting("do_add_agenda_item", title="Tổng kết công tác Mặt trận năm 2020"),
    "do_add_opinion": _on_meeting(
        "do_add_opinion", gist="Nhất trí với báo cáo", speaker_name="Trần Thị Bình"
    ),
    "do_add_conclusion": _on_meeting("do_add_conclusion", text="Hội nghị thống nhất các nội dung"),
    "do_add_decision": _on_meeting("do_add_decision", text="Thông qua báo cáo tổng kết", number="01/NQ"),
    "do_add_attachment": _attach,
    "do_open_vote": _on_meeting("do_open_vote", subject="Thông qua báo cáo"),
    "do_record_vote": _record_vote,
    "do_propose_consultation_change": _propose,
    "do_propose_unnamed_seats": _unnamed,
    "do_name_consultation_change": _name_seat,
    "do_record_vote_outcome": _record_outcome,
    "do_add_meeting_figure": _on_meeting(
        "do_add_meeting_figure", label="Giá trị quà tặng", measure="đồng", value=10**9, qualifier="tren"
    ),
    "do_remove_meeting_figure": _remove_figure,
    "do_use_figure_in_report": _use_figure,
    "do_generate_news_item": _on_meeting("do_generate_news_item"),
    "do_regenerate_news_item": _on_news("do_regenerate_news_item"),
    "do_update_news_item": _on_news("do_update_news_item", **NEWS_TEXT),
    "do_publish_news_item": _on_news("do_publish_news_item", **NEWS_TEXT),
    "do_unpublish_news_item": _on_news("do_unpublish_news_item", published=True),
}
