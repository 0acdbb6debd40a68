"""At phone width (390 px): a citizen sends a recommendation with a photo from the public portal and gets a
tracking code; the ward's cadre classifies it, forwards it to a body of the ward's directory and records the
body's answer with its document; the citizen looks the code up and reads the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from mattran.org.actions import do_create_agency
from mattran.org.models import AgencyKind
from mattran.petitions import catalogue
from mattran.petitions.models import Case, Status
from tests.conftest import PASSWORD, SYSTEM
from tests.petitions.conftest import PDF, PNG

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Đèn chiếu sáng ngõ 5 tổ 3 hỏng đã hai tuần, buổi tối rất tối, đề nghị sửa sớm."
ANSWER = "Ủy ban nhân dân xã đã thay bộ đèn ngõ 5 ngày hôm nay; đề nghị tổ dân phố tiếp tục theo dõi."


@pytest.fixture
def ward(tree, people, settings, tmp_path: Path):
    catalogue.ensure()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    do_create_agency(
        acting_user=SYSTEM, unit=tree.commune, name="Ủy ban nhân dân xã An", kind=AgencyKind.PEOPLES_COMMITTEE
    )
    photo, letter = tmp_path / "den-hong.png", tmp_path / "van-ban-tra-loi.pdf"
    photo.write_bytes(PNG)
    letter.write_bytes(PDF)
    return {"unit": tree.commune, "photo": photo, "letter": letter}


def test_a_citizen_is_answered_with_a_document_and_reads_it_by_code(browser, ward, people) -> None:
    browser.driver.set_window_size(390, 900)
    # 1. The citizen, no account.
    browser.go(f"/y-kien/gui/{ward['unit'].pk}/")
    browser.find("textarea[name=text]").send_keys(TEXT)
    browser.find("input[name=place]").send_keys("Ngõ 5, tổ 3")
    browser.find("input[name=full_name]").send_keys("Đỗ Thị Lan")
    browser.find("input[name=phone]").send_keys("0911222333")
    browser.find("input[name=photos]").send_keys(str(ward["photo"]))
    browser.find("input[name=allow_publish]").click()
    assert browser.driver.execute_script("return document.documentElement.scrollWidth") <= 390
    browser.screenshot("petitions-390-submit")
    browser.click_to_new_page("form.portal-form button")
    code = browser.find("#tracking-code").text.replace("-", "")
    browser.screenshot("petitions-390-sent")
    case = Case.objects.get()
    assert case.code == code and case.attachments.count() == 1

    # 2. The ward's cadre classifies, forwards, records the answer with its document.
    browser.login("xa.canbo", PASSWORD)
    browser.go("/tieng-noi/")
    browser.click_link(case.display_code)
    Select(browser.find("#classify-form select[name=field]")).select_by_visible_text("Hạ tầng, giao thông")
    browser.click_to_new_page("#classify-form button")
    Select(browser.find("#forward-form select[name=agency]")).select_by_visible_text("Ủy ban nhân dân xã An")
    browser.click_to_new_page("#forward-form button")
    browser.find("#answer-form textarea[name=text]").send_keys(ANSWER)
    browser.find("#answer-form input[name=reference]").send_keys("Số 12/UBND")
    browser.find("#answer-form input[name=documents]").send_keys(str(ward["letter"]))
    browser.screenshot("petitions-390-case-answer")
    browser.click_to_new_page("#answer-form button")
    browser.wait_text("#case-status", "Đã có trả lời")
    browser.screenshot("petitions-390-case-answered")
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.agency.name == "Ủy ban nhân dân xã An"
    assert case.attachments.filter(role="answer").count() == 1

    # 3. The citizen, logged out, reads the answer by code.
    browser.driver.delete_all_cookies()
    browser.go(f"/y-kien/tra-cuu/?ma={case.display_code.lower()}")
    browser.wait_text("#public-answer", "đã thay bộ đèn")
    assert "Ủy ban nhân dân xã An" in browser.find("#lookup-result").text
    assert "Đỗ Thị Lan" not in browser.driver.page_source
    assert browser.find_all("#lookup-result a[href*='/y-kien/van-ban/']")
    browser.screenshot("petitions-390-lookup")
    browser.driver.set_window_size(1366, 900)
    browser.login("xa.canbo", PASSWORD)
    browser.go(f"/tieng-noi/{case.pk}/")
    browser.screenshot("petitions-1366-case")
    browser.go("/tieng-noi/")
    browser.screenshot("petitions-1366-list")
