"""The defects a new user met in the first minutes (issue 19): each one fixed, each with its test."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

from mattran.core.text import natural_key
from mattran.funds import actions as fund_actions
from mattran.funds.models import EntryKind, FundKind
from mattran.org.models import UnitKind
from tests.conftest import SYSTEM, make

LOCALE = Path(__file__).resolve().parents[2] / "mattran" / "locale"


def test_it_keeps_every_app_text_itself_in_vietnamese() -> None:
    """Django's own Vietnamese catalogue translates "Thu" (Thursday) as "Thứ 5": the app's catalogue,
    listing every text of the app, wins over it, so no app text is changed by Django's words."""

    def catalogue(lang: str) -> dict:
        with open(LOCALE / lang / "LC_MESSAGES/django.mo", "rb") as f:
            return gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]

    vi, en = catalogue("vi"), catalogue("en")
    assert set(vi) == set(en)
    texts = [key for key in vi if isinstance(key, str) and key]
    assert len(texts) > 1000
    with translation.override("vi"):
        changed = []
        for key in texts:
            context, _sep, msgid = key.rpartition("\x04")
            shown = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if shown != msgid:
                changed.append((msgid, shown))
        assert changed == []
        assert translation.gettext("Thu") == "Thu"


def test_it_labels_a_receipt_thu_not_thursday_in_the_ledger(client, tree, people) -> None:
    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    fund_actions.do_post_entry(
        acting_user=SYSTEM,
        fund=fund,
        kind=EntryKind.RECEIPT,
        amount=5_000_000,
        date=dt.date(2024, 9, 5),
        description="Ủng hộ",
    )
    client.force_login(people.ward_editor)
    html = client.get(f"/quy/{fund.pk}/").content.decode()
    assert '<span class="tag">Thu</span>' in html
    assert "Thứ 5" not in html


def test_it_does_not_repeat_the_fund_kind_its_name_already_says(client, tree, people) -> None:
    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.POOR, name="Quỹ Vì người nghèo"
    )
    other = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ xã An"
    )
    client.force_login(people.ward_editor)
    html = client.get(f"/quy/{fund.pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert heading is not None and heading.group(1).count("Vì người nghèo") == 1
    html = client.get(f"/quy/{other.pk}/").content.decode()
    assert '<span class="tag">Cứu trợ</span>' in html


def test_it_sorts_residential_areas_by_their_number(client, tree, people) -> None:
    for n in (1, 10, 11, 2, 3, 20):
        make(tree.commune, f"Tổ dân phố {n}", UnitKind.RESIDENTIAL_GROUP)
    client.force_login(people.ward_editor)
    html = client.get(f"/don-vi/{tree.commune.pk}/").content.decode()
    order = [int(n) for n in re.findall(r"Tổ dân phố (\d+)<", html)]
    assert order == [1, 2, 3, 10, 11, 20]
    assert natural_key("Thôn 9") < natural_key("Thôn 10") < natural_key("Thôn Đông")


def test_it_serves_the_api_docs_without_internet(client, people) -> None:
    client.force_login(people.ward_editor)
    html = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in scripts)
    assert all(s.startswith("/static/") for s in scripts), scripts
    for src in scripts:
        assert client.get(src).status_code == 200, src


@pytest.mark.django_db
def test_it_names_the_statement_layout_and_counts_the_file_pages() -> None:
    from mattran.funds.models import BankStatement

    statement = BankStatement(layout="vcb_pdf", pages=3)
    assert statement.layout_title == "Vietcombank – sao kê PDF (2024)"
    assert BankStatement(layout="").layout_title == ""


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("15.000.000", 15_000_000),
        ("15000000", 15_000_000),
        ("15 triệu", 15_000_000),
        ("1,8 tỷ", 1_800_000_000),
    ],
)
def test_it_takes_money_as_cadres_type_it_in_a_receipt(client, tree, people, typed, amount) -> None:
    from mattran.funds.models import Receipt

    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    client.force_login(people.ward_editor)
    page = client.get(f"/quy/{fund.pk}/thu/").content.decode()
    assert re.search(r'<input type="text" name="amount"[^>]*inputmode="text"', page)
    response = client.post(
        f"/quy/{fund.pk}/thu/",
        {"method": "cash", "donor_kind": "person", "donor_name": "Nguyễn Văn A", "amount": typed,
         "received_on": "2024-09-05"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(Receipt.objects.filter(fund=fund).values_list("amount", flat=True)) == [amount]


def test_it_refuses_an_unclear_amount_beside_the_field_and_keeps_nothing(client, tree, people) -> None:
    from mattran.funds.models import Receipt

    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    client.force_login(people.ward_editor)
    response = client.post(
        f"/quy/{fund.pk}/thu/",
        {
            "method": "cash",
            "donor_kind": "person",
            "donor_name": "A",
            "amount": "1,5",
            "received_on": "2024-09-05",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Số tiền không hợp lệ" in html
    assert 'value="1,5"' in html  # what was typed stays in the box
    assert not Receipt.objects.filter(fund=fund).exists()


def test_it_shows_the_reversed_amount_the_vietnamese_way(client, tree, people) -> None:
    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    entry = fund_actions.do_post_entry(
        acting_user=SYSTEM,
        fund=fund,
        kind=EntryKind.RECEIPT,
        amount=5_000_000,
        date=dt.date(2024, 9, 5),
        description="Ủng hộ",
    )
    client.force_login(people.ward_editor)
    html = client.get(f"/quy/but-toan/{entry.pk}/dao/").content.decode()
    assert "5.000.000 đồng" in html
    assert "5,000,000" not in html and "+5" not in html


def test_it_reads_money_figures_of_a_report_as_cadres_write_them(db) -> None:
    from mattran.reports.cells import parse_number
    from mattran.reports.models import Indicator, Measure

    money = Indicator.objects.filter(measure=Measure.DONG, decimals=0).first()
    people_count = Indicator.objects.filter(measure=Measure.PEOPLE, decimals=0).first()
    assert money is not None and people_count is not None
    assert parse_number("15 triệu", money) == 15_000_000
    assert parse_number("1,8 tỷ", money) == 1_800_000_000
    assert parse_number("15.000.000", money) == 15_000_000
    assert parse_number("1.200", people_count) == 1200
    with pytest.raises(ValueError):
        parse_number("nhiều", money)


def test_it_opens_the_home_page_on_what_the_user_must_do(client, tree, people) -> None:
    from django.utils import timezone

    from mattran.core import todo
    from mattran.meetings.actions import do_create_meeting
    from mattran.programs.actions import do_create_program

    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    fund_actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.commune,
        fund=fund,
        bank_bin="970436",
        number="0011009999999",
        holder="MTTQ XA AN",
    )
    held = timezone.now() - dt.timedelta(days=3)
    do_create_meeting(
        acting_user=SYSTEM,
        unit=tree.commune,
        kind="hoi_nghi_ban_thuong_truc",
        title="Giao ban tháng",
        starts_at=held,
    )
    do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=timezone.localdate().year, title="Phối hợp A"
    )

    items = todo.items_for(people.ward_editor)
    sections = {str(i.section) for i in items}
    assert {"Báo cáo", "Quỹ", "Hội nghị", "Thi đua"} <= sections
    keys = [(not i.overdue, i.due or dt.date.max) for i in items]
    assert keys == sorted(keys)  # overdue first, then by deadline, undated last

    client.force_login(people.ward_editor)
    html = client.get("/").content.decode()
    assert '<ul class="todo" id="todo">' in html
    assert "Nhập báo cáo" in html and "Ghi biên bản hội nghị: Giao ban tháng" in html
    assert "Ký kết chương trình: Phối hợp A" in html and "Nhập sao kê tháng" in html
    assert f'href="/nhat-ky/?unit={tree.commune.pk}"' in html  # the audit log one click away
    assert "reports.save" not in html and "org.create_unit" not in html  # no raw audit rows

    # A read-only leader of the same unit is given nothing to enter, sign or import.
    assert todo.items_for(people.ward_leader) == []
    # The level above is asked to approve what its units sent.
    client.force_login(people.superuser)
    assert client.get("/").status_code == 200


def test_it_prints_the_address_it_serves_not_always_port_8000() -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("demo-logins", "--host", "0.0.0.0", "--port", "9712", stdout=out)
    assert "http://127.0.0.1:9712" in out.getvalue() and ":8000" not in out.getvalue()
