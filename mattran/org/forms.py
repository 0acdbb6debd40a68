from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RESIDENTIAL_KINDS, MemberOrgKind, Unit, UnitKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RESIDENTIAL_CHOICES = [(k, UnitKind(k).label) for k in UnitKind.values if k in RESIDENTIAL_KINDS]


EFFECTIVE_DATE = _("Ngày hiệu lực")


def _date_field(label=EFFECTIVE_DATE):
    return forms.DateField(label=label, widget=DATE, initial=timezone.localdate)


def _legal_field():
    return forms.CharField(label=_("Căn cứ (số quyết định, nghị quyết)"), max_length=300, required=False)


class ResidentialAreaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=RESIDENTIAL_CHOICES, initial=UnitKind.RESIDENTIAL_GROUP)
    short_name = forms.CharField(label=_("Tên"), max_length=150, help_text=_("Ví dụ: số 5, Đông, Bến Đò"))
    code = forms.CharField(label=_("Mã (nếu có)"), max_length=20, required=False)
    valid_from = forms.DateField(label=_("Thành lập từ ngày"), widget=DATE, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), help_text=_("Theo mẫu: cột Tên, Loại, Mã, Ghi chú."))


class RenameForm(forms.Form):
    short_name = forms.CharField(label=_("Tên mới"), max_length=150)
    kind = forms.ChoiceField(label=_("Loại"), choices=UnitKind.choices)
    date = _date_field()
    legal_basis = _legal_field()


class MoveForm(forms.Form):
    new_parent = forms.TypedChoiceField(label=_("Chuyển về đơn vị"), coerce=int)
    date = _date_field()
    legal_basis = _legal_field()

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].choices = [(u.pk, u.name) for u in candidates]


class MergeForm(forms.Form):
    units = forms.TypedMultipleChoiceField(
        label=_("Các đơn vị sáp nhập"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    survivor = forms.TypedChoiceField(
        label=_("Đơn vị sau sáp nhập"),
        coerce=int,
        empty_value=0,
        help_text=_("Chọn một đơn vị giữ lại, hoặc 'Đơn vị mới' rồi nhập tên bên dưới."),
    )
    new_short_name = forms.CharField(label=_("Tên đơn vị mới"), max_length=150, required=False)
    new_kind = forms.ChoiceField(
        label=_("Loại đơn vị mới"),
        choices=[("", _("— như các đơn vị cũ —")), *UnitKind.choices],
        required=False,
    )
    new_code = forms.CharField(label=_("Mã đơn vị mới"), max_length=20, required=False)
    date = _date_field()
    legal_basis = _legal_field()

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(u.pk, u.name) for u in candidates]
        self.fields["survivor"].choices = [(0, "— Đơn vị mới —"), *[(u.pk, u.name) for u in candidates]]


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=_("Tên các đơn vị mới"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tên, ví dụ: 'số 5A' và 'số 5B'."),
    )
    kind = forms.ChoiceField(label=_("Loại các đơn vị mới"), choices=UnitKind.choices)
    primary = forms.IntegerField(
        label=_("Đơn vị kế thừa số liệu lịch sử (thứ tự dòng)"), min_value=1, initial=1
    )
    date = _date_field()
    legal_basis = _legal_field()

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children = list(children)
        for child in self.children:
            self.fields[f"child_{child.pk}"] = forms.IntegerField(
                label=f"{child.name} thuộc đơn vị mới thứ", min_value=1, initial=1
            )

    def part_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]


class DissolveForm(forms.Form):
    date = _date_field(_("Giải thể từ ngày"))
    legal_basis = _legal_field()


class MemberOrgForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MemberOrgKind.choices)
    name = forms.CharField(label=_("Tên tổ chức"), max_length=250)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=50, required=False)
    is_direct = forms.BooleanField(label=_("Trực thuộc Mặt trận (từ 2025)"), required=False)


class ClusterLeadershipForm(forms.Form):
    leader = forms.TypedChoiceField(label=_("Cụm trưởng"), coerce=int, empty_value=None, required=False)
    deputy = forms.TypedChoiceField(label=_("Cụm phó"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("—")), *[(u.pk, u.name) for u in members]]
        self.fields["leader"].choices = choices
        self.fields["deputy"].choices = choices


def unit_choices(qs) -> list[Unit]:
    return list(qs.order_by("sort_name"))


class UnitDetailsForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=20, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ClusterCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Tên cụm, khối"), max_length=250, help_text=_("Ví dụ: Cụm thi đua số 1 các xã phía Bắc")
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("cum", _("Cụm thi đua")), ("khoi", _("Khối thi đua"))]
    )
    year = forms.IntegerField(
        label=_("Năm"), min_value=1990, max_value=2100, initial=timezone.localdate().year
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Các đơn vị trực thuộc đơn vị tổ chức, cùng cấp."),
    )
    leader = forms.TypedChoiceField(label=_("Cụm trưởng"), coerce=int, empty_value=None, required=False)
    deputy = forms.TypedChoiceField(label=_("Cụm phó"), coerce=int, empty_value=None, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in candidates]
        self.fields["members"].choices = choices
        self.fields["leader"].choices = [("", _("—")), *choices]
        self.fields["deputy"].choices = [("", _("—")), *choices]
