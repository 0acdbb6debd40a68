"""Roll-ups over the hierarchy and over time follow each indicator's aggregation rule."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.models import AuditEntry
from mattran.reports import actions
from mattran.reports.actions import do_rekey_values
from mattran.reports.models import Indicator, Value, ValueTotal
from mattran.reports.periods import Period
from mattran.reports.queries import OWN, TODAY, Column, rollup, stale_unit_keys
from tests.conftest import SYSTEM

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db


def ind(code):
    return Indicator.objects.select_related("numerator", "denominator").get(code=code)


def test_it_sums_a_sum_indicator_over_units_and_months(tree, people, catalogue):
    for m in (1, 2, 3):
        cells = full_cells(catalogue)
        cells[("GS-CUOC", "")] = m
        enter(people.ward_editor, catalogue, tree.commune, month(2024, m), cells)
    q1 = Period.from_key("2024-Q1")
    result = rollup(
        [ind("GS-CUOC")], [tree.commune.pk, tree.province.pk, tree.other_province.pk], [Column.of(q1)]
    )
    assert result.get(tree.commune.pk, ind("GS-CUOC").pk, "2024-Q1") == 6
    assert result.get(tree.province.pk, ind("GS-CUOC").pk, "2024-Q1") == 6
    assert result.get(tree.other_province.pk, ind("GS-CUOC").pk, "2024-Q1") is None
    assert (
        ValueTotal.objects.filter(unit=tree.commune, indicator=ind("GS-CUOC"), period_kind="Y").get().total
        == 6
    )


def test_it_averages_an_average_indicator_over_units_and_periods(tree, people, catalogue):
    from mattran.reports.models import ReportForm

    half = ReportForm.objects.get(code="BM-6THANG")
    h1, h2 = Period.from_key("2024-H1"), Period.from_key("2024-H2")
    base = full_cells(half, 5)
    enter(people.ward_editor, half, tree.commune, h1, {**base, ("HAI-LONG", ""): "80"})
    enter(people.ward_editor, half, tree.commune, h2, {**base, ("HAI-LONG", ""): "90,5"})
    sibling_editor = _editor(tree.sibling)
    enter(sibling_editor, half, tree.sibling, h1, {**base, ("HAI-LONG", ""): "70"})
    hai_long = ind("HAI-LONG")
    result = rollup([hai_long], [tree.district.pk, tree.commune.pk], [Column.of(Period.from_key("2024"))])
    assert hai_long.format(result.get(tree.commune.pk, hai_long.pk, "2024")) == "85,3"  # (80 + 90.5) / 2
    assert (
        hai_long.format(result.get(tree.district.pk, hai_long.pk, "2024")) == "80,2"
    )  # (80 + 90.5 + 70) / 3


def _editor(unit):
    from tests.conftest import make_user

    return make_user(f"canbo.{unit.pk}", unit, "editor")


def test_it_takes_the_last_value_of_a_stock_indicator_per_unit(tree, people, catalogue):
    members = ind("HOI-VIEN")  # by member organisation; the three not set here stay at 10 each
    for m, count in ((1, 30), (2, 31), (3, 33)):
        cells = full_cells(catalogue)
        cells[("HOI-VIEN", "cong-doan")] = count
        cells[("HOI-VIEN", "phu-nu")] = 10
        enter(people.ward_editor, catalogue, tree.commune, month(2024, m), cells)
    cells = full_cells(catalogue)
    cells[("HOI-VIEN", "cong-doan")] = 20
    cells[("HOI-VIEN", "phu-nu")] = 5
    enter(_editor(tree.sibling), catalogue, tree.sibling, month(2024, 1), cells)
    q1 = Period.from_key("2024-Q1")
    span = Column.span(month(2024, 1), month(2024, 4))  # a quarter plus a month with no data
    result = rollup(
        [members], [tree.district.pk], [Column.of(q1), Column.of(month(2024, 2)), span], by_breakdown=True
    )
    # Xã An's last is March (33 + 10 + 30), Xã Bình's is January (20 + 5 + 30).
    assert result.get(tree.district.pk, members.pk, "2024-Q1") == 73 + 55
    assert result.get(tree.district.pk, members.pk, "2024-Q1", "phu-nu") == 15
    assert result.get(tree.district.pk, members.pk, "2024-02") == 71
    assert result.get(tree.district.pk, members.pk, span.key) == 128


def test_it_computes_a_ratio_after_aggregating_both_parts(tree, people, catalogue):
    ratio = ind("DON-TY-LE-TRA-LOI")
    for unit, user, received, answered in (
        (tree.commune, people.ward_editor, 10, 9),
        (tree.sibling, None, 30, 6),
    ):
        cells = full_cells(catalogue)
        cells[("DON-TIEP-NHAN", "")] = received
        cells[("DON-CHUYEN", "")] = 0
        cells[("DON-TRA-LOI", "")] = answered
        enter(user or _editor(unit), catalogue, unit, month(2024, 5), cells)
    result = rollup([ratio], [tree.district.pk, tree.commune.pk], [Column.of(Period.from_key("2024"))])
    assert ratio.format(result.get(tree.commune.pk, ratio.pk, "2024")) == "90,0"
    assert (
        ratio.format(result.get(tree.district.pk, ratio.pk, "2024")) == "37,5"
    )  # 15 / 40, not (90 + 20) / 2


def test_it_rolls_weeks_into_months_and_years(tree, people, catalogue):
    from mattran.reports.models import ReportForm

    weekly = ReportForm.objects.get(code="BM-TUAN")
    for week in ("2024-W05", "2024-W06", "2024-W10"):  # Mondays 29/1, 5/2, 4/3
        enter(people.ward_editor, weekly, tree.commune, Period.from_key(week), {("TUAN-DIEM-NONG", ""): 1,
              ("TUAN-THIEN-TAI-HO", ""): 2})  # fmt: skip
    diem_nong = ind("TUAN-DIEM-NONG")
    cols = [Column.of(Period.from_key(k)) for k in ("2024-01", "2024-02", "2024-03", "2024-Q1", "2024")]
    result = rollup([diem_nong], [tree.province.pk], cols)
    assert [result.get(tree.province.pk, diem_nong.pk, c.key) for c in cols] == [1, 1, 1, 3, 3]


def test_it_counts_history_of_a_merged_commune_once_toward_its_successor(tree, people, catalogue):
    from mattran.org.actions import do_merge_units

    gs = ind("GS-CUOC")
    for unit, user, n in ((tree.commune, people.ward_editor, 4), (tree.sibling, _editor(tree.sibling), 6)):
        cells = full_cells(catalogue)
        cells[("GS-CUOC", "")] = n
        enter(user, catalogue, unit, month(2024, 6), cells)
    merged, _event = do_merge_units(
        [tree.commune, tree.sibling], acting_user=SYSTEM, date=dt.date(2025, 7, 1), new_short_name="An Bình",
        parent=tree.province,
    )  # fmt: skip
    year = [Column.of(Period.from_key("2024"))]
    groups = [merged.pk, tree.province.pk, tree.district.pk, tree.central.pk]
    result = rollup([gs], groups, year)
    assert result.get(merged.pk, gs.pk, "2024") == 10
    assert result.get(tree.province.pk, gs.pk, "2024") == 10  # once, not once per former and current parent
    assert result.get(tree.central.pk, gs.pk, "2024") == 10
    assert (
        Value.objects.filter(indicator=gs, unit__in=[tree.commune, tree.sibling]).count() == 2
    )  # nothing rewritten


def test_it_separates_a_units_own_figures_from_its_childrens(tree, people, catalogue):
    gs = ind("GS-CUOC")
    cells = full_cells(catalogue)
    cells[("GS-CUOC", "")] = 2
    enter(people.ward_editor, catalogue, tree.commune, month(2024, 6), cells)
    district_editor = _editor(tree.district)
    cells[("GS-CUOC", "")] = 5
    enter(district_editor, catalogue, tree.district, month(2024, 6), cells)
    result = rollup(
        [gs], [tree.district.pk, OWN, tree.commune.pk], [Column.of(month(2024, 6))], own_of=tree.district.pk
    )
    assert result.get(tree.district.pk, gs.pk, "2024-06") == 7
    assert result.get(OWN, gs.pk, "2024-06") == 5
    assert result.get(tree.commune.pk, gs.pk, "2024-06") == 2


def test_it_keeps_year_totals_in_step_when_a_value_is_corrected(tree, people, catalogue):
    gs = ind("GS-CUOC")
    cells = full_cells(catalogue)
    cells[("GS-CUOC", "")] = 2
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 6), cells)
    actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): 7})
    total = ValueTotal.objects.get(
        unit=tree.commune, indicator=gs, period_kind="Y", period_start=dt.date(2024, 1, 1)
    )
    assert (total.total, total.n, total.last_value) == (7, 1, 7)
    actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): ""})
    assert not ValueTotal.objects.filter(unit=tree.commune, indicator=gs).exists()


def test_it_reads_a_province_by_its_key_and_rekeys_values_after_a_cross_province_merge(
    tree, people, catalogue
):
    from mattran.org.actions import do_merge_units
    from mattran.org.models import Unit

    # Imported divisions carry province keys; the hand-built tree does not, so give it theirs.
    Unit.objects.filter(pk__in=[tree.province.pk, tree.district.pk, tree.commune.pk, tree.sibling.pk,
                                tree.village.pk]).update(province_key=1)  # fmt: skip
    Unit.objects.filter(pk__in=[tree.other_province.pk, tree.other_commune.pk]).update(province_key=2)
    for u in (tree.commune, tree.other_commune):
        u.refresh_from_db()
    gs = ind("GS-CUOC")
    for unit, user, n in ((tree.commune, people.ward_editor, 4), (tree.other_commune, people.outsider, 6)):
        cells = full_cells(catalogue)
        cells[("GS-CUOC", "")] = n
        enter(user if unit == tree.commune else _editor(unit), catalogue, unit, month(2024, 6), cells)
    assert set(Value.objects.filter(unit=tree.other_commune).values_list("province_key", flat=True)) == {2}
    year = [Column.of(Period.from_key("2024"))]
    before = rollup([gs], [tree.province.pk, tree.other_province.pk, tree.central.pk], year)
    assert [before.get(g, gs.pk, "2024") for g in (tree.province.pk, tree.other_province.pk, tree.central.pk)] == [
        4, 6, 10,
    ]  # fmt: skip
    do_merge_units([tree.commune, tree.other_commune], acting_user=SYSTEM, date=dt.date(2025, 7, 1),
                   survivor=tree.commune)  # fmt: skip
    groups = (tree.province.pk, tree.other_province.pk, tree.central.pk)
    # In the hierarchy of 2024 the merged commune's figures stay with the province it was in then (issue 19).
    after = rollup([gs], list(groups), year)
    assert [after.get(g, gs.pk, "2024") for g in groups] == [4, 6, 10]
    # In today's tree they count once under the successor's province. Read only: the moved commune's values
    # still carry province 2's key, so both provinces are read through the hierarchy, right at once.
    today = rollup([gs], list(groups), year, tree=TODAY)
    assert [today.get(g, gs.pk, "2024") for g in groups] == [10, None, 10]
    assert set(Value.objects.filter(unit=tree.other_commune).values_list("province_key", flat=True)) == {2}
    # The maintenance action re-keys them (and says so in the log); the key path then gives the same totals.
    assert do_rekey_values(acting_user=SYSTEM) == 1
    assert set(Value.objects.filter(unit=tree.other_commune).values_list("province_key", flat=True)) == {1}
    assert AuditEntry.objects.get(action="reports.rekey_values").system_actor == SYSTEM.name
    assert stale_unit_keys() == [] and do_rekey_values(acting_user=SYSTEM) == 0
    again = rollup([gs], list(groups), year, tree=TODAY)
    assert [again.get(g, gs.pk, "2024") for g in groups] == [10, None, 10]
    # The key path no longer holds the province's 2024 history, so the roll-up of that day joins the tree.
    assert [rollup([gs], list(groups), year).get(g, gs.pk, "2024") for g in groups] == [4, 6, 10]


def test_it_rekeys_from_the_command_line_as_the_scheduler(tree, people, catalogue):
    from io import StringIO

    from django.core.management import call_command

    from mattran.org.models import Unit
    from mattran.reports.models import UnitKey

    enter(people.ward_editor, catalogue, tree.commune, month(2024, 6), full_cells(catalogue))
    UnitKey.objects.filter(unit=tree.commune).update(province_key=99)  # as if written before a move
    out = StringIO()
    call_command("rekey-report-values", stdout=out)
    assert "1 đơn vị" in out.getvalue()
    key = Unit.objects.get(pk=tree.commune.pk).province_key
    assert set(Value.objects.filter(unit=tree.commune).values_list("province_key", flat=True)) == {key}
    assert AuditEntry.objects.get(action="reports.rekey_values").system_actor == "scheduler"
