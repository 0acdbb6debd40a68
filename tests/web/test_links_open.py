"""No page links to a page its reader may not open: every demo account follows the links of the pages it
sees, from the home page, and none answers 403, 404 or 500. The walk also proves the menu's sections open for
every account (the superuser, who has no unit, included) and that a read-only leader is offered no command.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from mattran.accounts.demo import DEMO_USERS

# Links that are not pages to read: downloads, the language switch, the admin (its own permission model).
SKIP = re.compile(
    r"^/(i18n|admin|static|media)/|/(docx|pdf|xlsx|csv|svg|zip)/?$|\.(svg|png|pdf|docx|xlsx|csv|zip)$|"
    r"/dang-xuat/|/tep/|/tai-ve/|/xuat"
)
# What a read-only leader may still post: the language, logging out, the own password, API tokens and
# notifications (marking them read).
OWN_ACCOUNT = re.compile(r"/i18n/|/dang-xuat/|/mat-khau/|/ma-truy-cap/|/thong-bao/")
PER_PATTERN = 2  # pages of one shape (ids replaced) visited per account
LIMIT = 120  # pages per account


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(path).path)


def walk(client: Client, start: str = "/") -> dict[str, tuple[int, str]]:
    """Follow the links of every page reached from ``start``; return each visited URL's status and referrer."""
    seen: dict[str, tuple[int, str]] = {}
    shapes: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([(start, "")])
    while queue and len(seen) < LIMIT:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_PATTERN:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        seen[url] = (response.status_code, referrer)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for href in re.findall(r'<a\s[^>]*href="([^"#][^"]*)"', html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href.startswith("/") and not href.startswith("//") and not SKIP.search(href):
                queue.append((href, url))
    return seen


@pytest.fixture
def demo(db, settings, tmp_path):
    from mattran.home.demo import load_demo

    settings.MEDIA_ROOT = tmp_path
    load_demo()


def test_it_links_every_account_only_to_pages_it_may_open(demo) -> None:
    """One demo load (it is slow) for the three checks: no link to a closed page, the superuser opens every
    section of the menu, the read-only leader is offered no command."""
    problems = []
    for username, *_rest in DEMO_USERS:
        client = Client()
        client.force_login(_user(username))
        seen = walk(client)
        assert len(seen) > 20, (username, len(seen))
        problems += [(username, url, status, ref) for url, (status, ref) in seen.items() if status >= 400]  # fmt: skip
        if username == "quantri":
            html = client.get("/").content.decode()
            nav = re.search(r'<nav class="main".*?</nav>', html, re.S)
            assert nav is not None
            links = re.findall(r'href="([^"]+)"', nav.group(0))
            assert len(links) >= 9
            for href in links:
                status = client.get(href, follow=True).status_code
                if status != 200:
                    problems.append((username, href, status, "menu"))
        if username == "hanoi.lanhdao":
            for url, (status, _ref) in seen.items():
                if status != 200:
                    continue
                response = client.get(url)
                if "text/html" not in response.get("Content-Type", ""):
                    continue  # a download (a DOCX letter, a PDF) reached by a link: not a page of commands
                html = response.content.decode()
                if "Lập báo cáo" in html:
                    problems.append((username, url, "offers Lập báo cáo", ""))
                forms = [f for f in re.findall(r"<form\b[^>]*>", html, re.I) if 'method="post"' in f.lower()]
                actions = [(re.findall(r'action="([^"]*)"', f) or [""])[0] or url for f in forms]
                problems += [
                    (username, url, "offers a command", a) for a in actions if not OWN_ACCOUNT.search(a)
                ]
    assert problems == [], "\n".join(map(str, problems))


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
