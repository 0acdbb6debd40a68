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
from tests.conftest import make

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
        acting_user=None, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ A"
    )
    fund_actions.do_post_entry(
        acting_user=None,
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
        acting_user=None, unit=tree.commune, kind=FundKind.POOR, name="Quỹ Vì người nghèo"
    )
    other = fund_actions.do_create_fund(
        acting_user=None, unit=tree.commune, kind=FundKind.RELIEF, name="Quỹ xã An"
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
