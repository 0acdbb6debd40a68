"""A ward editor records gifts to listed households and a house, reports the house's progress up to the
hand-over, and reads the lists of disbursements, houses and households (on a phone-sized screen)."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from mattran.funds import actions
from mattran.funds.models import Disbursement, FundKind, HouseProgress
from tests.conftest import PASSWORD, SYSTEM, make_user

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2025, 3, 2)


@pytest.fixture
def commune(tree):
    fund = actions.do_create_fund(acting_user=SYSTEM, unit=tree.commune, kind=FundKind.POOR)
    actions.do_record_receipt(
        acting_user=SYSTEM, fund=fund, method="cash", donor_kind="organisation", donor_name="Công ty Hòa Bình",
        amount=500_000_000, received_on=DAY,
    )  # fmt: skip
    decision = actions.do_create_decision(
        acting_user=SYSTEM, unit=tree.commune, number="12/QĐ-MTTQ", date=DAY, title="Hỗ trợ hộ nghèo dịp Tết",
        signer="Nguyễn Văn Chủ",
    )  # fmt: skip
    homes = [
        actions.do_add_beneficiary(
            acting_user=SYSTEM, unit=tree.commune, head_name=name, category=category, area=tree.village, address=address
        )
        for name, category, address in (
            ("Trần Thị Bình", "poor", "Xóm 1"),
            ("Lê Văn An", "near_poor", "Xóm 2"),
            ("Hoàng Thị Lan", "policy", "Xóm 3"),
        )
    ]  # fmt: skip
    make_user("xa.canbo", tree.commune, "editor")
    return fund, decision, homes


def test_it_records_gifts_and_a_house_and_follows_the_house_to_its_hand_over(browser, tree, commune) -> None:
    fund, decision, homes = commune
    browser.login("xa.canbo", PASSWORD)
    browser.go(f"/quy/{fund.pk}/chi/")
    Select(browser.find("#id_kind")).select_by_value("gift")
    browser.find("#id_gift_count").send_keys("120")
    browser.find("#id_gift_value").send_keys("500000")
    for home in homes:  # a checkbox list (with a name filter once it is long)
        browser.find(f"input[name=beneficiaries][value='{home.pk}']").click()
    Select(browser.find("#id_recipient_unit")).select_by_value(str(tree.village.pk))
    browser.find("#id_description").send_keys("Quà Tết Ất Tỵ cho hộ nghèo, cận nghèo")
    browser.screenshot("funds-disbursement-form")
    browser.find("form.stack button[type=submit]").click()
    browser.wait_text("#amount", "60.000.000 đồng")
    assert len(browser.find_all("#shares tbody tr")) == 3
    browser.screenshot("funds-disbursement-gifts")

    house = actions.do_record_disbursement(
        acting_user=SYSTEM, fund=fund, decision=decision, kind="house", date=DAY, category="poor",
        description="Xây nhà Đại đoàn kết cho hộ bà Trần Thị Bình", beneficiary=homes[0], amount=80_000_000,
        house_work="build",
    )  # fmt: skip
    browser.go(f"/quy/khoan-chi/{house.pk}/")
    for stage, day, note in (
        ("started", "2025-03-10", "Khởi công, có đoàn thanh niên giúp ngày công"),
        ("walls", "2025-04-05", ""),
        ("handed_over", "2025-05-19", "Bàn giao nhà cho gia đình"),
    ):
        Select(browser.find("#id_stage")).select_by_value(stage)
        field = browser.find("#id_date")
        browser.driver.execute_script("arguments[0].value = arguments[1]", field, day)
        if note:
            browser.find("#id_note").send_keys(note)
        # Wait for the page the form leads to: the previous step's message is still on this one.
        browser.click_to_new_page("#house form button[type=submit]")
        browser.wait_text(".messages", "Đã ghi tiến độ")
    browser.wait_text("#house", "Đã bàn giao")
    assert len(browser.find_all("#timeline li")) == 4
    assert not browser.find_all("#id_stage")  # nothing follows the hand-over
    browser.screenshot("funds-house-timeline")
    house.refresh_from_db()
    assert house.handed_over_on == dt.date(2025, 5, 19) and HouseProgress.objects.count() == 3

    browser.go(f"/quy/{fund.pk}/khoan-chi/")
    browser.wait_text("#totals", "140.000.000 đồng")
    browser.screenshot("funds-disbursement-list")
    browser.go(f"/quy/don-vi/{tree.commune.pk}/nha-dai-doan-ket/")
    browser.wait_text("#houses", "Trần Thị Bình")
    browser.screenshot("funds-houses")
    browser.go(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/")
    browser.wait_text("#households", "80.500.000")
    browser.screenshot("funds-households")
    browser.go(f"/quy/ho/{homes[0].pk}/")
    browser.wait_text("#received", "80.500.000 đồng")
    browser.screenshot("funds-household")
    assert Disbursement.objects.count() == 2


def test_it_shows_row_errors_of_a_household_list_on_a_phone(browser, tree, commune, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Chủ hộ", "Diện", "Khu dân cư", "Địa chỉ", "Số nhân khẩu"])
    ws.append(["Phạm Văn Dũng", "hộ nghèo", "Đông", "Xóm 4", 5])
    ws.append(["", "giàu", "Tây", "", "năm"])
    ws.append(["Trần Thị Bình", "hộ nghèo", "Đông", "Xóm 1", 3])
    path = tmp_path / "danh-sach.xlsx"
    wb.save(path)
    browser.login("xa.canbo", PASSWORD)
    browser.go(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/")
    browser.find("#import input[type=file]").send_keys(str(path))
    browser.driver.find_element(By.CSS_SELECTOR, "#import button[type=submit]").click()
    browser.wait_text("#import-errors", "Không nhập hộ nào vì có 5 lỗi")
    browser.screenshot("funds-households-import-errors")
    assert "Phạm Văn Dũng" not in browser.find("#households").text
