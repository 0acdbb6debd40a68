"""Report figures computed from the committee memberships a unit keeps (registered with reports).

Counts are of the unit's own committee on the last day of the period (a stock: the reports catalogue
aggregates them as "last value"), one count per person even when a person holds two positions. A roll-up
adds the children's own committees, so a person sitting on a commune's and a province's committee is
counted once in each committee, as the Front's statistics count seats by level.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mattran.core.text import fold
from mattran.org.models import Unit
from mattran.reports.periods import Period
from mattran.reports.registry import register

from .models import Gender, Membership, MembershipQuerySet, Represents

# Folded names of the majority ethnic group: every other recorded ethnicity is a minority one.
MAJORITY = {"kinh", "dan toc kinh", "viet", "nguoi kinh"}


def _members(unit: Unit, period: Period) -> MembershipQuerySet:
    return Membership.objects.on(period.end).filter(unit=unit)


@register(
    "people.members.gender",
    _("Số ủy viên Ủy ban cuối kỳ theo giới tính (ủy viên chưa ghi giới tính không được tính)"),
)
def members_by_gender(unit: Unit, period: Period) -> dict[str, int]:
    out = dict.fromkeys(Gender.values, 0)
    pairs = set(_members(unit, period).values_list("person_id", "person__gender"))
    for _person, gender in pairs:
        if gender in out:
            out[gender] += 1
    return out


@register("people.members.ethnic_minority", _("Số ủy viên Ủy ban cuối kỳ là người dân tộc thiểu số"))
def ethnic_minority_members(unit: Unit, period: Period) -> int:
    pairs = set(_members(unit, period).values_list("person_id", "person__ethnicity"))
    return sum(1 for _person, ethnicity in pairs if fold(ethnicity) and fold(ethnicity) not in MAJORITY)


@register(
    "people.members.religion", _("Số ủy viên Ủy ban cuối kỳ là chức sắc, chức việc đại diện các tôn giáo")
)
def religious_members(unit: Unit, period: Period) -> int:
    return (
        _members(unit, period).filter(represents=Represents.RELIGION).values("person_id").distinct().count()
    )
