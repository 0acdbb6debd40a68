"""In English the interface strings of the main staff pages are English: what stays Vietnamese is data
(unit and person names, the indicator catalogue, the national campaigns), which the check skips."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from mattran.accounts.models import Role
from mattran.org.models import Level
from mattran.programs.models import Campaign
from mattran.reports.models import ReportForm

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵáàãéèíìóòõúùý]", re.I)


def interface_text(html: str, data: list[str]) -> list[str]:
    """The visible text pieces and attribute texts with Vietnamese letters that are not data."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r"<option[^>]*>[^<]*</option>", "", html)  # choices of units, funds, indicators: data
    pieces = re.split(r"<[^>]+>", html)
    pieces += re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', html)
    found = []
    for piece in (p.strip() for p in pieces):
        if not piece or not VIETNAMESE.search(piece) or piece == "Tiếng Việt":
            continue
        if any(name.lower() in piece.lower() for name in data):
            continue
        found.append(piece)
    return found


def assert_english(client, urls: list[str], data: list[str]) -> None:
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := interface_text(response.content.decode(), data):
            problems[url] = found
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_it_shows_the_main_pages_in_english(english, tree, people) -> None:
    unit = tree.commune.pk
    data = [tree.commune.name, tree.district.name, tree.province.name, tree.village.name, tree.central.name,
            tree.village.short_name, people.ward_editor.profile.full_name, "Lê Chân"]  # fmt: skip
    data += [level.name for level in Level.objects.all()]  # the levels of the hierarchy are data
    data += list(Campaign.objects.filter(is_national=True).values_list("name", flat=True))  # shipped as data
    forms = list(ReportForm.objects.values_list("name", flat=True))  # the report catalogue
    data += forms + [f.removeprefix("Báo cáo ") for f in forms]  # the to-do list says the name after its kind
    with translation.override("vi"):  # the recent changes quote the audit log's stored text
        data += [str(role.label) for role in Role]
    assert_english(
        english,
        [
            "/",
            reverse("org:unit", args=[unit]),
            reverse("meetings:calendar", args=[unit]),
            reverse("meetings:create", args=[unit]),
            reverse("people:committee", args=[unit]),
            reverse("programs:index"),
            reverse("programs:campaign_create"),
            reverse("reports:dashboard"),
        ],
        data,
    )


def test_it_confirms_an_action_in_english(english, tree) -> None:
    response = english.post(
        reverse("org:add_residential", args=[tree.commune.pk]),
        {"kind": "to_dan_pho", "short_name": "số 9"},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0].endswith(" added."), messages


def test_the_login_page_and_its_error_are_english(client, db) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert_english(client, [reverse("accounts:login")], [])
    response = client.post(reverse("accounts:login"), {"username": "ai.do", "password": "sai-mat-khau"})
    assert "Wrong username or password" in response.content.decode()
    assert not interface_text(response.content.decode(), ["ai.do"])
