"""Forms of the programs pages; validation of meaning stays in the actions."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django import forms
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.text import parse_money
from mattran.meetings.models import Meeting, Qualifier
from mattran.meetings.voting import PEER_VOTE
from mattran.org.models import MemberOrganization, Unit
from mattran.people.models import Person
from mattran.reports.models import Indicator

from .models import (
    AssessmentMode,
    AwardKind,
    Campaign,
    CampaignIndicator,
    CampaignKind,
    Criterion,
    Program,
    ProgramContent,
    ProgramParticipant,
    ProgramTask,
    ProgressStatus,
    ReviewPeriod,
)

DATE = forms.DateInput(attrs={"type": "date"})
M = TypeVar("M", bound=Model)


def choose(form: forms.Form, name: str, queryset: QuerySet[M]) -> None:
    """Give the model choice field ``name`` of this form its choices."""
    cast("forms.ModelChoiceField[M]", form.fields[name]).queryset = queryset


class CommitteeChoiceField(forms.ModelMultipleChoiceField["Unit"]):
    """Units named by their committee ("Ủy ban MTTQ Việt Nam xã An")."""

    def label_from_instance(self, obj: Unit) -> str:
        return obj.committee_name


class CommitteeField(forms.ModelChoiceField["Unit"]):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.committee_name


class ProgramForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=400)
    number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)


class ParticipantForm(forms.Form):
    member_org = forms.ModelChoiceField[MemberOrganization](
        label=_("Tổ chức thành viên"), queryset=None, required=False
    )
    name = forms.CharField(
        label=_("Hoặc cơ quan khác"), max_length=300, required=False, help_text=_("Ví dụ: Thanh tra quận")
    )
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=60, required=False)

    def __init__(self, *args: Any, member_orgs: QuerySet[MemberOrganization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "member_org", member_orgs)


class ContentForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    description = forms.CharField(label=_("Diễn giải"), widget=forms.Textarea, required=False)


class TaskForm(forms.Form):
    content = forms.ModelChoiceField[ProgramContent](label=_("Thuộc nội dung"), queryset=None)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    responsible = forms.ModelChoiceField[ProgramParticipant](label=_("Đơn vị chủ trì"), queryset=None)
    target = forms.CharField(label=_("Chỉ tiêu"), max_length=300, required=False)
    target_value = forms.IntegerField(label=_("Chỉ tiêu (số)"), required=False, min_value=0)
    indicator_code = forms.CharField(label=_("Mã chỉ tiêu báo cáo"), max_length=60, required=False)
    due_on = forms.DateField(label=_("Thời hạn"), required=False, widget=DATE)

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "content", program.contents.all())
        choose(self, "responsible", program.participants.all())


class PersonChoiceField(forms.ModelChoiceField[Person]):
    """A person with the posts they hold today, so two people of the same name can be told apart."""

    def label_from_instance(self, person: Person) -> str:
        today = timezone.localdate()
        posts = [p for p in person.posts.all() if p.holds_on(today)]
        held = "; ".join(f"{p.title} {p.organisation}".strip() for p in posts)
        return f"{person.full_name} — {held}" if held else person.full_name


class SignProgramForm(forms.Form):
    """The signing date and meeting, and for each party its signatory: a person and/or a title."""

    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    meeting = forms.ModelChoiceField[Meeting](label=_("Tại hội nghị"), queryset=None, required=False)

    def __init__(
        self,
        *args: Any,
        program: Program,
        meetings: QuerySet[Meeting],
        persons_by_party: dict[int, QuerySet[Person]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "meeting", meetings)
        self.parties = list(program.participants.all())
        for party in self.parties:
            self.fields[f"person_{party.pk}"] = PersonChoiceField(
                label=_("Người ký — %(name)s") % {"name": party.name},
                queryset=persons_by_party[party.pk],
                required=False,
                empty_label=_("— chưa chọn người —"),
            )
            self.fields[f"title_{party.pk}"] = forms.CharField(
                label=_("Chức vụ người ký"),
                max_length=300,
                required=False,
                help_text=_("Để trống thì lấy chức vụ của người được chọn vào ngày ký."),
            )
            self.fields[f"authority_{party.pk}"] = forms.CharField(
                label=_("Thẩm quyền ký (TM.)"), max_length=200, required=False, initial="TM. Ban Thường trực"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for party in self.parties:
            if not data.get(f"person_{party.pk}") and not data.get(f"title_{party.pk}"):
                self.add_error(f"title_{party.pk}", _("Chọn người ký hoặc nhập chức vụ người ký."))
        return data

    def signatories(self) -> dict[ProgramParticipant, dict[str, Any]]:
        """Each party's signatory as the action takes it: the person (or None), title and authority."""
        data = self.cleaned_data
        return {
            p: {
                "person": data[f"person_{p.pk}"],
                "title": data[f"title_{p.pk}"],
                "authority": data[f"authority_{p.pk}"],
            }
            for p in self.parties
        }


class ProgressForm(forms.Form):
    task = forms.ModelChoiceField[ProgramTask](label=_("Nhiệm vụ"), queryset=None)
    period = forms.ChoiceField(label=_("Kỳ"), choices=ReviewPeriod.choices)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ProgressStatus.choices)
    achieved_value = forms.IntegerField(label=_("Kết quả (số)"), required=False, min_value=0)
    note = forms.CharField(label=_("Kết quả, minh chứng"), widget=forms.Textarea, required=False)
    evidence = forms.FileField(label=_("Tệp minh chứng"), required=False)

    def __init__(self, *args: Any, tasks: QuerySet[ProgramTask], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "task", tasks)


class ReviewForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ"), choices=ReviewPeriod.choices)
    held_on = forms.DateField(label=_("Ngày"), widget=DATE)
    meeting = forms.ModelChoiceField[Meeting](label=_("Tại hội nghị"), queryset=None, required=False)
    summary = forms.CharField(label=_("Đánh giá chung"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "meeting", meetings)


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=400)
    assessment_mode = forms.ChoiceField(label=_("Cách chấm điểm của cụm"), choices=AssessmentMode.choices)


class UnitsAgreementForm(forms.Form):
    """An agreement among a set of units run by the user's unit (no cluster)."""

    title = forms.CharField(label=_("Tên giao ước"), max_length=400)
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    assessment_mode = forms.ChoiceField(
        label=_("Cách chấm điểm"),
        choices=[
            (AssessmentMode.LEADER, _("Đơn vị chủ trì chấm điểm các đơn vị")),
            (AssessmentMode.PEER_MEAN, _("Bình quân điểm các đơn vị ký chấm cho nhau")),
        ],
    )
    parties = CommitteeChoiceField(
        label=_("Đơn vị ký giao ước"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đơn vị chủ trì, các đơn vị trực thuộc hoặc các đơn vị cùng cấp; ít nhất hai đơn vị."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "parties", units)


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CampaignKind.choices)
    name = forms.CharField(label=_("Tên cuộc vận động, phong trào"), max_length=300)
    launching_body = forms.CharField(label=_("Cơ quan phát động"), max_length=300)
    launched_on = forms.DateField(label=_("Ngày phát động"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ngày kết thúc"), required=False, widget=DATE)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    participants = CommitteeChoiceField(
        label=_("Đơn vị tham gia"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đơn vị phát động và các đơn vị trực thuộc."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["participants"]
        else:
            choose(self, "participants", units)


class IndicatorChoiceField(forms.ModelChoiceField[Indicator]):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} — {obj.name}"


class CampaignIndicatorForm(forms.Form):
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=300, required=False)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=60, required=False)
    indicator = IndicatorChoiceField(
        label=_("Chỉ tiêu báo cáo tương ứng"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("— không gắn —"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An indicator retired from the reports stays choosable on the rows already linked to it.
        kept = Q(code=self.initial["indicator"]) if self.initial.get("indicator") else Q(pk__in=[])
        choose(self, "indicator", Indicator.objects.filter(Q(is_active=True) | kept).order_by("code"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("measure") and not data.get("name") and not data.get("indicator"):
            self.add_error("name", _("Nhập tên chỉ tiêu."))
        return data

    def row(self) -> tuple[str, str, str] | None:
        data = self.cleaned_data
        code = data["indicator"].code if data.get("indicator") else ""
        if not data.get("name") and not code:
            return None
        return (data.get("name", ""), data.get("measure", ""), code)


CampaignIndicatorFormSet = forms.formset_factory(CampaignIndicatorForm, extra=3, max_num=30)


class PersonAwardForm(forms.Form):
    """A proposal for a person, made by the user's unit."""

    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1990, max_value=2100)
    award_kind = forms.ModelChoiceField[AwardKind](label=_("Hình thức khen thưởng"), queryset=None)
    awarding_unit = CommitteeField(
        label=_("Đề nghị cấp khen thưởng"),
        queryset=None,
        help_text=_("Đơn vị ra quyết định; cán bộ của đơn vị đó ghi quyết định khen thưởng."),
    )
    reason = forms.CharField(label=_("Thành tích"), max_length=500, required=False)
    proposed_on = forms.DateField(label=_("Ngày đề nghị"), widget=DATE)

    def __init__(
        self, *args: Any, kinds: QuerySet[AwardKind], awarding_units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "award_kind", kinds)
        choose(self, "awarding_unit", awarding_units)

    def proposal(self) -> dict[str, Any]:
        """The action's arguments: the awarding body is the awarding unit's committee."""
        data = dict(self.cleaned_data)
        data["awarding_body"] = data["awarding_unit"].committee_name
        return data


class CriterionForm(forms.Form):
    content = forms.CharField(label=_("Nội dung thi đua"), max_length=600)
    max_score = forms.DecimalField(label=_("Điểm tối đa"), max_digits=7, decimal_places=2, min_value=0)
    evidence_required = forms.CharField(label=_("Minh chứng cần có"), max_length=400, required=False)


class SelfScoreForm(forms.Form):
    criterion = forms.ModelChoiceField[Criterion](label=_("Nội dung"), queryset=None)
    score = forms.DecimalField(label=_("Điểm tự chấm"), max_digits=7, decimal_places=2)
    note = forms.CharField(label=_("Giải trình"), widget=forms.Textarea, required=False)
    evidence = forms.FileField(
        label=_("Tệp minh chứng"), required=False, help_text=_("PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB")
    )

    def __init__(self, *args: Any, criteria: QuerySet[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "criterion", criteria)


class AssessForm(forms.Form):
    unit = forms.ModelChoiceField[Unit](label=_("Đơn vị được chấm"), queryset=None)
    criterion = forms.ModelChoiceField[Criterion](label=_("Nội dung"), queryset=None)
    score = forms.DecimalField(label=_("Điểm"), max_digits=7, decimal_places=2)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], criteria: QuerySet[Criterion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "unit", units)
        choose(self, "criterion", criteria)


class PeerVoteForm(forms.Form):
    award_kind = forms.ModelChoiceField[AwardKind](label=_("Hình thức khen thưởng"), queryset=None)
    places = forms.IntegerField(label=_("Số suất"), min_value=1)
    candidates = forms.ModelMultipleChoiceField[Unit](
        label=_("Đơn vị được bình xét"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False, initial=True)
    pass_rule = forms.ChoiceField(label=_("Điều kiện đạt"), choices=PEER_VOTE)
    awarding_body = forms.CharField(label=_("Đề nghị cấp khen thưởng"), max_length=300)
    closes_at = forms.DateTimeField(
        label=_("Hạn bỏ phiếu"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(
        self, *args: Any, kinds: QuerySet[AwardKind], members: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "award_kind", kinds)
        choose(self, "candidates", members)


class BallotForm(forms.Form):
    choices = forms.ModelMultipleChoiceField[Unit](
        label=_("Đơn vị tôi chọn"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, candidates: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "choices", candidates)


class HandoverForm(forms.Form):
    leader = forms.ModelChoiceField[Unit](label=_("Cụm trưởng năm sau"), queryset=None)
    deputy = forms.ModelChoiceField[Unit](label=_("Cụm phó năm sau"), queryset=None, required=False)
    handed_on = forms.DateField(label=_("Ngày bàn giao"), widget=DATE)
    meeting = forms.ModelChoiceField[Meeting](label=_("Tại hội nghị"), queryset=None, required=False)

    def __init__(
        self, *args: Any, members: QuerySet[Unit], meetings: QuerySet[Meeting], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "leader", members)
        choose(self, "deputy", members)
        choose(self, "meeting", meetings)


class DecisionForm(forms.Form):
    awarded = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Khen thưởng")), ("0", _("Không khen thưởng"))],
        coerce=lambda v: v == "1",
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    decision_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=300)


class CampaignChoiceField(forms.ModelChoiceField[Campaign]):
    def label_from_instance(self, obj: Campaign) -> str:
        return f"{obj.get_kind_display()} “{obj.name}”"


class CampaignAttachForm(forms.Form):
    campaign = CampaignChoiceField(label=_("Cuộc vận động, phong trào"), queryset=Campaign.objects.none())

    def __init__(self, *args: Any, campaigns: list[Campaign], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(CampaignChoiceField, self.fields["campaign"])
        field.queryset = Campaign.objects.filter(pk__in=[c.pk for c in campaigns]).order_by("name")


class CampaignFigureForm(forms.Form):
    """A campaign's figure for a unit and a period, typed as the source prints it."""

    unit = CommitteeField(label=_("Đơn vị"), queryset=Unit.objects.none())
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu của cuộc vận động"), queryset=CampaignIndicator.objects.none(), required=False
    )
    label = forms.CharField(label=_("Hoặc: tên số liệu"), max_length=300, required=False)
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
    period_start = forms.DateField(label=_("Kỳ số liệu từ ngày"), widget=DATE)
    period_end = forms.DateField(label=_("Kỳ số liệu đến ngày"), widget=DATE)
    as_printed = forms.CharField(
        label=_("Nguyên văn trong nguồn"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    to_check = forms.BooleanField(label=_("Cần kiểm tra lại (nguồn ghi không rõ)"), required=False)

    def __init__(
        self, *args: Any, units: list[Unit], indicators: list[CampaignIndicator], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(CommitteeField, self.fields["unit"]).queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = CampaignIndicator.objects.filter(
            pk__in=[i.pk for i in indicators]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = data.get("indicator")
        measure = indicator.measure if indicator is not None else data.get("measure", "")
        text = (data.get("value") or "").strip()
        data["value"] = None
        if text:
            try:
                if measure.strip() == "đồng":
                    data["value"] = parse_money(text)
                else:
                    digits = text.replace(".", "").replace(" ", "")
                    if not digits.isdigit():
                        raise ValueError(
                            _("Giá trị “%(text)s” không phải số nguyên (ví dụ: 3.568).") % {"text": text}
                        )
                    data["value"] = int(digits)
            except ValueError as exc:
                self.add_error("value", str(exc))
        return data
