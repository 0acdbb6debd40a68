"""WCAG 2.2 AA on the main pages, checked by axe-core in Chromium at phone (390 px) and office-PC (1366 px)
width; every asset served by the project (no CDN, no external URL); the phone menu shows every section."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from mattran.funds import actions as fund_actions
from mattran.funds.models import EntryKind, FundKind
from mattran.meetings.actions import do_create_meeting
from mattran.org.models import UnitKind
from mattran.programs.actions import do_create_program
from tests.conftest import PASSWORD, SYSTEM, make

WIDTHS = (390, 1366)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe_source() -> str:
    try:
        return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.skip("axe-core is not installed (make setup installs it)")


@pytest.fixture
def world(tree, people):
    for n in (1, 2, 10):
        make(tree.commune, f"Tổ dân phố {n}", UnitKind.RESIDENTIAL_GROUP)
    fund = fund_actions.do_create_fund(
        acting_user=SYSTEM, unit=tree.commune, kind=FundKind.POOR, name="Quỹ Vì người nghèo"
    )
    fund_actions.do_post_entry(
        acting_user=SYSTEM, fund=fund, kind=EntryKind.RECEIPT, amount=15_000_000, date=dt.date(2025, 9, 5),
        description="Ủng hộ của Nhân dân",
    )  # fmt: skip
    meeting = do_create_meeting(
        acting_user=SYSTEM, unit=tree.commune, kind="hoi_nghi_ban_thuong_truc", title="Giao ban tháng 9",
        starts_at=timezone.now() - dt.timedelta(days=2),
    )  # fmt: skip
    program = do_create_program(acting_user=SYSTEM, unit=tree.commune, year=2025, title="Phối hợp năm 2025")
    return {"fund": fund, "meeting": meeting, "program": program}


def _pages(tree, world) -> list[str]:
    c, fund = tree.commune.pk, world["fund"].pk
    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    return [
        "/", "/don-vi/tim/?q=an", f"/don-vi/{c}/", f"/don-vi/{tree.district.pk}/", "/don-vi/cum-thi-dua/",
        "/bao-cao/", "/bao-cao/chi-tieu/", f"/bao-cao/tong-hop/?don-vi={c}",
        f"/bao-cao/don-vi/{c}/bieu/BM-THANG/{month}/", f"/hoi-nghi/don-vi/{c}/", f"/hoi-nghi/{world['meeting'].pk}/",
        f"/hoi-nghi/don-vi/{c}/ghi/", "/chuong-trinh/", f"/chuong-trinh/{world['program'].pk}/", "/quy/",
        f"/quy/{fund}/", f"/quy/{fund}/thu/", "/quy/cong-khai/", f"/quy/cong-khai/quy/{fund}/", "/nhat-ky/",
        "/ma-truy-cap/", "/nguoi-dung/", f"/nhan-su/don-vi/{c}/",
    ]  # fmt: skip


def _check(browser, axe: str, path: str) -> list[str]:
    browser.go(path)
    browser.find("main")
    html = browser.driver.page_source
    external = [
        u
        for u in re.findall(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)="(https?:)?//[^"]+"', html)
        if u
    ]
    out = [f"{path}: external asset" for _u in external]
    browser.driver.execute_script(axe)
    result = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length,"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160))])))"
        ".catch(e => done([['axe-error', String(e), 0, []]]));",
        TAGS,
    )
    out += [f"{path}: {rule} ({impact}, {n}) {nodes}" for rule, impact, n, nodes in result]
    return out


def test_it_passes_axe_wcag22_aa_on_the_main_pages_at_phone_and_pc_width(
    browser, tree, people, world
) -> None:
    axe = _axe_source()
    browser.login("xa.quantri", PASSWORD)
    pages = _pages(tree, world)
    assert len(pages) >= 20
    problems = []
    for width in WIDTHS:
        browser.driver.set_window_size(width, 900)
        for path in pages:
            problems += [f"{width}px {p}" for p in _check(browser, axe, path)]
            browser.screenshot(f"a11y-{width}-" + (re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "home"))
    assert problems == [], "\n".join(problems)


def test_it_shows_every_section_of_the_menu_on_a_phone(browser, tree, people) -> None:
    browser.login("xa.canbo", PASSWORD)
    browser.driver.set_window_size(390, 800)
    browser.go("/")
    toggle = browser.find(".menu-toggle")
    nav = browser.find("nav.main")
    assert not nav.is_displayed()
    toggle.click()
    links = [a for a in nav.find_elements(By.CSS_SELECTOR, "a") if a.is_displayed()]
    names = [a.text for a in links]
    for section in ("Hội nghị", "Thi đua", "Quỹ", "Nhật ký", "Báo cáo", "Cụm thi đua"):
        assert section in names
    width = browser.driver.execute_script("return document.documentElement.clientWidth")
    for a in links:
        rect = a.rect
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= width  # nothing hidden off the side
        assert rect["height"] >= 24  # a tap target
    browser.screenshot("menu-390-open")
