from django import template

from mattran.core.text import format_money

register = template.Library()


@register.filter
def dong(amount):
    """1800000000 → "1.800.000.000 đồng"."""
    if amount is None or amount == "":
        return ""
    return format_money(int(amount))


@register.filter
def vn_date(value):
    """A date as dd/mm/yyyy ("—" when empty)."""
    return value.strftime("%d/%m/%Y") if value else "—"
