"""The Lê Chân article as the demo enters it: a visitor reads the published news item without logging in,
a city cadre reads the meeting and the committee it changed."""

from __future__ import annotations

import pytest

from mattran.accounts.actions import do_create_user
from mattran.meetings import demo as meetings_demo
from mattran.meetings.models import NewsItem
from mattran.org import actions as org_actions
from mattran.org.actions import do_import_divisions
from mattran.org.divisions import ensure_central
from mattran.org.models import MemberOrgKind, Unit
from mattran.people import demo as people_demo
from tests.conftest import PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def le_chan(transactional_db):
    do_import_divisions(structure="legacy", acting_user=SYSTEM)
    unit = Unit.objects.get(structure="legacy", level__code="district", code="305")
    org_actions.do_create_member_org(
        acting_user=SYSTEM, unit=unit, kind=MemberOrgKind.WOMEN, name="Hội Liên hiệp Phụ nữ quận Lê Chân"
    )
    five = [
        Unit.objects.get(structure="legacy", level__code="province", code=c)
        for c in ("01", "79", "31", "48", "92")
    ]
    org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name=meetings_demo.CLUSTER_NAME,
        year=2023,
        organiser=ensure_central(),
        members=five,
        leader=five[2],
    )
    people_demo.load()
    meetings_demo.load()
    return unit


def test_it_publishes_the_le_chan_article_and_shows_the_committee_it_changed(browser, le_chan):
    item = NewsItem.objects.get(unit=le_chan)
    browser.go(f"/hoi-nghi/tin/{le_chan.pk}/")
    browser.wait_text("main", "Tin hoạt động — Ủy ban MTTQ Việt Nam quận Lê Chân")
    browser.click_link(item.title)
    browser.wait_text(
        "article", "Nguyễn Thị Minh Phương, Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố"
    )
    text = browser.find("article").text
    assert "Hội nghị lần thứ 7" in text and "khóa XVI" in text and "cho thôi 4 đồng chí" in text
    browser.screenshot("articles-1-public-news")

    do_create_user(
        acting_user=SYSTEM,
        username="lechan.lanhdao",
        password=PASSWORD,
        unit=le_chan,
        role="leader",
        full_name="Lãnh đạo Lê Chân",
        check_password=False,
    )
    browser.login("lechan.lanhdao", PASSWORD)
    browser.go(f"/hoi-nghi/{item.meeting_id}/")
    browser.wait_text("h1", "Hội nghị lần thứ 7 Ủy ban MTTQ Việt Nam quận Lê Chân khóa XVI")
    main = browser.find("main").text
    # The article gives no hour, no roll call, no names for the hiệp thương: the page says so.
    assert "nguồn không nêu giờ" in main and "chưa biết" in main and "chưa có tên" in main
    assert "chưa điểm danh" in main and "0/40" not in main
    browser.screenshot("articles-2-meeting")
