"""A ward cadre enters the monthly report on a phone and submits it; the province approves it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mattran.funds import actions as funds
from mattran.org.divisions import ensure_central
from mattran.org.models import UnitKind
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.models import Submission, SubmissionState, Value
from mattran.reports.periods import Period
from tests.conftest import PASSWORD, SYSTEM, make, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_enters_submits_and_approves_a_monthly_report(browser, transactional_db):
    ensure_catalogue()
    central = ensure_central()
    province = make(central, "Thử", UnitKind.PROVINCE)
    ward = make(province, "An", UnitKind.WARD)
    make(ward, "số 1", UnitKind.RESIDENTIAL_GROUP)
    make_user("an.canbo", ward, "editor")
    make_user("tinh.quantri", province, "admin")
    due = Period.containing("M", timezone.localdate()).previous()
    # A receipt in the ward's fund: its monthly figure is computed, shown marked and without an input.
    fund = funds.do_create_fund(
        acting_user=SYSTEM, unit=ward, kind="poor", name="Quỹ Vì người nghèo phường An"
    )
    funds.do_record_receipt(acting_user=SYSTEM, fund=fund, method="cash", donor_kind="anonymous",
                            amount=2_500_000, received_on=due.start)  # fmt: skip

    browser.login("an.canbo", PASSWORD)
    browser.go("/bao-cao/")
    browser.wait_text("main", due.label)
    browser.screenshot("reports-dashboard")
    browser.find("#open-BM-THANG").click()
    browser.wait_text("h1", "Báo cáo số liệu công tác Mặt trận hằng tháng")
    assert browser.find("#v__QUY-VNN-THU__").text == "2.500.000"
    assert browser.find("#v__QUY-VNN-THU__").tag_name == "span"  # no input: it cannot be typed over
    browser.find("#v__GS-CUOC__").send_keys("3")
    browser.find("#v__TCD-LUOT__").send_keys("1.800.000")
    browser.find("#v__DON-TIEP-NHAN__").send_keys("5")
    browser.find("#v__DON-TRA-LOI__").send_keys("7")  # more answered than received: refused
    browser.driver.execute_script(
        "document.querySelectorAll('input[name^=v__]').forEach(i => { if (!i.value) i.value = '2'; });"
    )
    browser.find("#submit-report").click()
    browser.wait_text(".report-form", "không được lớn hơn số đơn thư tiếp nhận")
    browser.screenshot("reports-entry-error")
    assert browser.find("#v__QUY-VNN-THU__").text == "2.500.000"
    assert not Value.objects.filter(source="E").exists()
    field = browser.find("#v__DON-TRA-LOI__")
    field.clear()
    field.send_keys("4")
    browser.find("#submit-report").click()
    browser.wait_text("#state", "Đã gửi, chờ duyệt")
    browser.screenshot("reports-entry-submitted")
    sub = Submission.objects.get(unit=ward, period_start=due.start)
    assert sub.state == SubmissionState.SUBMITTED
    assert Value.objects.get(submission=sub, indicator__code="TCD-LUOT").value == 1_800_000

    browser.driver.delete_all_cookies()
    browser.login("tinh.quantri", PASSWORD)
    browser.go("/bao-cao/")
    browser.wait_text(".plan", "Phường An")
    browser.screenshot("reports-dashboard-province")
    browser.click_link(f"Phường An · BM-THANG · {due.label}")
    browser.find("#approve").click()
    browser.wait_text("#state", "Đã duyệt")
    browser.screenshot("reports-approved")
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.APPROVED
    browser.go(f"/bao-cao/tong-hop/?don-vi={province.pk}&xem=don-vi&chi-tieu=TCD-LUOT")
    browser.wait_text("table.pivot", "1.800.000")
    browser.screenshot("reports-pivot")
    browser.go(f"/bao-cao/tong-hop/?don-vi={province.pk}")
    browser.wait_text("table.pivot", "2.500.000")  # the computed receipts, marked "tự động"
    assert browser.find_all("table.pivot .tag.computed")
    browser.screenshot("reports-pivot-computed")
