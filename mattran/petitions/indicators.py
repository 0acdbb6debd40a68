"""Report figures computed from citizens' cases (registered with reports): what cadres typed by hand.

A case counts for the unit that received it; a case escalated to the level above counts there as a new
case too (each level did its part), a case merged into another counts once (the merged-away one is left
out). Dates are the case's own: received, forwarded, answered.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Unit
from mattran.reports.periods import Period
from mattran.reports.registry import register

from .models import Case, Kind, Status


def _own(unit: Unit) -> QuerySet[Case]:
    return Case.objects.filter(unit=unit).exclude(status=Status.MERGED)


@register("petitions.received", _("Số ý kiến, kiến nghị, phản ánh, đơn thư tiếp nhận trong kỳ"))
def received(unit: Unit, period: Period) -> int:
    return _own(unit).filter(received_on__range=(period.start, period.end)).count()


@register("petitions.forwarded", _("Số vụ việc đã chuyển cơ quan có thẩm quyền trong kỳ"))
def forwarded(unit: Unit, period: Period) -> int:
    return _own(unit).filter(forwarded_on__range=(period.start, period.end)).count()


@register("petitions.answered", _("Số vụ việc đã có trả lời trong kỳ"))
def answered(unit: Unit, period: Period) -> int:
    return _own(unit).filter(answered_on__range=(period.start, period.end)).count()


@register("petitions.answered_on_time", _("Số vụ việc được trả lời đúng hạn trong kỳ"))
def answered_on_time(unit: Unit, period: Period) -> int:
    return (
        _own(unit)
        .filter(answered_on__range=(period.start, period.end), answered_on__lte=F("answer_due_on"))
        .count()
    )


def _kind(kind: str):
    def compute(unit: Unit, period: Period) -> int:
        return _own(unit).filter(kind=kind, received_on__range=(period.start, period.end)).count()

    return compute


register("petitions.received_y_kien", _("Số ý kiến tiếp nhận trong kỳ"))(_kind(Kind.OPINION))
register("petitions.received_kien_nghi", _("Số kiến nghị tiếp nhận trong kỳ"))(_kind(Kind.RECOMMENDATION))
register("petitions.received_phan_anh", _("Số phản ánh tiếp nhận trong kỳ"))(_kind(Kind.REPORT))
register("petitions.received_khieu_nai", _("Số đơn khiếu nại tiếp nhận trong kỳ"))(_kind(Kind.COMPLAINT))
register("petitions.received_to_cao", _("Số đơn tố cáo tiếp nhận trong kỳ"))(_kind(Kind.DENUNCIATION))
