"""Three member units vote in a cluster's peer vote from their own accounts; the leader closes and tallies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mattran.org import actions as org_actions
from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.programs import actions
from mattran.programs.models import AwardKind, AwardProposal, Ballot, VoteStatus
from tests.conftest import PASSWORD, SYSTEM, make, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _vote_as(browser, username: str, choose: list[int]) -> None:
    browser.driver.delete_all_cookies()
    browser.login(username, PASSWORD)
    browser.open_section("Thi đua")
    browser.wait_text("h1", "Chương trình phối hợp, thi đua, khen thưởng")
    browser.click_link("Bình xét đề nghị tặng Cờ thi đua năm " + str(timezone.localdate().year))
    browser.find("form#ballot")
    for pk in choose:
        browser.find(f"input[name=choices][value='{pk}']").click()
    browser.screenshot(f"programs-vote-{username}")
    browser.find("form#ballot button").click()
    browser.find("#voted")


def test_it_takes_one_ballot_from_each_of_three_units_and_tallies(browser, transactional_db):
    district = make(make(ensure_central(), "Thử", UnitKind.PROVINCE), "Một", UnitKind.RURAL_DISTRICT)
    units = [make(district, name, UnitKind.COMMUNE) for name in ("An", "Bình", "Cường", "Dũng", "Em")]
    cluster = org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua các xã",
        year=timezone.localdate().year,
        organiser=district,
        members=units,
        leader=units[0],
    )
    for i, unit in enumerate(units[:3]):
        make_user(f"xa{i}.canbo", unit, "editor")
    vote = actions.do_open_peer_vote(
        cluster,
        acting_user=SYSTEM,
        award_kind=AwardKind.objects.get(code="co-thi-dua"),
        places=1,
        candidates=units,
        closes_at=timezone.now() + dt.timedelta(hours=1),
        awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
        awarding_unit=district,
    )

    _vote_as(browser, "xa0.canbo", [units[3].pk])
    browser.wait_text("#ballot-count", "Đã có 1/5 đơn vị bỏ phiếu.")
    _vote_as(browser, "xa1.canbo", [units[3].pk])
    _vote_as(browser, "xa2.canbo", [units[3].pk])
    browser.wait_text("#ballot-count", "Đã có 3/5 đơn vị bỏ phiếu.")
    # The ballot form is gone for a unit that has voted.
    assert not browser.find_all("form#ballot")
    assert Ballot.objects.filter(vote=vote).count() == 3

    browser.driver.delete_all_cookies()
    browser.login("xa0.canbo", PASSWORD)
    browser.go(f"/chuong-trinh/binh-xet/{vote.pk}/")
    browser.find("form#close-vote button").click()
    browser.wait_text("#vote-status", "Đã đóng")
    browser.find("form#tally-vote button").click()
    browser.wait_text("#results", "Được đề nghị")
    browser.screenshot("programs-vote-results")
    vote.refresh_from_db()
    assert vote.status == VoteStatus.DECIDED
    assert AwardProposal.objects.get(vote=vote).unit == units[3]

    browser.go(f"/chuong-trinh/cum/{cluster.pk}/")
    browser.wait_text("#proposals", "Cờ thi đua")
    browser.screenshot("programs-cluster")
