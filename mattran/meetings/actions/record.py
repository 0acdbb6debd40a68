"""The meeting's record itself: recording a meeting and correcting its details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import clean_text, format_date_short
from mattran.org.history import require_open_on
from mattran.org.models import EmulationCluster, Unit
from mattran.people.models import Person, Term

from ..models import NUMBERED_KINDS, DayPart, Meeting, MeetingKind
from ._common import RECORD, lock_meeting, log, named_person, text_for

# What do_update_meeting may change (the unit, cluster and participants are fixed once recorded).
MEETING_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "time_known",
    "day_part",
    "end_time",
    "attendees_count",
    "term",
    "number",
    "venue",
    "period_start",
    "period_end",
    "period_label",
    "chair",
    "chair_title",
    "organiser_label",
    "summary",
)


def _check_when(meeting: Meeting) -> None:
    """The time is zone-aware, the unit open that day, and the day within the term (a congress opens one)."""
    if timezone.is_naive(meeting.starts_at):
        raise ActionError(_("Thời gian phải kèm múi giờ."), field="starts_at")
    day = timezone.localtime(meeting.starts_at).date()
    unit, term = meeting.unit, meeting.term
    require_open_on(unit, day, field="starts_at")
    if term is not None:
        if term.unit_id != unit.pk:
            raise ActionError(_("Nhiệm kỳ không thuộc đơn vị tổ chức."), field="term")
        if not term.contains(day) and meeting.kind != MeetingKind.CONGRESS:
            raise ActionError(
                _("Ngày %(day)s nằm ngoài %(term)s.") % {"day": format_date_short(day), "term": term.label},
                field="starts_at",
                code="outside_term",
            )


def _check_number(meeting: Meeting) -> None:
    """A number (lần thứ) only for numbered kinds within a term, and once per kind and term."""
    number, kind, term = meeting.number, meeting.kind, meeting.term
    if number is None:
        return
    if number < 1:
        raise ActionError(_("Số thứ tự phải từ 1 trở lên."), field="number")
    if kind not in NUMBERED_KINDS:
        raise ActionError(_("Loại hội nghị này không đánh số theo nhiệm kỳ."), field="number")
    if term is None:
        raise ActionError(_("Hội nghị có số thứ tự cần chọn nhiệm kỳ."), field="term")
    if Meeting.objects.filter(term=term, kind=kind, number=number).exclude(pk=meeting.pk).exists():
        raise ActionError(
            _("%(term)s đã có %(kind)s lần thứ %(number)s.")
            % {"term": term.label, "kind": MeetingKind(kind).label.lower(), "number": number},
            field="number",
            code="duplicate",
            status=409,
        )


def _check_cluster(meeting: Meeting) -> None:
    """A cluster conference, and only it, is organised by a cluster, hosted by its organiser or a member."""
    cluster, unit = meeting.cluster, meeting.unit
    if cluster is not None and meeting.kind != MeetingKind.CLUSTER:
        raise ActionError(_("Chỉ hội nghị cụm thi đua mới do cụm tổ chức."), field="cluster")
    if meeting.kind == MeetingKind.CLUSTER and cluster is None:
        raise ActionError(_("Hội nghị cụm thi đua cần chọn cụm thi đua."), field="cluster")
    if cluster is not None and not (
        cluster.organiser_id == unit.pk or cluster.memberships.filter(unit=unit).exists()
    ):
        raise ActionError(_("Đơn vị đăng cai phải là thành viên hoặc đơn vị tổ chức của cụm."), field="unit")


def _validate(meeting: Meeting) -> None:
    """Raise ActionError unless the (unsaved) record is a meeting its unit can hold."""
    if meeting.kind not in MeetingKind.values:
        raise ActionError(_("Loại hội nghị không hợp lệ."), field="kind")
    if not meeting.title:
        raise ActionError(_("Cần nhập nội dung chính của hội nghị."), field="title")
    _check_when(meeting)
    _check_number(meeting)
    _check_cluster(meeting)
    if meeting.period_start and meeting.period_end and meeting.period_end < meeting.period_start:
        raise ActionError(_("Kỳ đánh giá: ngày kết thúc phải sau ngày bắt đầu."), field="period_end")
    _check_hours(meeting)


def _check_hours(meeting: Meeting) -> None:
    """An unknown start hour is stored at midnight; an end hour comes after a known start hour."""
    if meeting.day_part not in ("", *DayPart.values):
        raise ActionError(_("Buổi không hợp lệ."), field="day_part")
    if meeting.time_known:
        meeting.day_part = ""  # the hour says it
    else:
        local = timezone.localtime(meeting.starts_at)
        meeting.starts_at = timezone.make_aware(dt.datetime.combine(local.date(), dt.time(0, 0)))
    start = meeting.start_time
    if meeting.end_time is not None and start is not None and meeting.end_time <= start:
        raise ActionError(_("Giờ kết thúc phải sau giờ bắt đầu."), field="end_time")
    if meeting.attendees_count is not None and meeting.attendees_count < 0:
        raise ActionError(_("Số đại biểu dự không được âm."), field="attendees_count")


@transaction.atomic
def do_create_meeting(
    *,
    acting_user: Actor,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    time_known: bool = True,
    day_part: str = "",
    end_time: dt.time | None = None,
    attendees_count: int | None = None,
    term: Term | None = None,
    number: int | None = None,
    venue: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    period_label: str = "",
    chair: Person | None = None,
    chair_name: str = "",
    chair_title: str = "",
    cluster: EmulationCluster | None = None,
    participants: Iterable[Unit] = (),
    organiser_label: str = "",
    summary: str = "",
) -> Meeting:
    """Record a meeting of a unit (or of an emulation cluster hosted by a unit).

    ``time_known`` False: the source gives the day only; the hour of ``starts_at`` is then dropped (stored
    at 00:00) and shown nowhere. ``attendees_count`` None: how many attended is not known."""
    authorize(acting_user, RECORD, unit)
    unit = lock(unit, related=("level",))  # a meeting is not recorded on a unit being dissolved meanwhile
    meeting = Meeting(
        unit=unit,
        kind=kind,
        title=text_for(Meeting, "title", title),
        starts_at=starts_at,
        time_known=time_known,
        day_part=day_part,
        end_time=end_time,
        attendees_count=attendees_count,
        term=term,
        number=number,
        venue=text_for(Meeting, "venue", venue),
        period_start=period_start,
        period_end=period_end,
        period_label=text_for(Meeting, "period_label", period_label),
        chair_title=text_for(Meeting, "chair_title", chair_title),
        cluster=cluster,
        organiser_label=text_for(Meeting, "organiser_label", organiser_label),
        summary=text_for(Meeting, "summary", summary),
        created_by=user_or_none(acting_user),
    )
    _validate(meeting)
    if chair is None and clean_text(chair_name):
        chair = named_person(unit, chair_name, acting_user, field="chair_name")
    meeting.chair = chair
    meeting.chair_title = meeting.chair_title or (chair.title_on(meeting.date) if chair else "")
    meeting.save()
    units = list(participants)
    if cluster is not None and not units:
        units = [m.unit for m in cluster.memberships.select_related("unit")]
    if units:
        meeting.participants.set(units)
    summary_line = f"Ghi {meeting.heading} ngày {format_date_short(meeting.date)}"
    log("meetings.create_meeting", meeting, acting_user, meeting, summary_line)
    return meeting


def _apply_changes(meeting: Meeting, changes: dict[str, Any]) -> None:
    """Set each named field (refusing any other), a text cleaned; null clears a text and is refused elsewhere."""
    for key, value in changes.items():
        if key not in MEETING_FIELDS:
            raise ActionError(_("Không sửa được trường %(key)s.") % {"key": key}, field=key)
        field = Meeting._meta.get_field(key)
        if value is None and not getattr(field, "null", False):  # an API call sending null for a field
            if not isinstance(field, models.CharField | models.TextField):
                raise ActionError(_("Trường %(key)s không được để trống.") % {"key": key}, field=key)
            value = ""  # a text cleared
        if isinstance(value, str):
            value = text_for(Meeting, key, value)
        setattr(meeting, key, value)


def _rename_chair(meeting: Meeting, chair_name: str, acting_user: Actor) -> None:
    """Blank clears the chair, the current chair's name keeps them, another name finds or records a person."""
    name = clean_text(chair_name)
    if not name:
        meeting.chair = None
    elif meeting.chair is None or meeting.chair.full_name != name:
        meeting.chair = named_person(meeting.unit, name, acting_user, field="chair_name")


@transaction.atomic
def do_update_meeting(meeting: Meeting, *, acting_user: Actor, **changes: Any) -> Meeting:
    """Correct a meeting's details.

    ``chair_name`` (instead of ``chair``) names the chair as the forms do: blank clears the chair, the
    current chair's name keeps them, another name finds or creates that person of the unit.
    """
    authorize(acting_user, RECORD, meeting.unit)
    if not changes:
        raise ActionError(_("Không có trường nào để sửa."))
    meeting = lock_meeting(meeting)
    before = audit.snapshot(meeting)
    chair_name = changes.pop("chair_name", None)
    _apply_changes(meeting, changes)
    _validate(meeting)
    if chair_name is not None:
        _rename_chair(meeting, chair_name, acting_user)
    meeting.save()
    log("meetings.update_meeting", meeting, acting_user, meeting, f"Sửa {meeting.heading}", before=before)
    return meeting
