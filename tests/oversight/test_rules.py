"""Who reads and records oversight: the unit's editors record, the levels above read, another province sees
nothing, the public sees only what is published (a table of persona × object × permission)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from . import helpers as h

pytestmark = pytest.mark.django_db

TABLE = [
    # persona, view, manage, view_persons
    ("ward_editor", True, True, True),
    ("ward_admin", True, True, True),
    ("ward_leader", True, False, False),
    ("district_leader", True, False, False),
    ("province_admin", True, False, False),
    ("outsider", False, False, False),
    ("superuser", True, True, True),
]


@pytest.mark.parametrize(("persona", "view", "manage", "persons"), TABLE)
def test_it_grants_by_role_and_place(tree, people, persona, view, manage, persons) -> None:
    user = getattr(people, persona)
    rec = h.recommendation(tree.commune)
    for obj in (rec, rec.activity, rec.activity.programme, h.draft(tree.commune)):
        assert user.has_perm("oversight.view", obj) is view, obj
        assert user.has_perm("oversight.manage", obj) is manage, obj
    assert user.has_perm("oversight.view_persons", rec.activity) is persons


def test_it_gives_the_anonymous_nothing(tree) -> None:
    rec = h.recommendation(tree.commune)
    assert not AnonymousUser().has_perm("oversight.view", rec)


def test_a_commune_records_its_residential_areas_evaluations(tree, people) -> None:
    assert people.ward_editor.has_perm("oversight.manage", tree.village)
    assert not people.ward_editor.has_perm("oversight.manage", tree.sibling)
    assert people.district_leader.has_perm("oversight.view", tree.village)
