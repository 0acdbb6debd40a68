"""Report pages a new user met first (issue 19): the error summary points to the boxes, the pivot offers
periods to pick, the dashboard's chart has an axis and its values."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from mattran.reports.models import Value
from mattran.reports.pivot import bar_chart

from .test_pages import post_cells, url

pytestmark = pytest.mark.django_db


def test_it_links_each_refused_figure_of_the_summary_to_its_box(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    data = post_cells(catalogue)
    data["v__GS-CUOC__"] = "nhiều"
    response = client.post(url(tree.commune), data)
    page = response.content.decode()
    assert response.status_code == 400
    summary = re.search(r'<div class="card error-summary" id="loi" role="alert".*?</div>', page, re.S)
    assert summary is not None
    targets = re.findall(r'<a href="#([^"]+)">', summary.group(0))
    assert "v__GS-CUOC__" in targets
    for target in targets:
        assert f'id="{target}"' in page  # every link lands on a box of the form
    assert not Value.objects.filter(unit=tree.commune, source="E").exists()


def test_it_offers_the_pivot_periods_to_pick_not_to_type(client, tree, people, catalogue):
    client.force_login(people.province_admin)
    page = client.get(
        f"/bao-cao/tong-hop/?don-vi={tree.province.pk}&ky=M&tu=2024-01&den=2024-06"
    ).content.decode()
    assert 'placeholder="2025-01"' not in page
    first = re.search(r'<select id="tu" name="tu">(.*?)</select>', page, re.S)
    assert first is not None
    assert '<option value="2024-01" selected>Tháng 1/2024</option>' in first.group(1)
    assert '<option value="2024-06" selected>Tháng 6/2024</option>' in page
    quarters = client.get(f"/bao-cao/tong-hop/?don-vi={tree.province.pk}&ky=Q&tu=2024-Q1&den=2024-Q2").content
    assert '<option value="2024-Q1" selected>' in quarters.decode()


def test_it_draws_the_chart_with_a_value_axis_and_each_value() -> None:
    chart = bar_chart("Suất quà", [("T1", 120.0, "120"), ("T2", 0.0, "0"), ("T3", 347.0, "347")])
    texts = [t.text for t in chart.ticks]
    assert texts[0] == "0" and float(texts[-1].replace(".", "")) >= 347
    assert len(texts) >= 3
    svg = render_to_string("reports/_chart.html", {"chart": chart})
    assert re.search(r'<text class="value"[^>]*>347</text>', svg)
    assert re.search(r'<text class="value"[^>]*>120</text>', svg)
    assert all(f">{t}</text>" in svg for t in texts)
    big = bar_chart("Tiền", [("T1", 1_800_000_000.0, "1.800.000.000")])
    assert big.ticks[-1].text == "2.000.000.000"
