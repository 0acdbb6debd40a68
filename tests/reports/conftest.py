"""Fixtures for reports: the starter catalogue (loaded by migration) and helpers that go through actions."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.accounts.actions import do_create_user
from mattran.reports import actions
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.cells import form_cells
from mattran.reports.models import ReportForm
from mattran.reports.periods import Period
from tests.conftest import PASSWORD, SYSTEM

MONTHLY = "BM-THANG"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The personas' passwords are hashed per test; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalogue(db):
    ensure_catalogue()
    return ReportForm.objects.get(code=MONTHLY)


@pytest.fixture
def district_admin(tree):
    return do_create_user(
        acting_user=SYSTEM, username="huyen.quantri", password=PASSWORD, unit=tree.district, role="admin",
        full_name="Huyện Quản Trị", check_password=False,
    )  # fmt: skip


def full_cells(form, base: int = 10) -> dict:
    """A complete, consistent set of figures for every enterable cell of a form."""
    cells = {}
    for ind, bd, _name in form_cells(form):
        cells[(ind.code, bd)] = base
    return cells


def enter(user, form, unit, period: Period, cells: dict, notes: dict | None = None):
    sub = actions.do_open_submission(acting_user=user, form=form, unit=unit, period=period)
    actions.do_save_values(sub, acting_user=user, cells=cells, notes=notes or {})
    return sub


def month(year: int, m: int) -> Period:
    return Period("M", dt.date(year, m, 1))
