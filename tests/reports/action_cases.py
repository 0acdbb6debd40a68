"""Each reports action refuses an actor without the permission (tests/core/test_every_action_authorises.py).

A case builds what the action needs with the tests' system actor and returns the call to refuse.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from mattran.reports import actions, imports
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.cells import form_cells
from mattran.reports.models import ReportForm, Submission
from mattran.reports.periods import HALF, MONTH, Period
from tests.conftest import SYSTEM

MARCH = Period(MONTH, dt.date(2024, 3, 1))


def _form() -> ReportForm:
    ensure_catalogue()
    return ReportForm.objects.get(code="BM-THANG")


def _draft(w, *, submit: bool = False, approve: bool = False) -> Submission:
    form = _form()
    sub = actions.do_open_submission(acting_user=SYSTEM, form=form, unit=w.tree.commune, period=MARCH)
    cells = {(ind.code, bd): 10 for ind, bd, _name in form_cells(form)}
    actions.do_save_values(sub, acting_user=SYSTEM, cells=cells)
    if submit:
        sub = actions.do_submit_submission(sub, acting_user=SYSTEM)
    if approve:
        sub = actions.do_approve_submission(sub, acting_user=SYSTEM)
    return sub


def open_submission(w):
    form = _form()
    return lambda actor: actions.do_open_submission(
        acting_user=actor, form=form, unit=w.tree.commune, period=MARCH
    )


def save_values(w):
    sub = _draft(w)
    return lambda actor: actions.do_save_values(sub, acting_user=actor, cells={("GS-CUOC", ""): 12})


def submit_submission(w):
    sub = _draft(w)
    return lambda actor: actions.do_submit_submission(sub, acting_user=actor)


def approve_submission(w):
    sub = _draft(w, submit=True)
    return lambda actor: actions.do_approve_submission(sub, acting_user=actor, comment="Tốt")


def return_submission(w):
    sub = _draft(w, submit=True)
    return lambda actor: actions.do_return_submission(sub, acting_user=actor, comment="Sửa số hộ nghèo")


def reopen_submission(w):
    sub = _draft(w, submit=True, approve=True)
    return lambda actor: actions.do_reopen_submission(sub, acting_user=actor, reason="Sửa số liệu")


def save_review_report(w):
    half = Period(HALF, dt.date(2024, 1, 1))
    return lambda actor: actions.do_save_review_report(
        acting_user=actor, unit=w.tree.commune, period=half, results="Kết quả"
    )


def import_values(w):
    form = _form()
    wb = load_workbook(io.BytesIO(imports.template_workbook(form, MARCH, [w.tree.commune])))
    ws = wb[imports.SHEET]
    for row in range(imports.FIRST_DATA_ROW, ws.max_row + 1):
        ws.cell(row=row, column=len(imports.FIXED) + 1, value=3)
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    return lambda actor: actions.do_import_values(
        w.tree.commune, acting_user=actor, form=form, period=MARCH, data=data
    )


def rekey_values(w):
    return lambda actor: actions.do_rekey_values(acting_user=actor)


CASES = {
    "do_open_submission": open_submission,
    "do_save_values": save_values,
    "do_submit_submission": submit_submission,
    "do_approve_submission": approve_submission,
    "do_return_submission": return_submission,
    "do_reopen_submission": reopen_submission,
    "do_save_review_report": save_review_report,
    "do_import_values": import_values,
    "do_rekey_values": rekey_values,
}
