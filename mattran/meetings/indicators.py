"""Report figures computed from the meetings a unit records (registered with reports).

A meeting counts for the unit that holds its record (``Meeting.unit``), on the local date it starts; the
units that only took part are not credited, and a roll-up adds each child's own meetings, so a meeting is
counted once however many levels attend it. Meetings an emulation cluster organises (hosted by one of its
members) belong to the cluster and are not counted as the host's own.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Unit
from mattran.reports.periods import Period
from mattran.reports.registry import register

from .models import Meeting, MeetingKind

# Counted apart: a voter contact meeting is its own indicator, a cluster conference is the cluster's.
NOT_COMMITTEE = {MeetingKind.VOTER_CONTACT, MeetingKind.CLUSTER}


def _held(unit: Unit, period: Period) -> QuerySet[Meeting]:
    """The unit's own meetings whose start falls in the period, in local time."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Meeting.objects.filter(unit=unit, cluster__isnull=True, starts_at__gte=start, starts_at__lt=end)


@register(
    "meetings.held",
    _("Số hội nghị, cuộc họp của Ủy ban, Ban Thường trực do đơn vị tổ chức trong kỳ (trừ tiếp xúc cử tri)"),
)
def meetings_held(unit: Unit, period: Period) -> int:
    return _held(unit, period).exclude(kind__in=NOT_COMMITTEE).count()


@register("meetings.voter_contacts", _("Số cuộc tiếp xúc cử tri do đơn vị tổ chức, ghi trong kỳ"))
def voter_contacts(unit: Unit, period: Period) -> int:
    return _held(unit, period).filter(kind=MeetingKind.VOTER_CONTACT).count()
