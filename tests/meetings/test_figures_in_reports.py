"""A figure announced at a conference goes into the unit's period report where the system computes nothing,
marked as the conference's; it never replaces a figure the ledger computes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mattran.core.errors import ActionError
from mattran.funds import actions as funds
from mattran.funds.models import FundKind
from mattran.meetings import actions
from mattran.meetings.models import MeetingKind, Qualifier
from mattran.reports import actions as report_actions
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.models import Indicator, ReportForm, Source, Value
from mattran.reports.periods import Period
from tests.conftest import SYSTEM
from tests.meetings.helpers import at

pytestmark = pytest.mark.django_db
DECEMBER = Period("M", dt.date(2020, 12, 1))


def _review(unit):
    """A standing board meeting on 5/1/2021 reviewing December 2020, announcing the month's fund receipts."""
    ensure_catalogue()
    m = actions.do_create_meeting(
        acting_user=SYSTEM,
        unit=unit,
        kind=MeetingKind.STANDING_BOARD,
        title="Giao ban tháng 12 năm 2020",
        starts_at=at(dt.date(2021, 1, 5)),
        period_start=DECEMBER.start,
        period_end=DECEMBER.end,
    )
    figure = actions.do_add_meeting_figure(
        m,
        acting_user=SYSTEM,
        indicator=Indicator.objects.get(code="QUY-VNN-THU"),
        value=150_000_000,
        qualifier=Qualifier.OVER,
        as_printed="vận động Quỹ Vì người nghèo được trên 150 triệu đồng",
    )
    return m, figure


def test_it_takes_a_conference_figure_into_the_report_marked_and_kept(client, tree, people):
    m, figure = _review(tree.commune)
    client.force_login(people.ward_editor)
    response = client.post(f"/hoi-nghi/so-lieu/{figure.pk}/dua-vao-bao-cao/")
    assert response.status_code == 302
    v = Value.objects.get(unit=tree.commune, indicator__code="QUY-VNN-THU", period_start=DECEMBER.start)
    assert (v.value, v.source) == (150_000_000, Source.CONFERENCE)
    assert m.heading in v.note and "trên 150 triệu đồng" in v.note
    # Saving the report again keeps it: the ledger computes nothing for December 2020.
    sub = v.submission
    report_actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): 1})
    v.refresh_from_db()
    assert (v.value, v.source) == (150_000_000, Source.CONFERENCE)


def test_it_shows_the_conference_mark_on_the_report_page(client, tree, people):
    _m, figure = _review(tree.commune)
    client.force_login(people.ward_editor)
    client.post(f"/hoi-nghi/so-lieu/{figure.pk}/dua-vao-bao-cao/")
    page = client.get(
        reverse("reports:entry", args=[tree.commune.pk, "BM-THANG", DECEMBER.key])
    ).content.decode()
    assert "số liệu hội nghị" in page and "150.000.000" in page


def test_it_refuses_to_replace_a_figure_the_ledger_computes_and_changes_nothing(tree, people):
    m, figure = _review(tree.commune)
    fund = funds.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.POOR, name="Quỹ Vì người nghèo xã An"
    )
    funds.do_record_receipt(
        acting_user=SYSTEM, fund=fund, method="cash", donor_kind="person", donor_name="Nguyễn Văn An",
        amount=2_000_000, received_on=dt.date(2020, 12, 10),
    )  # fmt: skip
    form = ReportForm.objects.get(code="BM-THANG")
    sub = report_actions.do_open_submission(
        acting_user=people.ward_editor, form=form, unit=tree.commune, period=DECEMBER
    )
    with pytest.raises(ActionError) as err:
        actions.do_use_figure_in_report(figure, acting_user=people.ward_editor, submission=sub)
    assert err.value.code == "computed"
    v = Value.objects.get(unit=tree.commune, indicator__code="QUY-VNN-THU", period_start=DECEMBER.start)
    assert (v.value, v.source) == (2_000_000, Source.COMPUTED)


def test_it_refuses_a_figure_of_another_period_or_to_check(tree, people):
    m, figure = _review(tree.commune)
    form = ReportForm.objects.get(code="BM-THANG")
    november = Period("M", dt.date(2020, 11, 1))
    sub = report_actions.do_open_submission(
        acting_user=people.ward_editor, form=form, unit=tree.commune, period=november
    )
    with pytest.raises(ActionError) as err:
        actions.do_use_figure_in_report(figure, acting_user=people.ward_editor, submission=sub)
    assert "kỳ khác" in err.value.message
    unclear = actions.do_add_meeting_figure(
        m,
        acting_user=SYSTEM,
        indicator=figure.indicator,
        value=None,
        to_check=True,
        as_printed="khoảng 1,5 (?)",
    )
    dec = report_actions.do_open_submission(
        acting_user=people.ward_editor, form=form, unit=tree.commune, period=DECEMBER
    )
    with pytest.raises(ActionError):
        actions.do_use_figure_in_report(unclear, acting_user=people.ward_editor, submission=dec)
    assert not Value.objects.filter(source=Source.CONFERENCE).exists()
