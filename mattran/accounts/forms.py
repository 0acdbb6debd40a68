from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khoá. Hãy liên hệ quản trị đơn vị."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput,
        min_length=8,
        help_text=_("Ít nhất 8 ký tự, không toàn chữ số, không quá phổ biến."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [(u.pk, u.name) for u in units]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mã truy cập"),
        max_length=100,
        help_text=_("Ví dụ: bảng tính báo cáo tuần, phần mềm của tỉnh"),
    )


class _NewPasswordForm(forms.Form):
    new_password = forms.CharField(
        label=_("Mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_(
            "Ít nhất 8 ký tự; một câu dài dễ nhớ là tốt nhất. Không dùng tên phần mềm, tên Mặt trận kèm năm."
        ),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("Hai lần nhập mật khẩu mới không khớp."))
        return data


class PasswordChangeForm(_NewPasswordForm):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )
    field_order = ["old_password", "new_password", "new_password2"]


class PasswordResetForm(_NewPasswordForm):
    """A new password set by the unit's administrator, or from an e-mailed link."""


class PasswordForgotForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử của tài khoản"), max_length=254)
