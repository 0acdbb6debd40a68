"""Excel templates and uploads: a good file is written in full, a bad one is reported by row and cell."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from mattran.core.models import AuditEntry
from mattran.reports import actions, imports
from mattran.reports.cells import missing_cells
from mattran.reports.models import Submission, Value
from tests.conftest import SYSTEM

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)


def filled(form, units, value=3, edit=None) -> bytes:
    wb = load_workbook(io.BytesIO(imports.template_workbook(form, MARCH, units)))
    ws = wb[imports.SHEET]
    for row in range(imports.FIRST_DATA_ROW, ws.max_row + 1):
        for offset in range(len(units)):
            ws.cell(row=row, column=len(imports.FIXED) + 1 + offset, value=value)
    if edit:
        edit(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws, code: str, bd: str = "") -> int:
    for row in range(imports.FIRST_DATA_ROW, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == code and (ws.cell(row=row, column=2).value or "") == bd:
            return row
    raise AssertionError(code)


def test_it_imports_a_whole_form_for_one_unit(tree, people, catalogue):
    data = filled(catalogue, [tree.commune])
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    assert result.errors == []
    sub = Submission.objects.get(unit=tree.commune, form=catalogue, period_start=MARCH.start)
    assert missing_cells(sub) == []
    assert Value.objects.get(submission=sub, indicator__code="GS-CUOC").value == 3


def test_it_imports_many_child_units_at_once(tree, people, catalogue):
    from mattran.org.actions import do_create_unit

    second = do_create_unit(acting_user=SYSTEM, parent=tree.commune, short_name="Tây", kind="thon")
    # The village level does not report the monthly form, so a commune fills it for its two villages only
    # when the form covers that level.
    catalogue.levels.add(tree.village.level)
    data = filled(catalogue, [tree.village, second], value=1)
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    assert result.errors == []
    assert Value.objects.filter(indicator__code="GS-CUOC", unit__in=[tree.village, second]).count() == 2


def test_it_reports_a_wrong_sheet_and_writes_nothing(tree, people, catalogue):
    def rename(ws):
        ws.title = "Sheet1"

    data = filled(catalogue, [tree.commune], edit=rename)
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    assert "So lieu" in result.errors[0]["message"]
    assert not Value.objects.exists() and not Submission.objects.exists()


def test_it_reports_text_in_a_number_cell_by_row_and_cell_and_writes_nothing(tree, people, catalogue):
    cells = {}

    def spoil(ws):
        r1, r2 = row_of(ws, "GS-CUOC"), row_of(ws, "TT-LUOT-NGUOI", "nu")
        ws.cell(row=r1, column=5, value="ba")
        ws.cell(row=r2, column=5, value="12 người")
        cells.update(one=(r1, f"E{r1}"), two=(r2, f"E{r2}"))

    before = AuditEntry.objects.count()
    data = filled(catalogue, [tree.commune], edit=spoil)
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    where = {(e["row"], e["cell"]) for e in result.errors}
    assert where == {cells["one"], cells["two"]}
    first = min(cells.values())
    assert f"Ô {first[1]} (dòng {first[0]})" in result.errors[0]["message"]
    assert not Value.objects.exists() and not Submission.objects.exists()
    assert AuditEntry.objects.count() == before


def test_it_refuses_an_upload_into_a_locked_period_and_writes_nothing(
    tree, people, catalogue, district_admin
):
    sub = enter(people.ward_editor, catalogue, tree.commune, MARCH, full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    actions.do_approve_submission(sub, acting_user=district_admin)
    data = filled(catalogue, [tree.commune], value=99)
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    assert result.errors[0]["cell"] == "E4"
    assert "đã khóa" in result.errors[0]["message"]
    assert set(Value.objects.filter(source="E").values_list("value", flat=True)) == {10}


def test_it_refuses_the_template_of_another_period(tree, people, catalogue):
    data = filled(catalogue, [tree.commune])
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=month(2024, 4), data=data
    )
    assert result.errors[0]["cell"] == "C2"
    assert not Value.objects.exists()


def test_it_reports_a_rule_broken_in_one_unit_of_many_and_writes_none(tree, people, catalogue):
    def spoil(ws):
        ws.cell(row=row_of(ws, "DON-TRA-LOI"), column=5, value=50)

    data = filled(catalogue, [tree.commune], edit=spoil)
    result = actions.do_import_values(
        tree.commune, acting_user=people.ward_editor, form=catalogue, period=MARCH, data=data
    )
    assert len(result.errors) == 1 and "trả lời" in result.errors[0]["message"]
    assert not Value.objects.exists()
