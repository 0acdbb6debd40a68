"""The figures announced at a meeting (số liệu công bố tại hội nghị): recorded as the source states them,
and removed when entered by mistake. Money is typed as cadres write it ("trên 1 tỷ", "15.000.000")."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.text import format_date_short, parse_money
from mattran.reports.actions.derived import store_conference_value
from mattran.reports.actions.entry import lock_submission
from mattran.reports.cells import computed_answers
from mattran.reports.models import EDITABLE_STATES, Indicator, Measure, Submission
from mattran.reports.queries import form_indicators

from ..models import Meeting, MeetingFigure, Qualifier
from ._common import RECORD, lock_meeting, log, next_order, text_for


def read_value(text: str, indicator: Indicator | None, measure: str) -> int | None:
    """The number of a figure typed as cadres write it: money ("1,8 tỷ", "15.000.000 đồng") for an amount in
    đồng, a whole count ("3.568") otherwise; "" is no number. ValueError (Vietnamese) when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    is_money = (indicator.measure == Measure.DONG) if indicator is not None else measure.strip() == "đồng"
    if is_money:
        return parse_money(text)
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit():
        raise ValueError(_("Giá trị “%(text)s” không phải số nguyên (ví dụ: 3.568).") % {"text": text})
    number = int(digits)
    if indicator is not None and indicator.decimals:
        return indicator.to_stored(number)
    return number


def _check_period(
    meeting: Meeting, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period the figure covers: as given, else the meeting's period reviewed."""
    start = start or meeting.period_start
    end = end or meeting.period_end
    if start and end and end < start:
        raise ActionError(_("Kỳ của số liệu: ngày kết thúc phải sau ngày bắt đầu."), field="period_end")
    if end and end > meeting.date:
        raise ActionError(
            _("Số liệu công bố tại hội nghị không thể tính cho kỳ kết thúc sau ngày họp."), field="period_end"
        )
    return start, end


@transaction.atomic
def do_add_meeting_figure(
    meeting: Meeting,
    *,
    acting_user: Actor,
    value: int | None,
    indicator: Indicator | None = None,
    label: str = "",
    measure: str = "",
    qualifier: str = Qualifier.EXACT,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    as_printed: str = "",
    to_check: bool = False,
) -> MeetingFigure:
    """Record a figure announced at the meeting: an indicator or a free label, the value and how exact it
    is, the period it covers, the words as printed; a figure without a number must be marked to check."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    label = text_for(MeetingFigure, "label", label)
    if indicator is None and not label:
        raise ActionError(_("Chọn chỉ tiêu hoặc nhập tên số liệu."), field="label")
    if indicator is not None and not indicator.is_active:
        raise ActionError(_("Chỉ tiêu này không còn dùng."), field="indicator")
    if qualifier not in Qualifier.values:
        raise ActionError(_("Mức chính xác không hợp lệ."), field="qualifier")
    if value is None and not to_check:
        raise ActionError(
            _("Nhập giá trị; nếu nguồn ghi không rõ, đánh dấu “cần kiểm tra lại” và chép nguyên văn."),
            field="value",
        )
    if value is not None and value < 0:
        raise ActionError(_("Giá trị không được âm."), field="value")
    printed = text_for(MeetingFigure, "as_printed", as_printed)
    if to_check and not printed:
        raise ActionError(
            _("Số liệu cần kiểm tra lại: chép nguyên văn câu trong nguồn để người kiểm tra đối chiếu."),
            field="as_printed",
        )
    start, end = _check_period(meeting, period_start, period_end)
    figure = MeetingFigure.objects.create(
        meeting=meeting,
        indicator=indicator,
        label=label,
        measure=text_for(MeetingFigure, "measure", measure) if indicator is None else "",
        value=value,
        qualifier=qualifier,
        period_start=start,
        period_end=end,
        as_printed=printed,
        to_check=bool(to_check),
        order=next_order(meeting.figures),
        created_by=user_or_none(acting_user),
    )
    log("meetings.add_meeting_figure", meeting, acting_user, figure, f"Số liệu: {figure}")
    return figure


@transaction.atomic
def do_remove_meeting_figure(figure: MeetingFigure, *, acting_user: Actor) -> None:
    """Remove a figure entered by mistake."""
    authorize(acting_user, RECORD, figure.meeting.unit)
    meeting = lock_meeting(figure.meeting)
    before = audit.snapshot(figure)
    summary = f"Xóa số liệu: {figure}"
    pk = figure.pk
    figure.delete()
    figure.pk = pk
    audit.record(
        "meetings.remove_meeting_figure",
        actor=acting_user,
        unit=meeting.unit,
        obj=figure,
        before=before,
        summary=summary,
    )


@transaction.atomic
def do_use_figure_in_report(figure: MeetingFigure, *, acting_user: Actor, submission: Submission) -> None:
    """Take a figure announced at the unit's conference into its period report, as the indicator's value
    marked "số liệu hội nghị" with a note naming the meeting — only where the system computes nothing
    (history before the ledger) and the figure covers exactly the report's period."""
    authorize(
        acting_user, "reports.enter", submission, message=_("Bạn không có quyền nhập số liệu cho đơn vị này.")
    )
    authorize(acting_user, "meetings.view_meeting", figure.meeting.unit)
    submission = lock_submission(submission)
    meeting = figure.meeting
    ind = figure.indicator
    if ind is None:
        raise ActionError(_("Chỉ số liệu gắn với chỉ tiêu báo cáo mới đưa vào báo cáo được."), field="figure")
    if figure.value is None or figure.to_check:
        raise ActionError(_("Số liệu đang cần kiểm tra lại: hãy đối chiếu nguồn trước."), field="figure")
    if submission.state not in EDITABLE_STATES:
        raise ActionError(
            _("Báo cáo đang ở trạng thái “%(state)s” nên không sửa được số liệu.")
            % {"state": submission.get_state_display()},
            code="locked",
            status=409,
        )
    if meeting.unit_id != submission.unit_id:
        raise ActionError(_("Hội nghị không phải của đơn vị lập báo cáo."), field="figure")
    if ind.pk not in {i.pk for i in form_indicators(submission.form)} or ind.is_ratio or ind.breakdown_id:
        raise ActionError(
            _("Biểu mẫu này không có chỉ tiêu %(indicator)s.") % {"indicator": ind.name}, field="figure"
        )
    period = submission.period
    if (figure.period_start, figure.period_end) != (period.start, period.end):
        raise ActionError(
            _("Số liệu tính cho kỳ khác với kỳ báo cáo %(period)s.") % {"period": period.label},
            field="figure",
        )
    computed = computed_answers(submission).get(ind, {})
    if any(computed.values()):
        raise ActionError(
            _("Hệ thống đã tính được %(indicator)s từ dữ liệu: %(value)s; không thay bằng số liệu hội nghị.")
            % {"indicator": ind.name, "value": ind.format(sum(computed.values()))},
            code="computed",
            status=409,
        )
    printed = f": “{figure.as_printed}”" if figure.as_printed else ""
    note = f"Số liệu hội nghị — {meeting.heading}, ngày {format_date_short(meeting.date)}{printed}"
    store_conference_value(submission, ind, figure.value, note)
    audit.record(
        "meetings.use_figure_in_report",
        actor=acting_user,
        unit=submission.unit,
        obj=submission,
        after={"indicator": ind.code, "value": figure.value, "figure": figure.pk},
        summary=f"Đưa số liệu hội nghị vào {submission.form.code} {period.label}: {figure}",
    )
