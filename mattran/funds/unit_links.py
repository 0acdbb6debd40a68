"""The funds' work offered on a unit's page (org.links): each fund of the unit, and opening one."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mattran.org.links import Link, register
from mattran.org.models import Unit

from .models import Fund


@register
def fund_links(user: Any, unit: Unit) -> list[Link]:
    out: list[Link] = []
    if user.has_perm("funds.view_fund", unit):
        for fund in Fund.objects.filter(unit=unit).order_by("name"):
            out.append((_("Sổ %(fund)s") % {"fund": fund.name}, reverse("funds:fund", args=[fund.pk])))
            if user.has_perm("funds.post_entry", unit):
                label = _("Ghi khoản thu (%(fund)s)") % {"fund": fund.name}
                out.append((label, reverse("funds:receipt_new", args=[fund.pk])))
    if user.has_perm("funds.manage_fund", unit) and not unit.is_residential:
        out.append((_("Mở quỹ"), f"{reverse('funds:create')}?don-vi={unit.pk}"))
    return out
