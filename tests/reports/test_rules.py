"""Report permissions as a table: role × relation × action."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

# persona, unit attribute of `tree`, permission, expected
TABLE = [
    ("ward_editor", "commune", "reports.enter", True),
    ("ward_editor", "village", "reports.enter", True),
    ("ward_editor", "sibling", "reports.enter", False),
    ("ward_editor", "district", "reports.enter", False),
    ("ward_leader", "commune", "reports.enter", False),
    ("ward_leader", "commune", "reports.view", True),
    ("ward_admin", "commune", "reports.approve", False),
    ("ward_admin", "village", "reports.approve", True),
    ("district_admin", "commune", "reports.approve", True),
    ("district_admin", "commune", "reports.enter", False),
    ("district_leader", "commune", "reports.approve", False),
    ("district_leader", "commune", "reports.view", True),
    ("province_admin", "commune", "reports.approve", False),
    ("province_admin", "district", "reports.approve", True),
    ("province_admin", "commune", "reports.enter", False),
    ("province_admin", "commune", "reports.reopen", False),
    ("outsider", "commune", "reports.view", False),
    ("outsider", "commune", "reports.approve", False),
    ("superuser", "commune", "reports.approve", True),
]


@pytest.mark.parametrize(("persona", "target", "perm", "expected"), TABLE)
def test_it_grants_report_rights_by_role_and_relation(
    tree, people, district_admin, persona, target, perm, expected
):
    user = district_admin if persona == "district_admin" else getattr(people, persona)
    assert user.has_perm(perm, getattr(tree, target)) is expected
