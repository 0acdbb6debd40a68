"""Permissions of committees, persons and meetings as a table: persona × unit relation × permission."""

from __future__ import annotations

import pytest

from tests.people.factories import person

pytestmark = pytest.mark.django_db

# (persona, unit attribute of the tree, permission, allowed)
TABLE = [
    ("ward_editor", "commune", "meetings.record_meeting", True),
    ("ward_editor", "commune", "meetings.view_meeting", True),
    ("ward_editor", "village", "meetings.record_meeting", True),
    ("ward_editor", "sibling", "meetings.view_meeting", False),
    ("ward_editor", "district", "meetings.view_meeting", False),
    ("ward_admin", "commune", "meetings.publish_news", True),
    ("ward_leader", "commune", "meetings.view_meeting", True),
    ("ward_leader", "commune", "meetings.record_meeting", False),
    ("ward_leader", "commune", "people.manage_committee", False),
    ("district_leader", "commune", "people.view_committee", True),
    ("district_leader", "commune", "people.manage_committee", False),
    ("district_leader", "district", "meetings.record_meeting", False),
    ("province_admin", "province", "people.manage_committee", True),
    ("province_admin", "commune", "meetings.view_meeting", True),
    ("province_admin", "commune", "meetings.record_meeting", False),
    ("outsider", "commune", "meetings.view_meeting", False),
    ("outsider", "commune", "people.view_committee", False),
    ("superuser", "commune", "meetings.record_meeting", True),
]


@pytest.mark.parametrize(("persona", "where", "perm", "allowed"), TABLE)
def test_it_grants_meeting_and_committee_permissions_by_role_and_relation(
    tree, people, persona, where, perm, allowed
):
    assert getattr(people, persona).has_perm(perm, getattr(tree, where)) is allowed


@pytest.mark.parametrize(
    ("persona", "perm", "allowed"),
    [
        ("ward_editor", "people.view_contact", True),
        ("ward_editor", "people.change_person", True),
        ("ward_leader", "people.view_contact", False),
        ("district_leader", "people.view_person", True),
        ("district_leader", "people.view_contact", False),
        ("outsider", "people.view_person", False),
        ("outsider", "people.change_person", False),
    ],
)
def test_it_keeps_a_persons_contact_to_the_unit_that_keeps_the_record(tree, people, persona, perm, allowed):
    p = person(tree.commune, "Lê Văn Tám", contact="0912 000 111")
    assert getattr(people, persona).has_perm(perm, p) is allowed
