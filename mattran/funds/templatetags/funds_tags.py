from django import template

from mattran.core.text import format_money, money_in_words

register = template.Library()


@register.filter
def dong(value) -> str:
    """1800000000 → "1.800.000.000 đồng"."""
    if value is None or value == "":
        return ""
    return format_money(int(value))


@register.filter
def num(value) -> str:
    """1800000000 → "1.800.000.000"."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.filter
def in_words(value) -> str:
    return money_in_words(int(value or 0))
