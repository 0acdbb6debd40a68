"""A commune cadre on a phone records a committee meeting with a hiệp thương, then reads the committee list."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.support.ui import Select

from mattran.meetings.models import Meeting
from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.people import queries
from mattran.people.models import EndReason, Membership
from tests.conftest import PASSWORD, make, make_user
from tests.people.factories import committee

pytestmark = pytest.mark.django_db(transaction=True)


def _set(browser, css: str, value: str) -> None:
    browser.driver.execute_script("arguments[0].value = arguments[1]", browser.find(css), value)


def _submit(browser, form_css: str = "main form.stack") -> None:
    browser.find(f"{form_css} button:not([name])").click()


def test_it_records_a_meeting_with_a_hiep_thuong_and_updates_the_committee(browser, transactional_db):
    central = ensure_central()
    commune = make(make(central, "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    term, members = committee(commune, 7)
    make_user("an.canbo", commune, "editor")
    leaving = members[6].person.full_name

    browser.login("an.canbo", PASSWORD)
    browser.open_section("Hội nghị")
    browser.wait_text("h1", "Lịch hội nghị")
    browser.click_link("Ghi hội nghị")
    browser.find("input[name=number]").send_keys("3")
    browser.find("input[name=title]").send_keys("Tổng kết công tác Mặt trận năm 2021")
    _set(browser, "input[name=date]", "2022-01-10")
    _set(browser, "input[name=time]", "08:00")
    browser.find("input[name=venue]").send_keys("Hội trường xã An")
    browser.screenshot("meetings-1-new")
    _submit(browser)
    browser.wait_text("h1", "Hội nghị lần thứ 3 Ủy ban MTTQ Việt Nam xã An khóa I")

    browser.click_link("Điểm danh")
    Select(browser.find(f"select[name=m{members[5].pk}]")).select_by_visible_text("Vắng có lý do")
    _submit(browser)
    browser.wait_text("main", "6/7 có mặt")

    browser.click_link("+ Nội dung")
    browser.find("input[name=title]").send_keys("Hiệp thương kiện toàn Ủy viên Ủy ban")
    Select(browser.find("select[name=kind]")).select_by_visible_text("Hiệp thương nhân sự")
    _submit(browser)
    browser.wait_text("main", "Chưa có đề xuất nhân sự.")

    for action, extra in (("Cho thôi", leaving), ("Cử bổ sung, kiện toàn", "Trịnh Văn Sơn")):
        browser.find("details.quick summary").click()
        Select(browser.find("details.quick select[name=action]")).select_by_visible_text(action)
        if action == "Cho thôi":
            Select(browser.find("details.quick select[name=membership]")).select_by_visible_text(
                f"{extra} — Ủy viên Ủy ban"
            )
        else:
            browser.find("details.quick input[name=person_name]").send_keys(extra)
        browser.find("details.quick button").click()
        browser.wait_text(".messages", "Đã thêm đề xuất nhân sự.")
    browser.screenshot("meetings-2-proposals")

    browser.click_link("+ Biểu quyết")
    browser.find("input[name=subject]").send_keys("Cho thôi 1, kiện toàn 1 Ủy viên")
    Select(browser.find("select[name=agenda_item]")).select_by_visible_text(
        "Hiệp thương kiện toàn Ủy viên Ủy ban"
    )
    _submit(browser)
    browser.find("#bieu-quyet ~ .card input[name=votes_for]").send_keys("8")
    browser.find("#bieu-quyet ~ .card form button").click()
    browser.wait_text(".messages", "nhiều hơn số đại biểu có mặt (6)")
    assert not Membership.objects.filter(started_by_meeting__isnull=False).exists()
    field = browser.find("#bieu-quyet ~ .card input[name=votes_for]")
    field.clear()
    field.send_keys("6")
    browser.find("#bieu-quyet ~ .card form button").click()
    browser.wait_text(".messages", "6/6 tán thành, thông qua")
    browser.screenshot("meetings-3-voted")

    browser.click_link("Danh sách ủy viên sau hội nghị")
    browser.wait_text("#uy-vien", "Trịnh Văn Sơn")
    table = browser.find("#uy-vien").text
    assert leaving not in table and "7 ủy viên" in browser.find("main").text
    browser.screenshot("meetings-4-committee")

    m = Meeting.objects.get()
    relieved = Membership.objects.get(pk=members[6].pk)
    assert (relieved.end, relieved.end_reason, relieved.ended_by_meeting) == (
        dt.date(2022, 1, 10),
        EndReason.RELIEVED,
        m,
    )
    assert {x.person.full_name for x in queries.committee_on(commune, dt.date(2022, 1, 10))} >= {
        "Trịnh Văn Sơn"
    }
    browser.go(f"/hoi-nghi/{m.pk}/")
    browser.screenshot("meetings-5-meeting")
