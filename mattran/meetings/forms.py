"""Short forms a cadre fills on a phone while the meeting is on; the actions do the validating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.people.models import EndReason, Membership, Position, Represents, Term
from mattran.reports.models import Indicator

from .actions.figures import read_value
from .models import (
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    ChangeAction,
    ConclusionKind,
    DayPart,
    GuestRole,
    Meeting,
    MeetingKind,
    PassRule,
    Qualifier,
)
from .voting import SHOW_OF_HANDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _blank(choices: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("—")), *choices]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def _chosen(terms: Sequence[Term], pk: int | None) -> Term | None:
    return next((t for t in terms if t.pk == pk), None)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại hội nghị"), choices=MeetingKind.choices, initial=MeetingKind.COMMITTEE
    )
    term = forms.TypedChoiceField(label=_("Nhiệm kỳ"), coerce=int, required=False, empty_value=None)
    number = forms.IntegerField(label=_("Lần thứ"), min_value=1, required=False)
    title = forms.CharField(
        label=_("Nội dung chính"), max_length=400, help_text=_("Ví dụ: Tổng kết công tác Mặt trận năm 2025")
    )
    date = forms.DateField(label=_("Ngày"), widget=DATE, initial=timezone.localdate)
    time = forms.TimeField(
        label=_("Giờ bắt đầu"),
        widget=TIME,
        required=False,
        help_text=_("Để trống nếu nguồn không nêu giờ."),
    )
    day_part = forms.ChoiceField(
        label=_("Buổi (khi không rõ giờ)"), choices=_blank(DayPart.choices), required=False
    )
    end_time = forms.TimeField(label=_("Giờ kết thúc"), widget=TIME, required=False)
    attendees_count = forms.IntegerField(
        label=_("Số đại biểu dự"),
        min_value=0,
        required=False,
        help_text=_("Để trống nếu chưa biết."),
    )
    venue = forms.CharField(label=_("Địa điểm"), max_length=250, required=False)
    period_label = forms.CharField(
        label=_("Kỳ đánh giá"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: năm 2025, 6 tháng đầu năm 2025"),
    )
    organiser_label = forms.CharField(
        label=_("Cơ quan tổ chức (nếu không phải Ủy ban)"), max_length=250, required=False
    )
    chair_name = forms.CharField(label=_("Chủ trì (họ và tên)"), max_length=150, required=False)
    chair_title = forms.CharField(label=_("Chức vụ người chủ trì"), max_length=300, required=False)

    def __init__(self, *args: Any, terms: Sequence[Term] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "term", _blank([(t.pk, t.display) for t in terms]))
        if terms:
            self.fields["term"].initial = terms[0].pk

    def starts_at(self) -> dt.datetime:
        """The day at the hour given, or at 00:00 when no hour is given (then ``time_known`` is False)."""
        data = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(data["date"], data["time"] or dt.time(0, 0)))

    def details(self, terms: Sequence[Term]) -> dict[str, Any]:
        """The meeting's details as the actions take them (the chosen term, the time made aware)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "term": _chosen(terms, data["term"]),
            "number": data["number"],
            "title": data["title"],
            "starts_at": self.starts_at(),
            "time_known": data["time"] is not None,
            "day_part": data["day_part"] if data["time"] is None else "",
            "end_time": data["end_time"],
            "attendees_count": data["attendees_count"],
            "venue": data["venue"],
            "period_label": data["period_label"],
            "organiser_label": data["organiser_label"],
            "chair_name": data["chair_name"],
            "chair_title": data["chair_title"],
        }


class MeetingEditForm(MeetingForm):
    """The meeting's details, corrected after the fact; the period reviewed may carry its dates."""

    period_start = forms.DateField(label=_("Kỳ đánh giá từ ngày"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("Kỳ đánh giá đến ngày"), widget=DATE, required=False)

    field_order = [
        "kind",
        "term",
        "number",
        "title",
        "date",
        "time",
        "day_part",
        "end_time",
        "attendees_count",
        "venue",
        "period_label",
        "period_start",
        "period_end",
        "organiser_label",
        "chair_name",
        "chair_title",
    ]

    # The actions name the time "starts_at" and the chair "chair"; the form shows them as these fields.
    ACTION_FIELDS = {"starts_at": "date", "chair": "chair_name"}

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        local = timezone.localtime(meeting.starts_at)
        return {
            "kind": meeting.kind,
            "term": meeting.term_id,
            "number": meeting.number,
            "title": meeting.title,
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0) if meeting.time_known else None,
            "day_part": meeting.day_part,
            "end_time": meeting.end_time,
            "attendees_count": meeting.attendees_count,
            "venue": meeting.venue,
            "period_label": meeting.period_label,
            "period_start": meeting.period_start,
            "period_end": meeting.period_end,
            "organiser_label": meeting.organiser_label,
            "chair_name": meeting.chair.full_name if meeting.chair else "",
            "chair_title": meeting.chair_title,
        }

    def changes(self, terms: Sequence[Term]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.details(terms),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
        }


class AttendanceForm(forms.Form):
    """One status select per committee member (built by the view)."""

    def __init__(
        self,
        *args: Any,
        members: Iterable[Membership] = (),
        current: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        current = current or {}
        self.members = list(members)
        for m in self.members:
            self.fields[f"m{m.pk}"] = forms.ChoiceField(
                label=f"{m.person.full_name} — {m.get_position_display()}",
                choices=AttendanceStatus.choices,
                initial=current.get(m.pk, AttendanceStatus.PRESENT),
            )

    def statuses(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"m{m.pk}"] for m in self.members}


class GuestForm(forms.Form):
    person_name = forms.CharField(label=_("Họ và tên đại biểu"), max_length=150, required=False)
    title = forms.CharField(label=_("Chức vụ tại thời điểm dự"), max_length=400, required=False)
    organisation = forms.CharField(
        label=_("Hoặc: cơ quan, đơn vị cử đại diện"), max_length=300, required=False
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=GuestRole.choices, initial=GuestRole.ATTEND)


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=400)
    kind = forms.ChoiceField(label=_("Loại"), choices=AgendaKind.choices, initial=AgendaKind.REPORT)
    presenter = forms.CharField(label=_("Người trình bày"), max_length=250, required=False)
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OpinionForm(forms.Form):
    speaker_name = forms.CharField(label=_("Người phát biểu"), max_length=150, required=False)
    speaker_title = forms.CharField(label=_("Chức vụ"), max_length=400, required=False)
    organisation = forms.CharField(label=_("Hoặc: đại diện đơn vị"), max_length=300, required=False)
    gist = forms.CharField(label=_("Nội dung chính"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.TypedChoiceField(label=_("Về nội dung"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, agenda: Iterable[AgendaItem] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "agenda_item", _blank([(a.pk, a.title) for a in agenda]))


class ConclusionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=ConclusionKind.choices)
    by_name = forms.CharField(label=_("Người kết luận, chỉ đạo (họ và tên)"), max_length=150, required=False)
    by_title = forms.CharField(
        label=_("Chức vụ"),
        max_length=400,
        required=False,
        help_text=_("Như nguồn ghi; để trống thì lấy chức vụ của người đó vào ngày họp."),
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class FigureForm(forms.Form):
    """A figure announced at the meeting, typed as the source prints it."""

    indicator = forms.TypedChoiceField(
        label=_("Chỉ tiêu báo cáo"), coerce=int, required=False, empty_value=None
    )
    label = forms.CharField(
        label=_("Hoặc: tên số liệu"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Giá trị quà tặng hộ nghèo"),
    )
    measure = forms.CharField(
        label=_("Đơn vị tính (khi không chọn chỉ tiêu)"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: đồng, suất quà, người"),
    )
    qualifier = forms.ChoiceField(
        label=_("Mức chính xác"), choices=Qualifier.choices, initial=Qualifier.EXACT
    )
    value = forms.CharField(
        label=_("Giá trị"),
        max_length=60,
        required=False,
        help_text=_("Tiền gõ như thường viết: 1 tỷ, 1,8 tỷ, 15.000.000"),
    )
    period_start = forms.DateField(label=_("Kỳ số liệu từ ngày"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("Kỳ số liệu đến ngày"), widget=DATE, required=False)
    as_printed = forms.CharField(
        label=_("Nguyên văn trong nguồn"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    to_check = forms.BooleanField(label=_("Cần kiểm tra lại (nguồn ghi không rõ)"), required=False)

    def __init__(self, *args: Any, indicators: Iterable[Indicator] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        _set_choices(self, "indicator", _blank([(i.pk, i.name) for i in self.indicators.values()]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = self.indicators.get(data.get("indicator") or 0)
        data["indicator"] = indicator
        try:
            data["value"] = read_value(data.get("value", ""), indicator, data.get("measure", ""))
        except ValueError as exc:
            self.add_error("value", str(exc))
        return data


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số (nếu có)"), max_length=60, required=False)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp"), help_text=_("PDF, Word, Excel, JPG, PNG; tối đa 20 MB."))
    description = forms.CharField(label=_("Mô tả"), max_length=300, required=False)


class VoteOpenForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung biểu quyết"), max_length=400)
    rule = forms.ChoiceField(label=_("Điều kiện thông qua"), choices=SHOW_OF_HANDS, initial=PassRule.MAJORITY)
    agenda_item = forms.TypedChoiceField(
        label=_("Gắn với nội dung"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, agenda: Iterable[AgendaItem] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "agenda_item", _blank([(a.pk, a.title) for a in agenda]))


class VoteOutcomeForm(forms.Form):
    """A vote as the source reports it without a headcount: the outcome, the share if given, the words."""

    passed = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Thông qua")), ("0", _("Không thông qua"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    reported_share = forms.DecimalField(
        label=_("Tỷ lệ tán thành (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text=_("Chỉ nhập khi nguồn nêu tỷ lệ."),
    )
    as_printed = forms.CharField(
        label=_("Nguyên văn kết quả"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: 100% đại biểu nhất trí"),
    )


class UnnamedSeatsForm(forms.Form):
    """Seats relieved or added whose names the source does not give."""

    action = forms.ChoiceField(
        label=_("Thay đổi"),
        choices=[
            (ChangeAction.RELIEVE.value, ChangeAction.RELIEVE.label),
            (ChangeAction.ADD.value, ChangeAction.ADD.label),
        ],
    )
    count = forms.IntegerField(label=_("Số người"), min_value=1, max_value=200)
    position = forms.ChoiceField(
        label=_("Chức danh (người được cử)"),
        choices=_blank(Position.choices),
        required=False,
        initial=Position.MEMBER,
    )


class NameSeatForm(forms.Form):
    """The name of a seat proposed without one: the member relieved, or the person added."""

    membership = forms.TypedChoiceField(label=_("Ủy viên thôi"), coerce=int, required=False, empty_value=None)
    person_name = forms.CharField(label=_("Người được cử (họ và tên)"), max_length=150, required=False)
    position = forms.ChoiceField(label=_("Chức danh"), choices=_blank(Position.choices), required=False)

    def __init__(self, *args: Any, members: Iterable[Membership] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = list(members)
        choices = [(m.pk, f"{m.person.full_name} — {m.get_position_display()}") for m in self.members]
        _set_choices(self, "membership", _blank(choices))

    def naming(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = next((m for m in self.members if m.pk == data["membership"]), None)
        return {"membership": chosen, "person_name": data["person_name"], "position": data["position"]}


class VoteRecordForm(forms.Form):
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, initial=0)
    abstentions = forms.IntegerField(label=_("Không biểu quyết ý kiến"), min_value=0, initial=0)
    present = forms.IntegerField(
        label=_("Số có mặt (khi không điểm danh ủy viên)"), min_value=1, required=False
    )


class ConsultationChangeForm(forms.Form):
    """A change proposed on a hiệp thương item: relieve a member, add a person, or replace one by another."""

    action = forms.ChoiceField(label=_("Thay đổi"), choices=ChangeAction.choices)
    membership = forms.TypedChoiceField(label=_("Ủy viên thôi"), coerce=int, required=False, empty_value=None)
    end_reason = forms.ChoiceField(label=_("Lý do thôi"), choices=_blank(EndReason.choices), required=False)
    person_name = forms.CharField(label=_("Người được cử (họ và tên)"), max_length=150, required=False)
    position = forms.ChoiceField(
        label=_("Chức danh"), choices=_blank(Position.choices), required=False, initial=Position.MEMBER
    )
    represents = forms.ChoiceField(
        label=_("Đại diện cho"), choices=_blank(Represents.choices), required=False
    )
    represents_detail = forms.CharField(label=_("Đại diện (chi tiết)"), max_length=250, required=False)

    def __init__(self, *args: Any, members: Iterable[Membership] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.pk, f"{m.person.full_name} — {m.get_position_display()}") for m in members]
        _set_choices(self, "membership", _blank(choices))

    def proposal(self, members: Sequence[Membership]) -> dict[str, Any]:
        """The proposal as the action takes it (the chosen member among those offered)."""
        data = self.cleaned_data
        return {**data, "membership": next((m for m in members if m.pk == data["membership"]), None)}


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=400)
    lead = forms.CharField(label=_("Sa-pô"), widget=forms.Textarea(attrs={"rows": 4}))
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Các đoạn cách nhau một dòng trống."),
    )
    author = forms.CharField(label=_("Tác giả"), max_length=200, required=False)
