"""Form fields every app shares: money typed the way cadres write it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.utils.translation import gettext_lazy as _

from .text import format_money, parse_money


class MoneyInput(forms.TextInput):
    """A text box (a number box would refuse "15.000.000" and "15 triệu") that shows "15.000.000"."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "text", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", ".")
        return super().format_value(value)


class MoneyField(forms.Field):
    """Whole đồng as cadres type them: "15.000.000", "15000000", "15 triệu", "1,8 tỷ", "1 tỷ 800 triệu"."""

    widget = MoneyInput
    default_error_messages = {
        "min_value": _("Số tiền phải từ %(limit)s trở lên."),
        "max_value": _("Số tiền quá lớn: tối đa %(limit)s."),
    }

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs: Any) -> None:
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault("help_text", _("Ví dụ: 15.000.000 hoặc 15 triệu, 1,8 tỷ"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in EMPTY_VALUES:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return parse_money(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_money(self.min_value)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_money(self.max_value)},
            )
