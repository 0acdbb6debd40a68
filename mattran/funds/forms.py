"""Forms of the funds pages; validation of meaning lives in the actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mattran.core.forms import MoneyField
from mattran.core.text import format_money

from . import banks
from .actions import MAX_AMOUNT
from .models import (
    BeneficiaryCategory,
    DisbursementKind,
    DonorKind,
    FundKind,
    HouseStage,
    HouseState,
    HouseWork,
    ReceiptMethod,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, initial=timezone.localdate, required=required)


# Above MAX_AMOUNT is a typing error (the actions refuse it too): said beside the field, in đồng.
TOO_MUCH = format_lazy(_("Số tiền quá lớn: tối đa {most}."), most=format_money(MAX_AMOUNT))


def _money(label: str, required: bool = True, *, minimum: int = 1, hint: bool = True) -> MoneyField:
    return MoneyField(
        label=label,
        min_value=minimum,
        max_value=MAX_AMOUNT,
        required=required,
        error_messages={"max_value": TOO_MUCH},
        **({} if hint else {"help_text": ""}),
    )


class FundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại quỹ"), choices=FundKind.choices)
    name = forms.CharField(
        label=_("Tên quỹ"), max_length=200, required=False, help_text=_("Để trống: theo loại quỹ")
    )
    public = forms.BooleanField(label=_("Công khai trên cổng thông tin"), required=False, initial=True)


class AccountForm(forms.Form):
    bank_bin = forms.ChoiceField(label=_("Ngân hàng"), choices=banks.CHOICES)
    number = forms.CharField(label=_("Số tài khoản"), max_length=30)
    holder = forms.CharField(label=_("Chủ tài khoản"), max_length=200)
    branch = forms.CharField(label=_("Chi nhánh"), max_length=200, required=False)
    public = forms.BooleanField(label=_("Công khai sao kê"), required=False, initial=True)


class AppealForm(forms.Form):
    title = forms.CharField(label=_("Tên lời kêu gọi"), max_length=300)
    opens_on = _date(_("Nhận từ ngày"))
    closes_on = _date(_("Nhận đến ngày"))
    account = forms.TypedChoiceField(label=_("Tài khoản nhận"), coerce=int, required=False, empty_value=None)
    qr_message = forms.CharField(
        label=_("Nội dung chuyển khoản (không dấu)"),
        max_length=50,
        required=False,
        help_text=_("Để trống: tự tạo"),
    )
    purpose = forms.CharField(label=_("Mục đích"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [("", _("—"))] + [(a.pk, str(a)) for a in accounts]


class ReceiptForm(forms.Form):
    method = forms.ChoiceField(label=_("Hình thức"), choices=ReceiptMethod.choices)
    donor_kind = forms.ChoiceField(label=_("Người ủng hộ"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("Họ tên / tên tổ chức"), max_length=200, required=False)
    donor_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    amount = _money(_("Số tiền hoặc giá trị hiện vật"))
    goods = forms.CharField(label=_("Hiện vật (nếu có)"), max_length=300, required=False)
    goods_quantity = forms.CharField(label=_("Số lượng hiện vật"), max_length=100, required=False)
    received_on = _date(_("Ngày nhận"))
    appeal = forms.TypedChoiceField(label=_("Theo lời kêu gọi"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, appeals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appeal"].choices = [("", _("—"))] + [(a.pk, a.title) for a in appeals]


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=300)


class TransferForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Quỹ nhận"), coerce=int)
    amount = _money(_("Số tiền"))
    date = _date(_("Ngày"))
    description = forms.CharField(label=_("Nội dung"), max_length=300)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(f.pk, f"{f.name} — {f.unit}") for f in targets]


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    date = _date(_("Ngày ký"))
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)


class DisbursementForm(forms.Form):
    decision = forms.TypedChoiceField(label=_("Theo quyết định"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=DisbursementKind.choices)
    category = forms.ChoiceField(label=_("Diện"), choices=BeneficiaryCategory.choices)
    beneficiaries = forms.TypedMultipleChoiceField(
        label=_("Hộ nhận"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nhà Đại đoàn kết: đúng một hộ. Quà: mỗi hộ một suất."),
    )
    all_households = forms.BooleanField(
        label=_("Mọi hộ thuộc diện đã chọn của đơn vị"), required=False, help_text=_("Thay cho chọn từng hộ")
    )
    recipient_unit = forms.TypedChoiceField(
        label=_("Nơi nhận"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Để trống: theo hộ nhận"),
    )
    gift_count = forms.IntegerField(label=_("Số suất quà"), min_value=1, required=False)
    gift_value = _money(_("Giá trị mỗi suất"), required=False)
    amount = _money(_("Số tiền (hỗ trợ tiền mặt, nhà)"), required=False)
    house_work = forms.ChoiceField(
        label=_("Nhà: xây mới / sửa chữa"), choices=[("", _("—")), *HouseWork.choices], required=False
    )
    date = _date(_("Ngày chi"))
    description = forms.CharField(label=_("Nội dung"), max_length=300)

    def __init__(self, *args, decisions=(), beneficiaries=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d.pk, f"{d.number} — {d.title}") for d in decisions]
        self.fields["recipient_unit"].choices = [("", _("—"))] + [(u.pk, u.name) for u in places]
        self.fields["beneficiaries"].choices = [
            (b.pk, f"{b.head_name} — {b.get_category_display()}{f' — {b.area}' if b.area_id else ''}")
            for b in beneficiaries
        ]


class HouseProgressForm(forms.Form):
    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=HouseStage.choices)
    percent = forms.IntegerField(
        label=_("Tiến độ (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Để trống: theo giai đoạn (khởi công 10%, xong móng 30%, xong tường 60%, lên mái 85%)"),
    )
    date = _date(_("Ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class DisbursementFilterForm(forms.Form):
    """The shareable filters of a disbursement list (GET parameters in Vietnamese without diacritics)."""

    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)
    hinh_thuc = forms.ChoiceField(label=_("Hình thức"), required=False)
    dien = forms.ChoiceField(label=_("Diện"), required=False)
    quyet_dinh = forms.TypedChoiceField(label=_("Quyết định"), coerce=int, required=False, empty_value=None)
    tu_ngay = forms.DateField(label=_("Từ ngày"), widget=DATE, required=False)
    den_ngay = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hinh_thuc"].choices = [("", _("Tất cả"))] + list(DisbursementKind.choices)
        self.fields["dien"].choices = [("", _("Tất cả"))] + list(BeneficiaryCategory.choices)
        self.fields["quyet_dinh"].choices = [("", _("Tất cả"))] + [(d.pk, d.number) for d in decisions]


class HouseFilterForm(forms.Form):
    tinh_trang = forms.ChoiceField(label=_("Tình trạng"), required=False)
    loai = forms.ChoiceField(label=_("Xây / sửa"), required=False)
    nam = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh_trang"].choices = [("", _("Tất cả"))] + list(HouseState.choices)
        self.fields["loai"].choices = [("", _("Tất cả"))] + list(HouseWork.choices)


class BeneficiaryForm(forms.Form):
    head_name = forms.CharField(label=_("Chủ hộ"), max_length=200)
    category = forms.ChoiceField(label=_("Diện"), choices=BeneficiaryCategory.choices)
    area = forms.TypedChoiceField(label=_("Khu dân cư"), coerce=int, required=False, empty_value=None)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    members = forms.IntegerField(label=_("Số nhân khẩu"), min_value=1, max_value=99, required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("—"))] + [(a.pk, a.name) for a in areas]


class BeneficiaryFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên chủ hộ"), max_length=100, required=False)
    dien = forms.ChoiceField(label=_("Diện"), required=False)
    khu = forms.TypedChoiceField(label=_("Khu dân cư"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dien"].choices = [("", _("Tất cả"))] + list(BeneficiaryCategory.choices)
        self.fields["khu"].choices = [("", _("Tất cả"))] + [(a.pk, a.name) for a in areas]


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp sao kê (PDF, CSV, XLSX)"))


class BeneficiaryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"), help_text=_("Cột: Chủ hộ, Diện, Khu dân cư, Địa chỉ, Số nhân khẩu")
    )


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Tên người chuyển hoặc nội dung"), max_length=100, required=False)
    so_tien = _money(_("Số tiền đúng"), required=False, minimum=0, hint=False)
    tu_tien = _money(_("Từ số tiền"), required=False, minimum=0, hint=False)
    den_tien = _money(_("Đến số tiền"), required=False, minimum=0, hint=False)
    tu_ngay = forms.DateField(label=_("Từ ngày"), widget=DATE, required=False)
    den_ngay = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)
    ngan_hang = forms.ChoiceField(label=_("Ngân hàng"), required=False)
    tai_khoan = forms.TypedChoiceField(label=_("Tài khoản"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        bins = sorted({a.bank_bin for a in accounts})
        self.fields["ngan_hang"].choices = [("", _("Tất cả"))] + [
            (b, banks.BY_BIN[b].short_name) for b in bins if b in banks.BY_BIN
        ]
        self.fields["tai_khoan"].choices = [("", _("Tất cả"))] + [
            (a.pk, f"{a} — {a.holder}") for a in accounts
        ]


class ClaimForm(forms.Form):
    ten = forms.CharField(label=_("Tên người ủng hộ"), max_length=100)
    so_tien = _money(_("Số tiền (đồng)"), hint=False)
