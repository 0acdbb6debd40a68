"""The meetings' work offered on a unit's page (org.links): its calendar, and recording a meeting."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mattran.org.links import Link, register
from mattran.org.models import Unit

VIEW, RECORD = "meetings.view_meeting", "meetings.record_meeting"


@register
def meeting_links(user: Any, unit: Unit) -> list[Link]:
    out: list[Link] = []
    if user.has_perm(RECORD, unit):
        out.append((_("Ghi hội nghị"), reverse("meetings:create", args=[unit.pk])))
    if user.has_perm(VIEW, unit):
        out.append((_("Lịch hội nghị"), reverse("meetings:calendar", args=[unit.pk])))
    return out
