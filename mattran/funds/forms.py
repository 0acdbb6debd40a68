"""Forms of the funds pages; validation of meaning lives in the actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from . import banks
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
MONEY = forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "step": 1})


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, initial=timezone.localdate, required=required)


def _money(label: str, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=1, widget=MONEY, required=required, help_text="Đồng, số nguyên"
    )


class FundForm(forms.Form):
    kind = forms.ChoiceField(label="Loại quỹ", choices=FundKind.choices)
    name = forms.CharField(
        label="Tên quỹ", max_length=200, required=False, help_text="Để trống: theo loại quỹ"
    )
    public = forms.BooleanField(label="Công khai trên cổng thông tin", required=False, initial=True)


class AccountForm(forms.Form):
    bank_bin = forms.ChoiceField(label="Ngân hàng", choices=banks.CHOICES)
    number = forms.CharField(label="Số tài khoản", max_length=30)
    holder = forms.CharField(label="Chủ tài khoản", max_length=200)
    branch = forms.CharField(label="Chi nhánh", max_length=200, required=False)
    public = forms.BooleanField(label="Công khai sao kê", required=False, initial=True)


class AppealForm(forms.Form):
    title = forms.CharField(label="Tên lời kêu gọi", max_length=300)
    opens_on = _date("Nhận từ ngày")
    closes_on = _date("Nhận đến ngày")
    account = forms.TypedChoiceField(label="Tài khoản nhận", coerce=int, required=False, empty_value=None)
    qr_message = forms.CharField(
        label="Nội dung chuyển khoản (không dấu)", max_length=50, required=False, help_text="Để trống: tự tạo"
    )
    purpose = forms.CharField(label="Mục đích", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [("", "—")] + [(a.pk, str(a)) for a in accounts]


class ReceiptForm(forms.Form):
    method = forms.ChoiceField(label="Hình thức", choices=ReceiptMethod.choices)
    donor_kind = forms.ChoiceField(label="Người ủng hộ", choices=DonorKind.choices)
    donor_name = forms.CharField(label="Họ tên / tên tổ chức", max_length=200, required=False)
    donor_address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    amount = _money("Số tiền hoặc giá trị hiện vật")
    goods = forms.CharField(label="Hiện vật (nếu có)", max_length=300, required=False)
    goods_quantity = forms.CharField(label="Số lượng hiện vật", max_length=100, required=False)
    received_on = _date("Ngày nhận")
    appeal = forms.TypedChoiceField(label="Theo lời kêu gọi", coerce=int, required=False, empty_value=None)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args, appeals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appeal"].choices = [("", "—")] + [(a.pk, a.title) for a in appeals]


class ReverseForm(forms.Form):
    reason = forms.CharField(label="Lý do điều chỉnh", max_length=300)


class TransferForm(forms.Form):
    target = forms.TypedChoiceField(label="Quỹ nhận", coerce=int)
    amount = _money("Số tiền")
    date = _date("Ngày")
    description = forms.CharField(label="Nội dung", max_length=300)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(f.pk, f"{f.name} — {f.unit}") for f in targets]


class DecisionForm(forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=50)
    date = _date("Ngày ký")
    title = forms.CharField(label="Trích yếu", max_length=300)
    signer = forms.CharField(label="Người ký", max_length=200, required=False)


class DisbursementForm(forms.Form):
    decision = forms.TypedChoiceField(label="Theo quyết định", coerce=int)
    kind = forms.ChoiceField(label="Hình thức", choices=DisbursementKind.choices)
    category = forms.ChoiceField(label="Diện", choices=BeneficiaryCategory.choices)
    beneficiaries = forms.TypedMultipleChoiceField(
        label="Hộ nhận",
        coerce=int,
        required=False,
        help_text="Giữ Ctrl để chọn nhiều hộ. Nhà Đại đoàn kết: đúng một hộ. Quà: mỗi hộ một suất.",
    )
    all_households = forms.BooleanField(
        label="Mọi hộ thuộc diện đã chọn của đơn vị", required=False, help_text="Thay cho chọn từng hộ"
    )
    recipient_unit = forms.TypedChoiceField(
        label="Nơi nhận", coerce=int, required=False, empty_value=None, help_text="Để trống: theo hộ nhận"
    )
    gift_count = forms.IntegerField(label="Số suất quà", min_value=1, required=False)
    gift_value = _money("Giá trị mỗi suất", required=False)
    amount = _money("Số tiền (hỗ trợ tiền mặt, nhà)", required=False)
    house_work = forms.ChoiceField(
        label="Nhà: xây mới / sửa chữa", choices=[("", "—"), *HouseWork.choices], required=False
    )
    date = _date("Ngày chi")
    description = forms.CharField(label="Nội dung", max_length=300)

    def __init__(self, *args, decisions=(), beneficiaries=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d.pk, f"{d.number} — {d.title}") for d in decisions]
        self.fields["recipient_unit"].choices = [("", "—")] + [(u.pk, u.name) for u in places]
        self.fields["beneficiaries"].choices = [
            (b.pk, f"{b.head_name} — {b.get_category_display()}{f' — {b.area}' if b.area_id else ''}")
            for b in beneficiaries
        ]


class HouseProgressForm(forms.Form):
    stage = forms.ChoiceField(label="Giai đoạn", choices=HouseStage.choices)
    percent = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        required=False,
        help_text="Để trống: theo giai đoạn (khởi công 10%, xong móng 30%, xong tường 60%, lên mái 85%)",
    )
    date = _date("Ngày")
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class DisbursementFilterForm(forms.Form):
    """The shareable filters of a disbursement list (GET parameters in Vietnamese without diacritics)."""

    q = forms.CharField(label="Tìm", max_length=100, required=False)
    hinh_thuc = forms.ChoiceField(label="Hình thức", required=False)
    dien = forms.ChoiceField(label="Diện", required=False)
    quyet_dinh = forms.TypedChoiceField(label="Quyết định", coerce=int, required=False, empty_value=None)
    tu_ngay = forms.DateField(label="Từ ngày", widget=DATE, required=False)
    den_ngay = forms.DateField(label="Đến ngày", widget=DATE, required=False)

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hinh_thuc"].choices = [("", "Tất cả")] + list(DisbursementKind.choices)
        self.fields["dien"].choices = [("", "Tất cả")] + list(BeneficiaryCategory.choices)
        self.fields["quyet_dinh"].choices = [("", "Tất cả")] + [(d.pk, d.number) for d in decisions]


class HouseFilterForm(forms.Form):
    tinh_trang = forms.ChoiceField(label="Tình trạng", required=False)
    loai = forms.ChoiceField(label="Xây / sửa", required=False)
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh_trang"].choices = [("", "Tất cả")] + list(HouseState.choices)
        self.fields["loai"].choices = [("", "Tất cả")] + list(HouseWork.choices)


class BeneficiaryForm(forms.Form):
    head_name = forms.CharField(label="Chủ hộ", max_length=200)
    category = forms.ChoiceField(label="Diện", choices=BeneficiaryCategory.choices)
    area = forms.TypedChoiceField(label="Khu dân cư", coerce=int, required=False, empty_value=None)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    members = forms.IntegerField(label="Số nhân khẩu", min_value=1, max_value=99, required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "—")] + [(a.pk, a.name) for a in areas]


class BeneficiaryFilterForm(forms.Form):
    q = forms.CharField(label="Tên chủ hộ", max_length=100, required=False)
    dien = forms.ChoiceField(label="Diện", required=False)
    khu = forms.TypedChoiceField(label="Khu dân cư", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dien"].choices = [("", "Tất cả")] + list(BeneficiaryCategory.choices)
        self.fields["khu"].choices = [("", "Tất cả")] + [(a.pk, a.name) for a in areas]


class StatementUploadForm(forms.Form):
    file = forms.FileField(label="Tệp sao kê (PDF, CSV, XLSX)")


class BeneficiaryImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)", help_text="Cột: Chủ hộ, Diện, Khu dân cư, Địa chỉ, Số nhân khẩu"
    )


class PublicSearchForm(forms.Form):
    q = forms.CharField(label="Tên người chuyển hoặc nội dung", max_length=100, required=False)
    so_tien = forms.IntegerField(label="Số tiền đúng", min_value=0, required=False)
    tu_tien = forms.IntegerField(label="Từ số tiền", min_value=0, required=False)
    den_tien = forms.IntegerField(label="Đến số tiền", min_value=0, required=False)
    tu_ngay = forms.DateField(label="Từ ngày", widget=DATE, required=False)
    den_ngay = forms.DateField(label="Đến ngày", widget=DATE, required=False)
    ngan_hang = forms.ChoiceField(label="Ngân hàng", required=False)
    tai_khoan = forms.TypedChoiceField(label="Tài khoản", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        bins = sorted({a.bank_bin for a in accounts})
        self.fields["ngan_hang"].choices = [("", "Tất cả")] + [
            (b, banks.BY_BIN[b].short_name) for b in bins if b in banks.BY_BIN
        ]
        self.fields["tai_khoan"].choices = [("", "Tất cả")] + [(a.pk, f"{a} — {a.holder}") for a in accounts]


class ClaimForm(forms.Form):
    ten = forms.CharField(label="Tên người ủng hộ", max_length=100)
    so_tien = forms.IntegerField(label="Số tiền (đồng)", min_value=1)
