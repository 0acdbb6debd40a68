"""A citizen on a phone searches the published statement without diacritics, checks a claim, sees the QR;
a ward editor uploads a statement and watches the import finish."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from mattran.funds import actions
from mattran.funds.actions import do_import_statement
from mattran.funds.models import FundKind, StatementLine
from tests.conftest import PASSWORD, SYSTEM, make_user
from tests.funds.statement_generators import Options, generate

pytestmark = pytest.mark.django_db(transaction=True)

HEAD = """NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM
SAO KÊ TÀI KHOẢN
Số tài khoản/Account number: 0011001932418
Tên tài khoản/Account name: MAT TRAN TO QUOC VN - BAN CUU TRO TW
Loại tiền/Currency: VND
Từ ngày 01/09/2024 đến ngày 10/09/2024

Ngày GD/TNX Date,Số CT/Doc No,Số tiền ghi nợ/Debit,Số tiền ghi có/Credit,Số dư/Balance,Nội dung chi tiết/Transactions in detail
"""
ROWS = [
    "01/09/2024,5158.81281,,100.000,1.100.000,Trần Thị Bình ủng hộ đồng bào miền Bắc",
    "02/09/2024,5213.71064,,200.000,1.300.000,Nguyễn Văn A ủng hộ đồng bào bão Yagi",
    "03/09/2024,5117.36803,,50.000,1.350.000,224455.030924.025849.LE VAN C xin cam on",
]


@pytest.fixture
def portal(tree, tmp_path: Path):
    fund = actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.central, kind=FundKind.RELIEF, name="Quỹ Cứu trợ"
    )
    account = actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.central,
        fund=fund,
        bank_bin="970436",
        number="0011001932418",
        holder="MAT TRAN TO QUOC VN - BAN CUU TRO TW",
    )
    path = tmp_path / "sao-ke.csv"
    path.write_text(HEAD + "\n".join(ROWS) + "\n", encoding="utf-8")
    statement = do_import_statement(acting_user=SYSTEM, account=account, path=path)
    assert statement.lines_added == 3, statement.error
    appeal = actions.do_create_appeal(
        acting_user=SYSTEM,
        fund=fund,
        title="Ủng hộ đồng bào khắc phục bão Yagi",
        opens_on=dt.date(2024, 9, 1),
        closes_on=dt.date(2024, 9, 30),
        account=account,
    )
    return appeal


def test_it_finds_nguyen_van_a_without_diacritics_on_the_public_portal(browser, portal):
    browser.driver.set_window_size(400, 860)
    browser.go("/quy/cong-khai/")
    browser.find("#q").send_keys("nguyen van a")
    browser.find("form.card button[type=submit]").click()
    browser.wait_text("#results", "Nguyễn Văn A ủng hộ đồng bào bão Yagi")
    assert "Trần Thị Bình" not in browser.find("#results").text
    assert "dòng" in browser.find("#results .source").text
    assert "q=nguyen+van+a" in browser.driver.current_url  # shareable
    browser.screenshot("funds-public-search")
    browser.go("/quy/cong-khai/kiem-tra/?ten=nguyen+van+a&so_tien=200000")
    browser.wait_text("#verdict", "Tìm thấy 1 giao dịch")
    browser.screenshot("funds-public-check")
    browser.go(f"/quy/cong-khai/keu-goi/{portal.pk}/")
    browser.wait_text("h1", "Ủng hộ đồng bào khắc phục bão Yagi")
    image = browser.find(".qr img")
    assert browser.driver.execute_script("return arguments[0].naturalWidth", image) > 0
    assert len(browser.find_all(".bars .bar")) == 3
    browser.screenshot("funds-public-appeal")


def test_it_lets_a_ward_editor_upload_a_statement_and_see_the_result(browser, tree, tmp_path: Path):
    fund = actions.do_create_fund(acting_user=SYSTEM, unit=tree.commune, kind=FundKind.POOR)
    account = actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.commune,
        fund=fund,
        bank_bin="970436",
        number="0011001932418",
        holder="UBMTTQ XA AN",
    )
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=2500, seed=4))
    make_user("xa.canbo", tree.commune, "editor")
    browser.login("xa.canbo", PASSWORD)
    browser.go(f"/quy/tai-khoan/{account.pk}/")
    browser.find("input[type=file]").send_keys(str(path))
    browser.driver.find_element(By.CSS_SELECTOR, "form[enctype] button[type=submit]").click()
    browser.wait_text("#status", "thêm 2.500 dòng mới", timeout=60)
    browser.screenshot("funds-statement-imported")
    assert StatementLine.objects.filter(account=account).count() == 2500
