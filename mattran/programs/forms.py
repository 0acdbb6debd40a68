"""Forms of the programs pages; validation of meaning stays in the actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AssessmentMode, PassRule, ProgressStatus, ReviewPeriod

DATE = forms.DateInput(attrs={"type": "date"})


class ProgramForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=400)
    number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)


class ParticipantForm(forms.Form):
    member_org = forms.ModelChoiceField(label=_("Tổ chức thành viên"), queryset=None, required=False)
    name = forms.CharField(
        label=_("Hoặc cơ quan khác"), max_length=300, required=False, help_text=_("Ví dụ: Thanh tra quận")
    )
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=60, required=False)

    def __init__(self, *args, member_orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_org"].queryset = member_orgs


class ContentForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    description = forms.CharField(label=_("Diễn giải"), widget=forms.Textarea, required=False)


class TaskForm(forms.Form):
    content = forms.ModelChoiceField(label=_("Thuộc nội dung"), queryset=None)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    responsible = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=None)
    target = forms.CharField(label=_("Chỉ tiêu"), max_length=300, required=False)
    target_value = forms.IntegerField(label=_("Chỉ tiêu (số)"), required=False, min_value=0)
    indicator_code = forms.CharField(label=_("Mã chỉ tiêu báo cáo"), max_length=60, required=False)
    due_on = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].queryset = program.contents.all()
        self.fields["responsible"].queryset = program.participants.all()


class SignProgramForm(forms.Form):
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    meeting = forms.ModelChoiceField(label=_("Tại hội nghị"), queryset=None, required=False)

    def __init__(self, *args, program, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.parties = list(program.participants.all())
        for party in self.parties:
            self.fields[f"title_{party.pk}"] = forms.CharField(
                label=_("Chức vụ người ký — %(name)s") % {"name": party.name}, max_length=300
            )
            self.fields[f"authority_{party.pk}"] = forms.CharField(
                label=_("Thẩm quyền ký (TM.)"), max_length=200, required=False, initial="TM. Ban Thường trực"
            )

    def signatories(self) -> dict:
        data = self.cleaned_data
        return {
            p: {"title": data[f"title_{p.pk}"], "authority": data[f"authority_{p.pk}"]} for p in self.parties
        }


class ProgressForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Nhiệm vụ"), queryset=None)
    period = forms.ChoiceField(label=_("Kỳ"), choices=ReviewPeriod.choices)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ProgressStatus.choices)
    achieved_value = forms.IntegerField(label=_("Kết quả (số)"), required=False, min_value=0)
    note = forms.CharField(label=_("Kết quả, minh chứng"), widget=forms.Textarea, required=False)
    evidence = forms.FileField(label=_("Tệp minh chứng"), required=False)

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks


class ReviewForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ"), choices=ReviewPeriod.choices)
    held_on = forms.DateField(label=_("Ngày"), widget=DATE)
    meeting = forms.ModelChoiceField(label=_("Tại hội nghị"), queryset=None, required=False)
    summary = forms.CharField(label=_("Đánh giá chung"), widget=forms.Textarea, required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=400)
    assessment_mode = forms.ChoiceField(label=_("Cách chấm điểm của cụm"), choices=AssessmentMode.choices)


class CriterionForm(forms.Form):
    content = forms.CharField(label=_("Nội dung thi đua"), max_length=600)
    max_score = forms.DecimalField(label=_("Điểm tối đa"), max_digits=7, decimal_places=2, min_value=0)
    evidence_required = forms.CharField(label=_("Minh chứng cần có"), max_length=400, required=False)


class SelfScoreForm(forms.Form):
    criterion = forms.ModelChoiceField(label=_("Nội dung"), queryset=None)
    score = forms.DecimalField(label=_("Điểm tự chấm"), max_digits=7, decimal_places=2)
    note = forms.CharField(label=_("Giải trình"), widget=forms.Textarea, required=False)
    evidence = forms.FileField(
        label=_("Tệp minh chứng"), required=False, help_text=_("PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB")
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria


class AssessForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị được chấm"), queryset=None)
    criterion = forms.ModelChoiceField(label=_("Nội dung"), queryset=None)
    score = forms.DecimalField(label=_("Điểm"), max_digits=7, decimal_places=2)

    def __init__(self, *args, units, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["criterion"].queryset = criteria


class PeerVoteForm(forms.Form):
    award_kind = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=None)
    places = forms.IntegerField(label=_("Số suất"), min_value=1)
    candidates = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được bình xét"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False, initial=True)
    pass_rule = forms.ChoiceField(label=_("Điều kiện đạt"), choices=PassRule.choices)
    awarding_body = forms.CharField(label=_("Đề nghị cấp khen thưởng"), max_length=300)
    closes_at = forms.DateTimeField(
        label=_("Hạn bỏ phiếu"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, kinds, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_kind"].queryset = kinds
        self.fields["candidates"].queryset = members


class BallotForm(forms.Form):
    choices = forms.ModelMultipleChoiceField(
        label=_("Đơn vị tôi chọn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices"].queryset = candidates


class HandoverForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Cụm trưởng năm sau"), queryset=None)
    deputy = forms.ModelChoiceField(label=_("Cụm phó năm sau"), queryset=None, required=False)
    handed_on = forms.DateField(label=_("Ngày bàn giao"), widget=DATE)
    meeting = forms.ModelChoiceField(label=_("Tại hội nghị"), queryset=None, required=False)

    def __init__(self, *args, members, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = members
        self.fields["deputy"].queryset = members
        self.fields["meeting"].queryset = meetings


class DecisionForm(forms.Form):
    awarded = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Khen thưởng")), ("0", _("Không khen thưởng"))],
        coerce=lambda v: v == "1",
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    decision_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=300)
