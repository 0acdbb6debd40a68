"""The oversight pages' forms: they parse; the actions validate and refuse with the message shown by the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mattran.meetings.models import Meeting
from mattran.org.models import Agency, MemberOrganization, Unit

from .models import ActivityForm, CriticismForm, EvaluationResult, PointResponse, SubjectKind, TeamRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, required=required)


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), required=False, max_length=400)


class AdoptForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Hội nghị thông qua"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class ActivityAddForm(forms.Form):
    title = forms.CharField(label=_("Nội dung giám sát"), max_length=400)
    form = forms.ChoiceField(label=_("Hình thức"), choices=ActivityForm.choices)
    planned_start = _date(_("Dự kiến từ ngày"), required=False)
    planned_end = _date(_("Dự kiến đến ngày"), required=False)
    participants = forms.ModelMultipleChoiceField(
        label=_("Tổ chức thành viên phối hợp"),
        queryset=MemberOrganization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, orgs: QuerySet[MemberOrganization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = orgs  # type: ignore[attr-defined]


class SubjectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đối tượng"), choices=SubjectKind.choices)
    name = forms.CharField(label=_("Tên cơ quan / họ và tên"), max_length=300)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)


MEMBER_ROWS = 4


class TeamForm(forms.Form):
    """The decision and up to four members besides the head; each member's organisation is chosen from the
    unit's member organisations (the action refuses one that does not take part)."""

    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_on = _date(_("Ngày quyết định"))
    head_name = forms.CharField(label=_("Trưởng đoàn"), max_length=150)
    head_title = forms.CharField(label=_("Chức vụ Trưởng đoàn"), max_length=200, required=False)

    def __init__(self, *args: Any, orgs: QuerySet[MemberOrganization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, MEMBER_ROWS + 1):
            self.fields[f"member_{i}_name"] = forms.CharField(
                label=_("Thành viên %(i)s") % {"i": i}, max_length=150, required=False
            )
            self.fields[f"member_{i}_org"] = forms.ModelChoiceField(
                label=_("Tổ chức của thành viên %(i)s") % {"i": i},
                queryset=orgs,
                required=False,
                empty_label=str(_("Ủy ban MTTQ")),
            )

    def members(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        rows: list[dict[str, Any]] = [
            {"name": data["head_name"], "title": data.get("head_title", ""), "role": TeamRole.HEAD}
        ]
        for i in range(1, MEMBER_ROWS + 1):
            if data.get(f"member_{i}_name"):
                rows.append(
                    {
                        "name": data[f"member_{i}_name"],
                        "role": TeamRole.MEMBER,
                        "member_org": data.get(f"member_{i}_org"),
                    }
                )
        return rows


class PlanForm(forms.Form):
    plan_number = forms.CharField(label=_("Số kế hoạch"), max_length=60, required=False)
    plan_on = _date(_("Ngày kế hoạch"))
    purpose = forms.CharField(label=_("Mục đích, yêu cầu"), widget=TEXT)
    content = forms.CharField(label=_("Nội dung, phương pháp, tiến độ"), widget=TEXT)


class NoticeForm(forms.Form):
    notice_on = _date(_("Ngày gửi thông báo"))


class SessionForm(forms.Form):
    held_on = _date(_("Ngày làm việc"))
    place = forms.CharField(label=_("Địa điểm"), max_length=250, required=False)
    notes = forms.CharField(label=_("Nội dung làm việc"), widget=TEXT, required=False)


class PhotoForm(forms.Form):
    file = forms.FileField(label=_("Ảnh hiện trường (JPG, PNG)"))
    caption = forms.CharField(label=_("Chú thích"), max_length=300, required=False)


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Nội dung phát hiện"), widget=TEXT)
    is_shortcoming = forms.BooleanField(label=_("Là hạn chế, thiếu sót"), required=False, initial=True)


class ConcludeForm(forms.Form):
    report_number = forms.CharField(label=_("Số báo cáo"), max_length=60, required=False)
    concluded_on = _date(_("Ngày kết luận"))
    conclusion = forms.CharField(label=_("Kết luận"), widget=TEXT)


class RecommendationForm(forms.Form):
    content = forms.CharField(label=_("Nội dung kiến nghị"), widget=TEXT)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan phải trả lời (danh bạ)"), queryset=Agency.objects.none(), required=False
    )
    addressee = forms.CharField(
        label=_("hoặc tên cơ quan"),
        max_length=300,
        required=False,
        help_text=_("Khi cơ quan chưa có trong danh bạ."),
    )
    working_days = forms.CharField(label=_("Thời hạn trả lời (ngày làm việc)"), max_length=4, required=False)
    issued_on = _date(_("Ngày gửi kiến nghị"))

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=60, required=False)
    answered_on = _date(_("Ngày trả lời"))
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=TEXT)
    file = forms.FileField(label=_("Văn bản trả lời (PDF, DOCX, ảnh)"), required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), widget=TEXT, required=False)


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Tên dự thảo"), max_length=400)
    drafting_body = forms.CharField(label=_("Cơ quan soạn thảo"), max_length=300)
    received_on = _date(_("Ngày nhận"))
    comments_due = _date(_("Hạn gửi ý kiến"))
    form = forms.ChoiceField(label=_("Hình thức phản biện"), choices=CriticismForm.choices)
    summary_of_draft = forms.CharField(label=_("Tóm tắt dự thảo"), widget=TEXT, required=False)


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    title = forms.CharField(label=_("Chức danh, nơi công tác"), max_length=300, required=False)
    is_expert = forms.BooleanField(label=_("Chuyên gia, nhà khoa học"), required=False)


class PointForm(forms.Form):
    content = forms.CharField(label=_("Ý kiến phản biện"), widget=TEXT)


class SendForm(forms.Form):
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    sent_on = _date(_("Ngày gửi"))


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Cơ quan soạn thảo"),
        choices=[c for c in PointResponse.choices if c[0] != PointResponse.PENDING],
    )
    explanation = forms.CharField(label=_("Giải trình"), widget=TEXT, required=False)


class PublishForm(forms.Form):
    public_summary = forms.CharField(label=_("Tóm tắt công khai"), widget=TEXT)


class EvaluationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Khu dân cư"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    held_on = _date(_("Ngày hội nghị đánh giá"))

    def __init__(self, *args: Any, areas: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = areas  # type: ignore[attr-defined]


class EvaluatedForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    is_party_member = forms.BooleanField(label=_("Đảng viên"), required=False, initial=True)
    workplace = forms.CharField(label=_("Nơi công tác"), max_length=300, required=False)
    result = forms.ChoiceField(label=_("Kết quả"), choices=EvaluationResult.choices)
    remarks = forms.CharField(label=_("Ý kiến của khu dân cư"), widget=TEXT, required=False)
