"""Computed figures in a report's life: stored when the report is opened and saved, locked once approved, never
typed (form, API, Excel), marked in the form, the pivot and the DOCX, and rolled up once through the levels."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import zipfile

import pytest
from openpyxl import load_workbook

from mattran.core.errors import ActionError
from mattran.funds import actions as funds
from mattran.funds.models import FundKind
from mattran.reports import actions, imports, registry
from mattran.reports.catalogue import computed_rows
from mattran.reports.cells import form_cells
from mattran.reports.models import Indicator, ReportForm, Source, Value, ValueTotal
from mattran.reports.periods import Period
from mattran.reports.queries import OWN, Column, rollup
from tests.conftest import SYSTEM, make_user

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)
YEAR = Period.from_key("2024")


def fund(unit, name="Quỹ Vì người nghèo"):
    return funds.do_create_fund(
        acting_user=SYSTEM, unit=unit, kind=FundKind.POOR, name=f"{name} {unit.short_name}"
    )


def receive(f, amount, day=dt.date(2024, 3, 10)):
    return funds.do_record_receipt(acting_user=SYSTEM, fund=f, method="cash", donor_kind="anonymous",
                                   amount=amount, received_on=day)  # fmt: skip


def thu(unit, period=MARCH) -> tuple[int, str]:
    v = Value.objects.get(unit=unit, indicator__code="QUY-VNN-THU", period_start=period.start, breakdown="")
    return v.value, v.source


def entry_url(unit, period=MARCH):
    return f"/bao-cao/don-vi/{unit.pk}/bieu/BM-THANG/{period.key}/"


def test_every_computed_indicator_of_the_catalogue_has_a_registered_query(catalogue):
    rows = computed_rows()
    assert len(rows) == 20
    assert [code for code, key in rows if registry.get(key) is None] == []
    stored = dict(Indicator.objects.filter(source=Source.COMPUTED).values_list("code", "computed_key"))
    assert stored == dict(rows)


def test_it_stores_computed_figures_when_opened_and_refreshes_them_on_save(client, tree, people, catalogue):
    poor = fund(tree.commune)
    receive(poor, 1_000_000)
    sub = actions.do_open_submission(acting_user=people.ward_editor, form=catalogue, unit=tree.commune,
                                     period=MARCH)  # fmt: skip
    assert thu(tree.commune) == (1_000_000, "C")
    receive(poor, 500_000, dt.date(2024, 3, 28))
    client.force_login(people.ward_editor)
    page = client.get(entry_url(tree.commune)).content.decode()
    assert "Số liệu gốc đã thay đổi: 1.500.000" in page
    assert thu(tree.commune) == (1_000_000, "C")  # a page view changes nothing

    actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): 2})
    assert thu(tree.commune) == (1_500_000, "C")
    year = ValueTotal.objects.get(unit=tree.commune, indicator__code="QUY-VNN-THU", period_kind="Y")
    assert (year.total, year.last_value) == (1_500_000, 1_500_000)
    assert "Số liệu gốc đã thay đổi" not in client.get(entry_url(tree.commune)).content.decode()


def test_it_keeps_an_approved_computed_figure_and_recomputes_it_after_reopening(
    tree, people, catalogue, district_admin
):
    poor = fund(tree.commune)
    receive(poor, 1_000_000)
    sub = enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    actions.do_approve_submission(sub, acting_user=district_admin)
    receive(poor, 250_000, dt.date(2024, 3, 30))  # recorded late, dated in the approved month
    with pytest.raises(ActionError):
        actions.do_save_values(sub, acting_user=people.ward_editor, cells={})
    assert thu(tree.commune) == (1_000_000, "C")  # approved figures are locked
    actions.do_reopen_submission(sub, acting_user=district_admin, reason="Bổ sung khoản thu cuối tháng")
    actions.do_save_values(sub, acting_user=people.ward_editor, cells={})
    assert thu(tree.commune) == (1_250_000, "C")


def test_it_refuses_a_computed_figure_typed_through_the_action_or_the_api(client, tree, people, catalogue):
    receive(fund(tree.commune), 1_000_000)
    sub = actions.do_open_submission(acting_user=people.ward_editor, form=catalogue, unit=tree.commune,
                                     period=MARCH)  # fmt: skip
    with pytest.raises(ActionError) as exc:
        actions.do_save_values(sub, acting_user=people.ward_editor,
                               cells={("GS-CUOC", ""): 2, ("QUY-VNN-THU", ""): 999})  # fmt: skip
    [error] = exc.value.details
    assert error["field"] == "v__QUY-VNN-THU__" and "tự động" in error["message"]
    assert not Value.objects.filter(unit=tree.commune, indicator__code="GS-CUOC").exists()
    assert thu(tree.commune) == (1_000_000, "C")

    client.force_login(people.ward_editor)
    r = client.put(f"/api/v1/reports/units/{tree.commune.pk}/forms/BM-THANG/{MARCH.key}/values",
                   {"values": [{"indicator": "QUA-SUAT", "breakdown": "ho-ngheo", "value": 5}]},
                   content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["details"][0]["field"] == "v__QUA-SUAT__ho-ngheo"
    assert Value.objects.get(unit=tree.commune, indicator__code="QUA-SUAT", breakdown="ho-ngheo").value == 0


def test_it_shows_computed_figures_without_an_input_and_ignores_one_posted(client, tree, people, catalogue):
    receive(fund(tree.commune), 1_000_000)
    client.force_login(people.ward_editor)
    page = client.get(entry_url(tree.commune)).content.decode()
    assert 'name="v__QUY-VNN-THU__"' not in page and 'name="v__GS-CUOC__"' in page
    assert 'id="v__QUY-VNN-THU__" data-source="C">1.000.000<' in page
    assert 'class="tag computed"' in page and "không nhập tay" in page
    data = {f"v__{ind.code}__{bd}": "3" for ind, bd, _ in form_cells(catalogue)}
    response = client.post(entry_url(tree.commune), {**data, "v__QUY-VNN-THU__": "999"})
    assert response.status_code == 302
    assert thu(tree.commune) == (1_000_000, "C")


def test_it_leaves_computed_figures_out_of_the_excel_template_and_refuses_them_in_an_upload(
    tree, people, catalogue
):
    wb = load_workbook(io.BytesIO(imports.template_workbook(catalogue, MARCH, [tree.commune])))
    ws = wb[imports.SHEET]
    codes = {ws.cell(row=r, column=1).value for r in range(imports.FIRST_DATA_ROW, ws.max_row + 1)}
    assert "GS-CUOC" in codes and not codes & {code for code, _key in computed_rows()}
    row = ws.max_row + 1
    ws.cell(row=row, column=1, value="QUY-VNN-THU")
    ws.cell(row=row, column=5, value=5_000_000)
    for r in range(imports.FIRST_DATA_ROW, row):
        ws.cell(row=r, column=5, value=1)
    out = io.BytesIO()
    wb.save(out)
    result = actions.do_import_values(tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH,
                                      data=out.getvalue())  # fmt: skip
    assert [(e["cell"], "tự động" in e["message"]) for e in result.errors] == [(f"A{row}", True)]
    assert not Value.objects.exists()


def test_it_rolls_a_computed_figure_up_once_through_the_levels(tree, people, catalogue):
    province, district, commune = fund(tree.province), fund(tree.district), fund(tree.commune)
    receive(province, 5_000_000)
    receive(district, 40_000_000)
    receive(commune, 1_500_000)
    receive(fund(tree.other_commune), 7_000_000)
    funds.do_transfer(acting_user=SYSTEM, source=province, target=district, amount=3_000_000,
                      date=dt.date(2024, 3, 15), description="Điều tiết")  # fmt: skip
    funds.do_transfer(acting_user=SYSTEM, source=district, target=commune, amount=10_000_000,
                      date=dt.date(2024, 3, 20), description="Điều tiết")  # fmt: skip
    for unit, user in (
        (tree.province, make_user("tinh.canbo", tree.province, "editor")),
        (tree.district, make_user("huyen.canbo", tree.district, "editor")),
        (tree.commune, people.ward_editor),
    ):
        enter(user, catalogue, unit, MARCH, {("GS-CUOC", ""): 1})
    assert [thu(u)[0] for u in (tree.province, tree.district, tree.commune)] == [
        5_000_000,
        40_000_000,
        1_500_000,
    ]

    ind = Indicator.objects.get(code="QUY-VNN-THU")
    cols = [Column.of(MARCH), Column.of(YEAR)]
    groups = [tree.central.pk, tree.province.pk, OWN, tree.district.pk, tree.commune.pk]
    result = rollup([ind], groups, cols, own_of=tree.province.pk)
    for col in ("2024-03", "2024"):
        assert result.get(tree.province.pk, ind.pk, col) == 46_500_000  # transfers not counted again
        assert result.get(OWN, ind.pk, col) == 5_000_000
        assert result.get(tree.district.pk, ind.pk, col) == 41_500_000
        assert result.get(tree.commune.pk, ind.pk, col) == 1_500_000
    # The other province's commune has not opened its report: nothing stored, nothing counted.
    assert result.get(tree.central.pk, ind.pk, "2024") == 46_500_000


def test_it_marks_computed_figures_in_the_pivot_and_the_docx(client, tree, people, catalogue):
    receive(fund(tree.commune), 1_800_000)
    enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    client.force_login(people.province_admin)
    page = client.get(f"/bao-cao/tong-hop/?don-vi={tree.province.pk}&ky=M&tu=2024-01&den=2024-06").content
    text = page.decode()
    text = text[text.index('<table class="pivot">') :]
    row = text[text.index("Quỹ \u201cVì người nghèo\u201d: số tiền tiếp nhận") :][:400]
    assert 'class="tag computed"' in row and "1.800.000" in row
    gs = text[text.index("Số cuộc giám sát đã tổ chức") :][:300]
    assert "tag computed" not in gs
    drill = client.get(
        f"/bao-cao/tong-hop/?don-vi={tree.province.pk}&xem=don-vi&chi-tieu=QUY-VNN-THU"
    ).content
    assert 'class="tag computed"' in drill.decode()

    client.force_login(people.ward_editor)
    docx = client.get(f"/bao-cao/don-vi/{tree.commune.pk}/so-ket/2024-H1/?tai=docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "Số cuộc giám sát đã tổ chức<" in xml  # entered: no mark
    assert "số tiền tiếp nhận (*)" in xml and "Số liệu do hệ thống tự động tổng hợp" in xml


def test_the_migration_switches_shipped_indicators_and_leaves_changed_ones(catalogue):
    from django.apps import apps

    migration = importlib.import_module("mattran.reports.migrations.0004_computed_indicators_and_weekly_form")
    Indicator.objects.filter(code__in=["QUA-SUAT", "UY-VIEN"]).update(source=Source.ENTERED, computed_key="")
    Indicator.objects.filter(code="HN-TO-CHUC").update(computed_key="org.member_organizations")
    migration.forward(apps, None)
    keys = dict(Indicator.objects.values_list("code", "computed_key"))
    assert keys["QUA-SUAT"] == "funds.gifts.portions" and keys["UY-VIEN"] == "people.members.gender"
    assert keys["HN-TO-CHUC"] == "org.member_organizations"  # a user's choice is kept


def test_the_weekly_form_carries_the_situation_and_grassroots_figures(catalogue):
    weekly = ReportForm.objects.get(code="BM-TUAN")
    cells = form_cells(weekly)
    assert len(cells) == 13
    assert {"TUAN-DU-LUAN", "TUAN-HOP-KDC", "TUAN-LUOT-DU-HOP"} <= {ind.code for ind, _bd, _n in cells}


def test_every_registered_query_says_where_its_figure_comes_from_in_both_languages() -> None:
    """A computation's label is the figure's source on the pages: translated, and never left Vietnamese."""
    from django.utils import translation

    computations = registry.available()
    assert computations
    for comp in computations:
        with translation.override("vi"):
            vietnamese = str(comp.label)
        with translation.override("en"):
            english = str(comp.label)
        assert vietnamese and english, comp.key
        assert english != vietnamese, f"{comp.key}: no English for “{vietnamese}”"
        plain = english.replace("đồng", "").translate({ord(c): None for c in "“”×"})
        assert plain.isascii(), f"{comp.key}: {english}"  # no Vietnamese left in it (bar the currency)
