"""Long checkbox lists (a unit's many children) get a filter that ignores diacritics, a "select the shown
rows" button and a count: a commune cadre picks one village of fifteen for a campaign by typing its name."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.programs.models import Campaign
from tests.conftest import PASSWORD, make, make_user

pytestmark = pytest.mark.django_db(transaction=True)

VILLAGES = ["Đông", "Tây", "Nam", "Bắc", "Đồng Tâm", "Hạ", "Thượng", "Trung", "Cầu", "Chợ", "Đình", "Giếng",
            "Bến", "Gò", "Bãi"]  # fmt: skip


def test_it_filters_a_long_list_of_units_and_selects_the_shown_rows(browser, transactional_db):
    commune = make(make(ensure_central(), "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    villages = {name: make(commune, name, UnitKind.VILLAGE) for name in VILLAGES}
    make_user("an.canbo", commune, "editor")

    browser.login("an.canbo", PASSWORD)
    browser.go("/chuong-trinh/cuoc-van-dong/tao/")
    browser.wait_text("h1", "Cuộc vận động, phong trào mới")
    browser.find("input[name=name]").send_keys("Phong trào Xây dựng thôn văn hóa")
    tools = browser.find(".checklist-tools")
    count = tools.find_element(By.CSS_SELECTOR, "span")
    assert count.text.endswith(f"/{len(VILLAGES) + 1}")
    already = count.text

    search = tools.find_element(By.CSS_SELECTOR, "input[type=search]")
    search.send_keys("dong tam")  # no diacritics
    search.send_keys(Keys.ENTER)  # does not submit the form
    assert browser.driver.current_url.endswith("/cuoc-van-dong/tao/") and not Campaign.objects.filter(
        name="Phong trào Xây dựng thôn văn hóa"
    )
    boxes = browser.find_all("input[name=participants]")
    shown = [box.get_attribute("value") for box in boxes if box.is_displayed()]
    assert shown == [str(villages["Đồng Tâm"].pk)]
    browser.screenshot("checklist-filtered")
    tools.find_element(By.XPATH, "button[contains(., 'Chọn các dòng đang hiện')]").click()
    assert count.text != already
    browser.find("#campaign-form > div > button").click()
    browser.wait_text("h1", "Phong trào Xây dựng thôn văn hóa")

    campaign = Campaign.objects.get(name="Phong trào Xây dựng thôn văn hóa")
    chosen = set(campaign.participants.values_list("id", flat=True))
    assert villages["Đồng Tâm"].pk in chosen
    assert not chosen & {v.pk for name, v in villages.items() if name != "Đồng Tâm"}
