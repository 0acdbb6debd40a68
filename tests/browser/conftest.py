"""Headless Debian Chromium driven by Selenium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def pytest_collection_modifyitems(config, items):
    have = os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not have and os.environ.get("CI") != "true":
                item.add_marker(
                    pytest.mark.skip(reason="Debian chromium and chromium-driver are not installed")
                )


def _page_was_replaced(exc: WebDriverException) -> bool:
    """Whether Chromium failed to read an element because its page was being replaced.

    A form's answer loading detaches the old nodes; Chromium reports reading one as a stale element,
    as a node that "does not belong to the document", or as an "unhandled inspector error".
    """
    message = str(exc)
    return any(
        sign in message
        for sign in ("does not belong to the document", "unhandled inspector error", "stale element")
    )


class Browser:
    def __init__(self, driver, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url

    def go(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def find(self, css: str, timeout: float = 10):
        return WebDriverWait(self.driver, timeout).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_text(self, css: str, text: str, timeout: float = 10) -> None:
        present = ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)

        def check(driver) -> bool:
            try:
                return present(driver)
            except WebDriverException as exc:
                if _page_was_replaced(exc):
                    return False
                raise

        WebDriverWait(self.driver, timeout).until(check)

    def click_to_new_page(self, css: str, timeout: float = 10) -> None:
        """Click what ``css`` finds and wait until the page it leads to has loaded.

        The old page is marked with a flag on its window; a new document has none. Nothing of the old
        page is touched while it is being replaced (an element of it may then raise any of several errors).
        """
        self.driver.execute_script("window.mattranOldPage = true")
        self.find(css).click()

        def loaded(driver) -> bool:
            try:
                return bool(
                    driver.execute_script(
                        "return !window.mattranOldPage && document.readyState === 'complete'"
                    )
                )
            except WebDriverException as exc:
                if _page_was_replaced(exc):
                    return False
                raise

        WebDriverWait(self.driver, timeout).until(loaded)

    def click_link(self, text: str, timeout: float = 10) -> None:
        WebDriverWait(self.driver, timeout).until(ec.element_to_be_clickable((By.LINK_TEXT, text))).click()

    def open_section(self, name: str) -> None:
        """Click a section of the main menu, opening the phone menu first when it is folded."""
        toggle = self.find(".menu-toggle")
        if toggle.is_displayed() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        self.find("nav.main").find_element(By.LINK_TEXT, name).click()

    def login(self, username: str, password: str) -> None:
        self.go("/dang-nhap/")
        self.find("input[name=username]").send_keys(username)
        self.find("input[name=password]").send_keys(password)
        self.find("form button[type=submit]").click()
        self.find("nav.main")

    def screenshot(self, name: str) -> None:
        out = os.environ.get("MATTRAN_SCREENSHOTS")
        if out:
            os.makedirs(out, exist_ok=True)
            size = self.driver.get_window_size()
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(size["width"], min(height + 40, 5000))
            self.driver.save_screenshot(os.path.join(out, f"{name}.png"))
            self.driver.set_window_size(size["width"], size["height"])


@pytest.fixture
def browser(live_server):
    options = Options()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="mattran-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        f"--user-data-dir={profile}",
        "--window-size=412,900",
        "--lang=vi",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    try:
        yield Browser(driver, live_server.url)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
