"""Each people action refuses an actor without the permission (tests/core/test_every_action_authorises.py).

A case builds what the action needs with the tests' system actor and returns the call to refuse.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from mattran.people import actions, excel
from mattran.people.models import EndReason, Position
from tests.conftest import SYSTEM

START = dt.date(2020, 6, 1)


def _term(w):
    return actions.do_create_term(acting_user=SYSTEM, unit=w.tree.commune, label="khóa I", start=START)


def _person(w):
    return actions.do_create_person(acting_user=SYSTEM, unit=w.tree.commune, full_name="Nguyễn Văn An")


def _membership(w):
    return actions.do_add_membership(
        acting_user=SYSTEM, term=_term(w), person=_person(w), position=Position.MEMBER, start=START
    )


def _sheet() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(excel.HEADERS)
    row = dict.fromkeys(excel.HEADERS)
    row.update({"Họ và tên": "Trần Thị Bình", "Chức danh": "Ủy viên Ủy ban", "Từ ngày": "01/07/2020"})
    ws.append([row[h] for h in excel.HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def create_person(w):
    return lambda actor: actions.do_create_person(
        acting_user=actor, unit=w.tree.commune, full_name="Lê Văn Cường"
    )


def update_person(w):
    person = _person(w)
    return lambda actor: actions.do_update_person(person, acting_user=actor, occupation="Nông dân")


def add_person_post(w):
    person = _person(w)
    return lambda actor: actions.do_add_person_post(person, acting_user=actor, title="Chủ tịch")


def create_term(w):
    return lambda actor: actions.do_create_term(
        acting_user=actor, unit=w.tree.commune, label="khóa I", start=START
    )


def add_membership(w):
    term, person = _term(w), _person(w)
    return lambda actor: actions.do_add_membership(
        acting_user=actor, term=term, person=person, position=Position.MEMBER, start=START
    )


def add_member_by_name(w):
    term = _term(w)
    return lambda actor: actions.do_add_member_by_name(
        acting_user=actor, term=term, full_name="Lê Văn Cường", position=Position.MEMBER, start=START
    )


def end_membership(w):
    membership = _membership(w)
    return lambda actor: actions.do_end_membership(
        membership, acting_user=actor, end=dt.date(2022, 1, 1), reason=EndReason.TRANSFERRED
    )


def import_committee(w):
    term, data = _term(w), _sheet()
    return lambda actor: actions.do_import_committee(
        acting_user=actor, term=term, data=data, file_name="a.xlsx"
    )


def read_sensitive(w):
    person = _person(w)
    return lambda actor: actions.do_read_sensitive(person, acting_user=actor)


def read_sensitive_of_committee(w):
    person = _person(w)
    return lambda actor: actions.do_read_sensitive_of_committee(w.tree.commune, [person], acting_user=actor)


CASES = {
    "do_create_person": create_person,
    "do_update_person": update_person,
    "do_add_person_post": add_person_post,
    "do_create_term": create_term,
    "do_add_membership": add_membership,
    "do_add_member_by_name": add_member_by_name,
    "do_end_membership": end_membership,
    "do_import_committee": import_committee,
    # sensitive personal data (hardening): audited reads
    "do_read_sensitive": read_sensitive,
    "do_read_sensitive_of_committee": read_sensitive_of_committee,
}
