"""A ward cadre on a phone-sized window: log in, find a unit without diacritics, reorganise areas."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.support.ui import Select

from mattran.core.models import AuditEntry
from mattran.org.actions import do_import_divisions
from mattran.org.models import Unit, UnitKind, UnitSuccession
from tests.conftest import PASSWORD, SYSTEM, make, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bo_de(transactional_db):
    do_import_divisions(structure="legacy", acting_user=SYSTEM)
    do_import_divisions(structure="2025", acting_user=SYSTEM)
    return Unit.objects.get(structure="2025", level__code="commune", code="00118")


def test_it_lets_a_ward_editor_find_a_unit_without_diacritics_and_open_it(browser, bo_de):
    make_user("bode.canbo", bo_de, "editor")
    browser.login("bode.canbo", PASSWORD)
    browser.go("/don-vi/tim/")
    browser.find("#q").send_keys("ngoc lam")
    browser.wait_text("#results", "Phường Ngọc Lâm")
    browser.screenshot("search-ngoc-lam")
    browser.click_link("Phường Ngọc Lâm")
    browser.wait_text("h1", "Ủy ban MTTQ Việt Nam phường Ngọc Lâm")
    page = browser.find("main").text
    assert "Quận Long Biên" in page
    assert "Phường Bồ Đề" in page  # its successor since 1/7/2025
    assert "mã 00133" in page
    browser.screenshot("unit-ngoc-lam")


def test_it_merges_two_residential_groups_after_a_preview(browser, transactional_db):
    from mattran.org.divisions import ensure_central

    central = ensure_central()
    province = make(central, "Thử", UnitKind.PROVINCE)
    commune = make(province, "An", UnitKind.WARD)
    first = make(commune, "số 1", UnitKind.RESIDENTIAL_GROUP)
    second = make(commune, "số 2", UnitKind.RESIDENTIAL_GROUP)
    make_user("an.quantri", commune, "admin")

    browser.login("an.quantri", PASSWORD)
    browser.go(f"/don-vi/{first.pk}/sap-xep/sap-nhap/")
    browser.find(f"input[name=units][value='{second.pk}']").click()
    Select(browser.find("select[name=survivor]")).select_by_visible_text("— Đơn vị mới —")
    browser.find("input[name=new_short_name]").send_keys("số 1-2")
    date = browser.find("input[name=date]")
    browser.driver.execute_script("arguments[0].value = '2026-01-01'", date)
    browser.find("button[name=preview]").click()
    browser.find("main form")
    browser.screenshot("merge-after-preview")
    browser.wait_text("#plan-preview", "Thành lập Tổ dân phố số 1-2")
    browser.screenshot("merge-preview")
    # The preview changed nothing.
    assert Unit.objects.filter(parent=commune, valid_to__isnull=True).count() == 2
    browser.find("button[name=confirm]").click()
    browser.wait_text("h1", "Ban công tác Mặt trận tổ dân phố số 1-2")
    browser.screenshot("merge-done")

    merged = Unit.objects.get(parent=commune, name="Tổ dân phố số 1-2")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.valid_to == second.valid_to == dt.date(2026, 1, 1)
    assert set(UnitSuccession.objects.filter(successor=merged).values_list("predecessor_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert AuditEntry.objects.filter(action="org.merge_units", unit=merged).exists()
