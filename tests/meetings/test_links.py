"""The "Liên quan" section: other apps register (label, url) items for a meeting; the page lists them."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings import links
from tests.meetings.helpers import meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    def programs_of(m):
        if m.number != 7:
            return []
        return [
            (f"Chương trình phối hợp số {m.number}/CTPH", f"/chuong-trinh/{m.pk}/"),
            ("Giao ước thi đua năm 2021 <cụm>", "/chuong-trinh/giao-uoc/1/"),
        ]

    links.register(programs_of)
    links.register(programs_of)  # registering twice lists the items once
    yield programs_of
    links.unregister(programs_of)


def test_it_lists_the_registered_links_on_the_meeting_page(client, tree, people, provider):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=dt.date(2021, 1, 7), number=7)
    other = meeting(tree.commune, t, day=dt.date(2021, 2, 7), number=8)
    assert links.links_for(m) == [
        ("Chương trình phối hợp số 7/CTPH", f"/chuong-trinh/{m.pk}/"),
        ("Giao ước thi đua năm 2021 <cụm>", "/chuong-trinh/giao-uoc/1/"),
    ]
    client.force_login(people.ward_leader)
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert 'id="lien-quan"' in page and "Liên quan" in page
    assert f'<a href="/chuong-trinh/{m.pk}/">Chương trình phối hợp số 7/CTPH</a>' in page
    assert "Giao ước thi đua năm 2021 &lt;cụm&gt;" in page  # labels are escaped
    assert page.count("Chương trình phối hợp số 7/CTPH") == 1
    assert 'id="lien-quan"' not in client.get(f"/hoi-nghi/{other.pk}/").content.decode()


def test_it_shows_no_section_once_the_provider_is_gone(client, tree, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=dt.date(2021, 1, 7), number=7)
    client.force_login(people.ward_leader)
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "Chương trình phối hợp số 7/CTPH" not in page
