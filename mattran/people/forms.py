"""Forms for persons, terms and memberships; the actions do the validating."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.sheets import SheetField
from mattran.org.models import MemberOrganization

from .models import EndReason, Gender, Position, Represents, Term

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("—")), *choices]


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, help_text=_("Họ trước, tên sau"))
    gender = forms.ChoiceField(label=_("Giới tính"), choices=_blank(Gender.choices), required=False)
    birth_year = forms.IntegerField(label=_("Năm sinh"), min_value=1900, max_value=2100, required=False)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=60, required=False)
    religion = forms.CharField(label=_("Tôn giáo"), max_length=60, required=False)
    occupation = forms.CharField(label=_("Nghề nghiệp"), max_length=200, required=False)
    contact = forms.CharField(label=_("Liên hệ (không công khai)"), max_length=300, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PostForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=300)
    organisation = forms.CharField(label=_("Cơ quan"), max_length=250, required=False)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE, required=False)
    end = forms.DateField(label=_("Đến ngày (không tính)"), widget=DATE, required=False)


class TermForm(forms.Form):
    label = forms.CharField(label=_("Khóa"), max_length=100, help_text=_("Ví dụ: khóa XVI"))
    period_label = forms.CharField(
        label=_("Nhiệm kỳ"), max_length=100, required=False, help_text=_("Ví dụ: nhiệm kỳ 2024–2029")
    )
    start = forms.DateField(label=_("Bắt đầu"), widget=DATE)
    end = forms.DateField(label=_("Kết thúc (ngày đại hội khóa sau)"), widget=DATE, required=False)
    notes = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MembershipForm(forms.Form):
    term = forms.TypedChoiceField(label=_("Nhiệm kỳ"), coerce=int)
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        help_text=_("Người đã có trong danh sách của đơn vị sẽ được dùng lại."),
    )
    position = forms.ChoiceField(label=_("Chức danh"), choices=Position.choices, initial=Position.MEMBER)
    represents = forms.ChoiceField(
        label=_("Đại diện cho"), choices=_blank(Represents.choices), required=False
    )
    member_org = forms.TypedChoiceField(
        label=_("Tổ chức thành viên"), coerce=int, required=False, empty_value=None
    )
    represents_detail = forms.CharField(label=_("Đại diện (chi tiết)"), max_length=250, required=False)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE, initial=timezone.localdate)
    start_decision = forms.CharField(
        label=_("Căn cứ (quyết định, nghị quyết)"), max_length=250, required=False
    )

    def __init__(
        self,
        *args: Any,
        terms: Iterable[Term] = (),
        member_orgs: Iterable[MemberOrganization] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "term", [(t.pk, t.display) for t in terms])
        _choices(self, "member_org", _blank([(o.pk, o.name) for o in member_orgs]))


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Thôi từ ngày"), widget=DATE, initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Lý do"), choices=EndReason.choices)
    end_decision = forms.CharField(label=_("Căn cứ (quyết định, nghị quyết)"), max_length=250, required=False)


class ImportForm(forms.Form):
    term = forms.TypedChoiceField(label=_("Nhiệm kỳ"), coerce=int)
    file = SheetField()

    def __init__(self, *args: Any, terms: Iterable[Term] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "term", [(t.pk, t.display) for t in terms])
