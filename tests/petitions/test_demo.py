"""The demo: a ward's realistic year, through the actions (a second load adds nothing)."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import timezone

from mattran.petitions import demo
from mattran.petitions.models import Case, Kind, Status

pytestmark = pytest.mark.divisions


def test_it_loads_a_wards_year_once(real_units, client, people) -> None:
    done = demo.load()
    assert done and "phường Bồ Đề" in done[0]
    ward = demo._ward()
    cases = Case.objects.filter(unit=ward)
    total = cases.count()
    assert 300 <= total <= 400
    assert {k for k in Kind.values} == set(cases.values_list("kind", flat=True))
    assert cases.overdue(timezone.localdate()).exists()
    assert cases.filter(reopen_count__gt=0).exists()
    assert cases.filter(kind=Kind.DENUNCIATION, sealed=True).count() == 1
    assert cases.filter(status=Status.MERGED).count() == 2
    assert Case.objects.filter(escalated_from__unit=ward).exists()
    answered = cases.exclude(answered_on=None)
    on_time = sum(1 for c in answered if c.answered_on_time)
    assert 0.5 < on_time / answered.count() < 0.98
    assert demo.load() == []
    assert Case.objects.filter(unit=ward).count() == total
    # The voters' report of the session compiles the voter meetings' recommendations.
    session = ward and Case.objects.filter(unit=ward, council_session__isnull=False).first().council_session
    client.force_login(people.superuser)
    response = client.get(f"/tieng-noi/ky-hop/{session.pk}/bao-cao.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Tổng hợp ý kiến, kiến nghị của cử tri" in text and "12 ý kiến, kiến nghị" in text
