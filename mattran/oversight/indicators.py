"""Report figures computed from the oversight records (registered with reports; nobody types them).

Each figure counts the unit's own records (``unit`` of the record), so a roll-up that adds the children's
figures counts each record once: a residential area's QĐ 218 evaluation is the residential area's own.
A supervision counts in the period its conclusion falls in; a recommendation in the period it was issued.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Unit
from mattran.reports.periods import Period
from mattran.reports.registry import register

from .models import (
    ActivityForm,
    ActivityStatus,
    CriticismDraft,
    EvaluatedPerson,
    Recommendation,
    RecommendationStatus,
    Subject,
    SubjectKind,
    SupervisionActivity,
)


def _concluded(unit: Unit, period: Period):
    return SupervisionActivity.objects.filter(
        unit=unit,
        status=ActivityStatus.CONCLUDED,
        concluded_on__gte=period.start,
        concluded_on__lte=period.end,
    )


@register(
    "oversight.people_supervised",
    _(
        "Số cán bộ, đảng viên được giám sát (qua hoạt động giám sát kết luận trong kỳ và đánh giá ở khu dân cư)"
    ),
)
def people_supervised(unit: Unit, period: Period) -> int:
    persons = Subject.objects.filter(
        kind=SubjectKind.PERSON,
        activity__in=_concluded(unit, period),
    ).count()
    evaluated = EvaluatedPerson.objects.filter(
        unit=unit, evaluation__held_on__gte=period.start, evaluation__held_on__lte=period.end
    ).count()
    return persons + evaluated


@register("oversight.activities_by_form", _("Số cuộc giám sát kết luận trong kỳ, theo hình thức"))
def activities_by_form(unit: Unit, period: Period) -> dict[str, int]:
    counts = dict.fromkeys(ActivityForm.values, 0)
    for row in _concluded(unit, period).values("form").annotate(n=Count("pk")):
        counts[row["form"]] = row["n"]
    return counts


@register("oversight.recommendations", _("Kiến nghị sau giám sát gửi trong kỳ: đã gửi, đã trả lời, quá hạn"))
def recommendations(unit: Unit, period: Period) -> dict[str, int]:
    qs = Recommendation.objects.filter(unit=unit, issued_on__gte=period.start, issued_on__lte=period.end)
    answered_by_end = Q(answered_on__isnull=False, answered_on__lte=period.end)
    row = qs.aggregate(
        made=Count("pk"),
        answered=Count("pk", filter=answered_by_end),
        # overdue at the end of the period: due before it ends and not answered by then, or answered late
        overdue=Count(
            "pk",
            filter=Q(due_on__lt=period.end)
            & (Q(answered_on__isnull=True) | Q(answered_on__gt=F("due_on")))
            & ~Q(status=RecommendationStatus.CLOSED, answered_on__isnull=True),
        ),
    )
    return {"made": row["made"], "answered": row["answered"], "overdue": row["overdue"]}


@register(
    "oversight.drafts_criticised",
    _("Số dự thảo văn bản được phản biện xã hội (gửi văn bản phản biện trong kỳ)"),
)
def drafts_criticised(unit: Unit, period: Period) -> int:
    return CriticismDraft.objects.filter(
        unit=unit, sent_on__gte=period.start, sent_on__lte=period.end
    ).count()


@register(
    "oversight.investment_supervisions",
    _("Số cuộc giám sát thông qua Ban Giám sát đầu tư của cộng đồng kết luận trong kỳ"),
)
def investment_supervisions(unit: Unit, period: Period) -> int:
    return _concluded(unit, period).filter(form=ActivityForm.INVESTMENT_BOARD).count()
