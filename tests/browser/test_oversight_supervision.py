"""A commune cadre on a phone (390 px) runs a supervision from its plan to an answered recommendation,
first hitting a recommendation without the body that must answer."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.oversight.models import ActivityStatus, Recommendation, RecommendationStatus, SupervisionActivity
from tests.conftest import PASSWORD, make, make_user
from tests.oversight import helpers as h

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(browser, form: str, values: dict[str, str]) -> None:
    """Set the fields of a form (dates through their value, whatever the browser's date format)."""
    for name, value in values.items():
        field = browser.find(f"{form} [name={name}]")
        if field.get_attribute("type") == "date" or field.tag_name == "select":
            browser.driver.execute_script("arguments[0].value = arguments[1]", field, value)
        else:
            field.clear()
            field.send_keys(value)


def _submit(browser, form: str) -> None:
    browser.click_to_new_page(f"{form} button")


def test_it_runs_a_supervision_from_plan_to_answered_recommendation(browser, transactional_db):
    central = ensure_central()
    commune = make(make(central, "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    org = h.member_org(commune)
    activity = h.planned_activity(commune, orgs=[org])
    make_user("an.canbo", commune, "editor")
    browser.driver.set_window_size(390, 900)

    browser.login("an.canbo", PASSWORD)
    browser.go(f"/giam-sat/hoat-dong/{activity.pk}/")
    browser.wait_text("h1", "bảo hiểm y tế")
    _fill(browser, "#team", {"decision_number": "05/QĐ-MTTQ", "decision_on": "2025-03-03",
                             "head_name": "Nguyễn Văn A", "member_1_name": "Lê Thị B",
                             "member_1_org": str(org.pk)})  # fmt: skip
    _submit(browser, "#team")
    browser.wait_text("main", "Đã thành lập đoàn giám sát.")
    _fill(
        browser,
        "#plan",
        {"plan_on": "2025-03-03", "purpose": "Đánh giá chính sách", "content": "Làm việc trực tiếp"},
    )
    _submit(browser, "#plan")
    _fill(browser, "#notice", {"notice_on": "2025-03-04"})
    _submit(browser, "#notice")
    browser.find("#session").find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
    _fill(browser, "#session", {"held_on": "2025-03-10", "place": "Trụ sở UBND xã"})
    _submit(browser, "#session")
    browser.wait_text("#status", "Đang giám sát")
    browser.screenshot("oversight-1-under-way")

    _fill(
        browser,
        "#recommend",
        {"content": "Cấp thẻ cho 12 người.", "working_days": "10", "issued_on": "2025-03-10"},
    )
    _submit(browser, "#recommend")
    browser.wait_text("#recommend .field-error", "Nhập cơ quan phải trả lời kiến nghị.")
    browser.screenshot("oversight-2-refused")
    assert not Recommendation.objects.exists()
    _fill(browser, "#recommend", {"addressee": "UBND xã An", "issued_on": "2025-03-10"})
    _submit(browser, "#recommend")
    browser.wait_text("main", "hạn 10 ngày làm việc: 24/03/2025")

    rec = Recommendation.objects.get()
    card = f"#rec-{rec.pk}"
    browser.find(f"{card} details summary").click()
    _fill(
        browser,
        f"{card} form.answer",
        {"answered_on": "2025-03-20", "answer": "Đã cấp thẻ.", "answer_number": "90/UBND"},
    )
    _submit(browser, f"{card} form.answer")
    browser.wait_text(card, "Trả lời ngày 20/03/2025")
    browser.screenshot("oversight-3-answered")
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.ANSWERED and rec.answered_on == dt.date(2025, 3, 20)
    assert SupervisionActivity.objects.get(pk=activity.pk).status == ActivityStatus.UNDER_WAY
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone's screen

    browser.driver.set_window_size(1366, 900)
    browser.go("/giam-sat/?nam=2025")
    browser.wait_text("main", "Kiến nghị theo cơ quan phải trả lời")
    browser.wait_text("main table", "Chương trình giám sát năm 2025")
    browser.wait_text("main", "UBND xã An")
    browser.screenshot("oversight-4-dashboard")
    assert "100%" in browser.find_all("main .table-wrap")[1].text
