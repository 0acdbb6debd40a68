"""The forms of the petitions pages (validation of meaning is the actions'; these parse)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Agency, Level, Unit

from .models import PUBLIC_KINDS, Channel, CouncilSession, Field, Kind, ReceptionSession, Urgency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=DATE)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.filter(active=True), required=False
    )
    urgency = forms.ChoiceField(label=_("Mức độ"), choices=Urgency.choices, initial=Urgency.NORMAL)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=300, required=False)
    text = forms.CharField(label=_("Nội dung người dân nêu"), widget=forms.Textarea)
    residential_area = forms.ModelChoiceField(
        label=_("Khu dân cư"), queryset=Unit.objects.none(), required=False
    )
    address = forms.CharField(label=_("Địa điểm xảy ra"), max_length=300, required=False)
    reception = forms.ModelChoiceField(
        label=_("Buổi tiếp công dân"), queryset=ReceptionSession.objects.none(), required=False
    )
    council_session = forms.ModelChoiceField(
        label=_("Gửi kỳ họp (ý kiến cử tri)"), queryset=CouncilSession.objects.none(), required=False
    )
    meeting = forms.IntegerField(label=_("Mã hội nghị tiếp xúc cử tri"), required=False)
    anonymous = forms.BooleanField(label=_("Người gửi ẩn danh"), required=False)
    full_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=150, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    submitter_address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)
    allow_publish = forms.BooleanField(
        label=_("Người gửi đồng ý công khai nội dung đã bỏ thông tin cá nhân"), required=False
    )
    uploads = MultipleFileField(label=_("Ảnh, tài liệu (JPG, PNG, PDF, DOCX)"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residential_area"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            parent=unit, level__code=Level.RESIDENTIAL, valid_to__isnull=True
        )
        self.fields["reception"].queryset = ReceptionSession.objects.filter(unit=unit)[:50]  # type: ignore[attr-defined]
        self.fields["council_session"].queryset = CouncilSession.objects.filter(  # type: ignore[attr-defined]
            _unit_or_above(unit)
        )


def _unit_or_above(unit: Unit) -> Any:
    from django.db.models import Q

    ids = [unit.pk]
    parent = unit.parent
    while parent is not None:
        ids.append(parent.pk)
        parent = parent.parent
    return Q(unit_id__in=ids)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(active=True))
    urgency = forms.ChoiceField(label=_("Mức độ"), choices=Urgency.choices)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=300, required=False)


class ForwardForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan có thẩm quyền"), queryset=Agency.objects.none())
    forwarded_on = forms.DateField(label=_("Ngày chuyển"), widget=DATE)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every body of the directory is offered; the action refuses one outside it (a tampered form).
        self.fields["agency"].queryset = Agency.objects.filter(unit=unit, active=True)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea)
    reference = forms.CharField(label=_("Số, ký hiệu văn bản trả lời"), max_length=120, required=False)
    answered_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE)
    documents = MultipleFileField(label=_("Văn bản trả lời (PDF, DOCX hoặc ảnh chụp)"), required=False)
    by_front = forms.BooleanField(label=_("Mặt trận trả lời trực tiếp"), required=False)


class DateForm(forms.Form):
    day = forms.DateField(label=_("Ngày"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Nội dung công khai"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Viết lại vấn đề, không ghi tên, số điện thoại, địa chỉ người gửi."),
    )


class ReceptionForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày tiếp"), widget=DATE)
    place = forms.CharField(label=_("Địa điểm"), max_length=250)
    cadres = forms.CharField(label=_("Cán bộ tiếp"), max_length=400)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CouncilSessionForm(forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan"), choices=CouncilSession.Body.choices)
    name = forms.CharField(label=_("Tên kỳ họp"), max_length=250)
    opens_on = forms.DateField(label=_("Ngày khai mạc"), widget=DATE)


class PublicForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=[(k.value, k.label) for k in PUBLIC_KINDS],
        initial=Kind.RECOMMENDATION,
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.filter(active=True), required=False
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    place = forms.CharField(label=_("Địa điểm (số nhà, đường, tổ dân phố)"), max_length=300, required=False)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    allow_publish = forms.BooleanField(
        label=_("Đồng ý công khai câu trả lời (không kèm tên, số điện thoại của tôi)"), required=False
    )
    photos = MultipleFileField(label=_("Ảnh chụp (JPG, PNG, tối đa 5 ảnh)"), required=False)
    # A field people do not see: a robot that fills every field fills it too.
    website = forms.CharField(
        required=False,
        label="Website",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class LookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã tra cứu"), max_length=20)


class RateForm(forms.Form):
    ma = forms.CharField(widget=forms.HiddenInput, max_length=20)
    satisfied = forms.TypedChoiceField(
        label=_("Bạn có hài lòng với câu trả lời?"),
        choices=[("1", _("Hài lòng")), ("0", _("Chưa hài lòng"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến của bạn"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
