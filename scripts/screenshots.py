"""Log in and screenshot pages of a running mattran (for looking at pages during development).

Usage: .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 USER PASSWORD OUTDIR PATH [PATH …]
"""

import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def main() -> None:
    base, user, password, outdir, *paths = sys.argv[1:]
    width = 1200
    if paths and paths[0].startswith("--width="):
        width = int(paths.pop(0).split("=")[1])
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    options = Options()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={width},1400",
    ):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(base + "/dang-nhap/")
        driver.find_element(By.NAME, "username").send_keys(user)
        driver.find_element(By.NAME, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        for i, path in enumerate(paths):
            driver.get(base + path)
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(width, min(max(height + 100, 600), 4000))
            driver.save_screenshot(str(out / f"{i:02d}.png"))
            print(out / f"{i:02d}.png", driver.title)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
