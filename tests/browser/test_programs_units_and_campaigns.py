"""A district cadre sets up an agreement among its communes, a commune scores itself; a commune cadre launches a
campaign with indicators linked to report indicators, edits it, and proposes an award for a person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.support.ui import Select

from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.people import actions as people_actions
from mattran.programs import actions as program_actions
from mattran.programs.models import (
    Agreement,
    AgreementStatus,
    AwardProposal,
    Campaign,
    ProgramSignatory,
    SelfScore,
)
from tests.conftest import PASSWORD, SYSTEM, make, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _type(browser, css: str, text: str) -> None:
    field = browser.find(css)
    field.clear()
    field.send_keys(text)


def _open_programs(browser) -> None:
    browser.open_section("Thi đua")
    browser.wait_text("h1", "Chương trình phối hợp, thi đua, khen thưởng")


def test_it_creates_a_set_of_units_agreement_and_a_signatory_scores_itself(browser, transactional_db):
    district = make(make(ensure_central(), "Thử", UnitKind.PROVINCE), "Một", UnitKind.RURAL_DISTRICT)
    an, binh, _ = (make(district, name, UnitKind.COMMUNE) for name in ("An", "Bình", "Cường"))
    make_user("huyen.canbo", district, "editor")
    make_user("an.canbo", an, "editor")

    browser.login("huyen.canbo", PASSWORD)
    _open_programs(browser)
    browser.screenshot("programs-index")
    browser.click_link("Giao ước thi đua giữa các đơn vị")
    browser.wait_text("h1", "Giao ước thi đua giữa các đơn vị")
    _type(browser, "input[name=title]", "Giao ước thi đua các xã năm 2025")
    browser.find(f"input[name=parties][value='{district.pk}']").click()  # the district runs it, not signs
    browser.find(f"input[name=parties][value='{an.pk}']").click()
    browser.find("#agreement-form button").click()
    browser.wait_text(".field-error", "ít nhất hai đơn vị")
    browser.screenshot("programs-units-agreement-1-error")
    assert not Agreement.objects.exists()

    browser.find(f"input[name=parties][value='{binh.pk}']").click()
    browser.find("#agreement-form button").click()
    browser.wait_text("h1", "Giao ước thi đua các xã năm 2025")
    browser.wait_text("#agreement-rules", "Huyện Một quản lý giao ước")
    _type(browser, "input[name=content]", "Tuyên truyền, vận động nhân dân")
    _type(browser, "input[name=max_score]", "50")
    browser.find("form#add-criterion button").click()
    browser.wait_text("main table", "Tuyên truyền, vận động nhân dân")
    browser.find("form#sign-agreement button").click()
    browser.wait_text("main .tag", "Đã ký")
    browser.screenshot("programs-units-agreement-2-signed")
    agreement = Agreement.objects.get()
    assert (agreement.unit, agreement.status) == (district, AgreementStatus.SIGNED)
    assert set(agreement.parties.values_list("unit_id", flat=True)) == {an.pk, binh.pk}

    browser.driver.delete_all_cookies()
    browser.login("an.canbo", PASSWORD)
    browser.go(f"/chuong-trinh/giao-uoc/{agreement.pk}/")
    Select(browser.find("select[name=criterion]")).select_by_index(1)
    _type(browser, "input[name=score]", "45")
    browser.find("form#self-score button").click()
    browser.wait_text("#ranking", "45")
    # A signatory in the leader mode does not see the assessment form.
    assert not browser.find_all("form#assess")
    browser.screenshot("programs-units-agreement-3-self-score")
    assert SelfScore.objects.get().unit == an


def test_it_launches_and_edits_a_campaign_and_proposes_a_person(browser, transactional_db):
    commune = make(make(ensure_central(), "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    village = make(commune, "Đông", UnitKind.VILLAGE)
    make_user("an.canbo", commune, "editor")
    hoa = people_actions.do_create_person(acting_user=SYSTEM, unit=commune, full_name="Nguyễn Thị Hoa")
    people_actions.do_add_person_post(
        hoa,
        acting_user=SYSTEM,
        title="Chủ tịch",
        organisation="Ủy ban MTTQ Việt Nam xã An",
        start=dt.date(2020, 1, 1),
    )

    browser.login("an.canbo", PASSWORD)
    _open_programs(browser)
    browser.click_link("Cuộc vận động, phong trào mới")
    browser.wait_text("h1", "Cuộc vận động, phong trào mới")
    Select(browser.find("select[name=kind]")).select_by_value("phong_trao")
    _type(browser, "input[name=name]", "Phong trào Ngày Chủ nhật xanh")
    browser.find(f"input[name=participants][value='{village.pk}']").click()
    _type(browser, "input[name='chi-tieu-0-name']", "Số buổi ra quân")
    _type(browser, "input[name='chi-tieu-0-measure']", "buổi")
    Select(browser.find("select[name='chi-tieu-1-indicator']")).select_by_value("HO-VAN-HOA")
    browser.screenshot("programs-campaign-1-form")
    browser.find("#campaign-form > div > button").click()
    browser.wait_text("h1", "Phong trào Ngày Chủ nhật xanh")
    browser.wait_text("#indicators", "HO-VAN-HOA")
    browser.wait_text("#participants", "Ban công tác Mặt trận thôn Đông")
    browser.screenshot("programs-campaign-2-detail")
    campaign = Campaign.objects.get(name="Phong trào Ngày Chủ nhật xanh")
    assert campaign.launching_unit == commune and campaign.indicators.count() == 2

    browser.click_link("Cuộc vận động, phong trào")
    browser.wait_text("main table", "Phong trào Ngày Chủ nhật xanh")
    browser.screenshot("programs-campaigns")
    browser.click_link("Phong trào Ngày Chủ nhật xanh")
    browser.click_link("Sửa")
    browser.wait_text("h1", "Sửa:")
    browser.screenshot("programs-campaign-3-edit")
    _type(browser, "input[name=name]", "Phong trào Ngày Chủ nhật xanh – sạch – đẹp")
    browser.find("#campaign-form > div > button").click()
    browser.wait_text("h1", "xanh – sạch – đẹp")
    campaign.refresh_from_db()
    assert campaign.name == "Phong trào Ngày Chủ nhật xanh – sạch – đẹp"

    browser.go(reverse("people:person", args=[hoa.pk]))
    browser.click_link("Lịch sử thi đua, khen thưởng")
    browser.wait_text("h1", "Lịch sử thi đua, khen thưởng — Nguyễn Thị Hoa")
    Select(browser.find("select[name=award_kind]")).select_by_visible_text("Giấy khen")
    _type(browser, "input[name=reason]", "Hoàn thành xuất sắc nhiệm vụ")
    browser.find("#propose button").click()
    browser.wait_text("#awards", "Giấy khen")
    browser.screenshot("programs-person-awards")
    proposal = AwardProposal.objects.get()
    assert (proposal.person, proposal.proposed_by) == (hoa, commune)


def test_it_signs_a_program_choosing_persons_as_signatories(browser, transactional_db):
    commune = make(make(ensure_central(), "Thử", UnitKind.PROVINCE), "An", UnitKind.COMMUNE)
    make_user("an.canbo", commune, "editor")
    hoa = people_actions.do_create_person(acting_user=SYSTEM, unit=commune, full_name="Nguyễn Thị Hoa")
    people_actions.do_add_person_post(
        hoa,
        acting_user=SYSTEM,
        title="Chủ tịch",
        organisation="Ủy ban MTTQ Việt Nam xã An",
        start=dt.date(2020, 1, 1),
    )
    program = program_actions.do_create_program(
        acting_user=SYSTEM, unit=commune, year=dt.date.today().year, title="Chương trình phối hợp"
    )
    police = program_actions.do_add_participant(program, acting_user=SYSTEM, name="Công an xã An")
    program_actions.do_add_content(program, acting_user=SYSTEM, title="Giữ gìn an ninh trật tự")
    front = program.participants.exclude(pk=police.pk).get()

    browser.login("an.canbo", PASSWORD)
    browser.go(reverse("programs:program", args=[program.pk]))
    browser.driver.execute_script(
        "document.querySelector('input[name=signed_on]').value = arguments[0]", dt.date.today().isoformat()
    )
    Select(browser.find(f"select[name=person_{front.pk}]")).select_by_value(str(hoa.pk))
    _type(browser, f"input[name=title_{police.pk}]", "Trưởng Công an xã")
    browser.screenshot("programs-sign-1-form")
    browser.find("form#sign button").click()
    browser.wait_text("main table", "Chủ tịch Ủy ban MTTQ Việt Nam xã An: Nguyễn Thị Hoa")
    browser.screenshot("programs-sign-2-signed")
    browser.click_link("khen thưởng")
    browser.wait_text("#signed", "Chương trình phối hợp")
    assert ProgramSignatory.objects.get(participant=front).person == hoa
