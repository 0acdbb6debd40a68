"""The demo's ward year: entered through the actions, marked illustrative, published nowhere."""

from __future__ import annotations

import pytest

from mattran.org import demo as org_demo
from mattran.oversight import demo
from mattran.oversight.models import (
    CriticismStatus,
    EvaluatedPerson,
    ProgrammeStatus,
    Recommendation,
    SupervisionProgramme,
)

pytestmark = pytest.mark.django_db


def test_it_loads_a_wards_year_once(divisions) -> None:
    org_demo.load()
    assert demo.load()
    programme = SupervisionProgramme.objects.get(year=demo.YEAR)
    assert programme.status == ProgrammeStatus.ADOPTED and programme.adopted_at is not None
    assert not programme.published
    recs = Recommendation.objects.filter(unit=programme.unit)
    assert recs.count() == 3 and sum(r.answered_late for r in recs) == 1
    investment = programme.activities.get(form="ban_gsdtcd")
    assert investment.sessions.count() == 2
    assert EvaluatedPerson.objects.filter(evaluation__year=demo.YEAR).count() == 3
    assert programme.unit.criticism_drafts.get().status == CriticismStatus.RESPONDED
    assert demo.load() == []
