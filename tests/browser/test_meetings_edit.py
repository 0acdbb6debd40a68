"""A commune cadre on a phone corrects a meeting's number and venue, first hitting a taken number."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings.models import Meeting
from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from tests.conftest import PASSWORD, make, make_user
from tests.meetings.helpers import meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_edits_a_meeting_and_shows_a_taken_number_beside_the_field(browser, transactional_db):
    central = ensure_central()
    commune = make(make(central, "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    term, _ = committee(commune, 3)
    m = meeting(commune, term, day=dt.date(2021, 1, 7), number=3)
    meeting(commune, term, day=dt.date(2021, 6, 7), number=5)
    make_user("an.canbo", commune, "editor")

    browser.login("an.canbo", PASSWORD)
    browser.go(f"/hoi-nghi/{m.pk}/")
    browser.click_link("Sửa thông tin")
    browser.wait_text("h1", "Sửa thông tin hội nghị")
    number = browser.find("input[name=number]")
    number.clear()
    number.send_keys("5")
    browser.find("main form.stack button:not([name])").click()
    browser.wait_text(".field-error", "khóa I đã có hội nghị ủy ban lần thứ 5")
    browser.screenshot("meetings-edit-1-error")
    assert Meeting.objects.get(pk=m.pk).number == 3

    number = browser.find("input[name=number]")
    number.clear()
    number.send_keys("4")
    venue = browser.find("input[name=venue]")
    venue.clear()
    venue.send_keys("Nhà văn hóa thôn Đông")
    browser.find("main form.stack button:not([name])").click()
    browser.wait_text("h1", "Hội nghị lần thứ 4 Ủy ban MTTQ Việt Nam xã An khóa I")
    browser.screenshot("meetings-edit-2-saved")
    m.refresh_from_db()
    assert (m.number, m.venue) == (4, "Nhà văn hóa thôn Đông")
