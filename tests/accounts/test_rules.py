"""The permission table: persona × how the target unit stands to the persona's unit × permission.

Intent (mattran/accounts/rules.py): a user writes within their own unit and its residential areas, reads
their own subtree, and sees nothing above or beside it; leaders only read; reorganising is for superusers,
or for a unit's administrators on the residential areas of their own unit; superusers may do anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from mattran.accounts.actions import do_set_active
from mattran.org.actions import do_merge_units
from mattran.org.models import Level, Structure, Unit, UnitKind
from tests.conftest import SYSTEM, make

PERMS = (
    "org.view_unit",
    "org.change_unit",
    "org.add_child_unit",
    "org.reorganise_unit",
    "org.manage_member_orgs",
    "core.view_audit",
    "accounts.manage_users",
)

T, F = True, False

# Columns: view · change · add child · reorganise · member orgs · view audit · manage users.
# A commune has no grandchild (residential areas are the lowest tier): the commune personas have no such row.
# fmt: off
TABLE = {
    # persona          relation          view chg  add  reorg mo  audit users
    ("ward_editor", "own"):            (T,   T,   T,   F,    T,  T,    F),
    ("ward_editor", "child"):          (T,   T,   T,   F,    T,  T,    F),
    ("ward_editor", "parent"):         (F,   F,   F,   F,    F,  F,    F),
    ("ward_editor", "sibling"):        (F,   F,   F,   F,    F,  F,    F),
    ("ward_editor", "other_province"): (F,   F,   F,   F,    F,  F,    F),
    ("ward_admin", "own"):             (T,   T,   T,   F,    T,  T,    T),
    ("ward_admin", "child"):           (T,   T,   T,   T,    T,  T,    T),
    ("ward_admin", "parent"):          (F,   F,   F,   F,    F,  F,    F),
    ("ward_admin", "sibling"):         (F,   F,   F,   F,    F,  F,    F),
    ("ward_admin", "other_province"):  (F,   F,   F,   F,    F,  F,    F),
    ("ward_leader", "own"):            (T,   F,   F,   F,    F,  T,    F),
    ("ward_leader", "child"):          (T,   F,   F,   F,    F,  T,    F),
    ("ward_leader", "parent"):         (F,   F,   F,   F,    F,  F,    F),
    ("ward_leader", "sibling"):        (F,   F,   F,   F,    F,  F,    F),
    ("ward_leader", "other_province"): (F,   F,   F,   F,    F,  F,    F),
    ("district_leader", "own"):        (T,   F,   F,   F,    F,  T,    F),
    ("district_leader", "child"):      (T,   F,   F,   F,    F,  T,    F),
    ("district_leader", "grandchild"): (T,   F,   F,   F,    F,  T,    F),
    ("district_leader", "parent"):     (F,   F,   F,   F,    F,  F,    F),
    ("district_leader", "sibling"):    (F,   F,   F,   F,    F,  F,    F),
    ("district_leader", "other_province"): (F, F, F,   F,    F,  F,    F),
    ("province_admin", "own"):         (T,   T,   T,   F,    T,  T,    T),
    ("province_admin", "child"):       (T,   F,   F,   F,    F,  T,    F),
    ("province_admin", "grandchild"):  (T,   F,   F,   F,    F,  T,    F),
    ("province_admin", "parent"):      (F,   F,   F,   F,    F,  F,    F),
    ("province_admin", "sibling"):     (F,   F,   F,   F,    F,  F,    F),
    ("province_admin", "other_province"): (F, F,  F,   F,    F,  F,    F),
    ("outsider", "own"):               (T,   T,   T,   F,    T,  T,    F),
    ("outsider", "child"):             (T,   F,   F,   F,    F,  T,    F),
    ("outsider", "grandchild"):        (T,   F,   F,   F,    F,  T,    F),
    ("outsider", "parent"):            (F,   F,   F,   F,    F,  F,    F),
    ("outsider", "sibling"):           (F,   F,   F,   F,    F,  F,    F),
    ("outsider", "other_province"):    (F,   F,   F,   F,    F,  F,    F),
    ("superuser", "own"):              (T,   T,   T,   T,    T,  T,    T),
    ("superuser", "child"):            (T,   T,   T,   T,    T,  T,    T),
    ("superuser", "grandchild"):       (T,   T,   T,   T,    T,  T,    T),
    ("superuser", "parent"):           (T,   T,   T,   T,    T,  T,    T),
    ("superuser", "sibling"):          (T,   T,   T,   T,    T,  T,    T),
    ("superuser", "other_province"):   (T,   T,   T,   T,    T,  T,    T),
}
# fmt: on


@dataclass
class World:
    """The conftest tree, a second district (the district's sibling) and a village in the other province."""

    tree: object
    second_district: Unit
    far_village: Unit

    def targets(self, persona: str) -> dict[str, Unit]:
        t = self.tree
        by_unit = {
            "commune": {
                "own": t.commune,
                "child": t.village,
                "parent": t.district,
                "sibling": t.sibling,
                "other_province": t.other_commune,
            },
            "district": {
                "own": t.district,
                "child": t.commune,
                "grandchild": t.village,
                "parent": t.province,
                "sibling": self.second_district,
                "other_province": t.other_commune,
            },
            "province": {
                "own": t.province,
                "child": t.district,
                "grandchild": t.commune,
                "parent": t.central,
                "sibling": t.other_province,
                "other_province": t.other_commune,
            },
            "other_province": {
                "own": t.other_province,
                "child": t.other_commune,
                "grandchild": self.far_village,
                "parent": t.central,
                "sibling": t.province,
                "other_province": t.commune,
            },
        }
        home = {
            "ward_editor": "commune",
            "ward_admin": "commune",
            "ward_leader": "commune",
            "district_leader": "district",
            "province_admin": "province",
            "outsider": "other_province",
            "superuser": "district",
        }[persona]
        return by_unit[home]


@pytest.fixture
def world(tree):
    return World(
        tree=tree,
        second_district=make(tree.province, "Hai", UnitKind.RURAL_DISTRICT),
        far_village=make(tree.other_commune, "Xa", UnitKind.VILLAGE),
    )


def test_it_covers_every_persona_and_relation():
    personas = {p for p, _ in TABLE}
    assert personas == {
        "ward_editor",
        "ward_admin",
        "ward_leader",
        "district_leader",
        "province_admin",
        "outsider",
        "superuser",
    }
    for persona in personas:
        relations = {r for p, r in TABLE if p == persona}
        expected = {"own", "child", "parent", "sibling", "other_province"}
        assert relations >= expected
        if not persona.startswith("ward_"):
            assert "grandchild" in relations


@pytest.mark.parametrize(("persona", "relation_name"), list(TABLE))
def test_it_grants_exactly_what_the_table_says(world, people, persona, relation_name):
    from mattran.org.queries import relation

    user = getattr(people, persona)
    target = world.targets(persona)[relation_name]
    if persona != "superuser":
        # The fixture really has the relation the row names.
        own = world.targets(persona)["own"]
        expected_relation = {"other_province": "other"}.get(relation_name, relation_name)
        assert relation(own, target) == expected_relation

    got = tuple(user.has_perm(perm, target) for perm in PERMS)

    assert dict(zip(PERMS, got, strict=True)) == dict(zip(PERMS, TABLE[persona, relation_name], strict=True))


@pytest.mark.parametrize("perm", PERMS)
def test_it_grants_nothing_to_a_user_without_a_profile(tree, django_user_model, perm):
    user = django_user_model.objects.create_user("khonghoso", password="Mat-khau-thu-2025!")

    assert not user.has_perm(perm, tree.commune)
    assert not user.has_perm(perm, tree.village)
    assert not AnonymousUser().has_perm(perm, tree.commune)


def test_it_lets_the_successors_staff_read_and_record_for_a_unit_merged_into_their_unit(tree, people):
    assert not people.ward_editor.has_perm("org.view_unit", tree.sibling)

    do_merge_units(
        [tree.commune, tree.sibling],
        acting_user=people.superuser,
        date=dt.date(2024, 3, 1),
        survivor=tree.commune,
    )
    sibling = Unit.objects.get(pk=tree.sibling.pk)

    assert people.ward_editor.has_perm("org.view_unit", sibling)
    assert people.ward_leader.has_perm("core.view_audit", sibling)
    # The successor's staff keep the merged unit's history: they record and correct for it (issue 19).
    assert people.ward_editor.has_perm("org.change_unit", sibling)
    assert people.ward_editor.has_perm("meetings.record_meeting", sibling)
    assert people.ward_editor.has_perm("funds.post_entry", sibling)
    # A leader still only reads; the parent's staff and another province's never write it.
    assert not people.ward_leader.has_perm("org.change_unit", sibling)
    assert not people.outsider.has_perm("org.view_unit", sibling)
    assert not people.outsider.has_perm("meetings.record_meeting", sibling)


@pytest.mark.divisions
def test_it_lets_a_user_of_a_2025_commune_keep_the_history_of_the_legacy_wards_merged_into_it(real_units):
    from tests.conftest import make_user

    bo_de = real_units(Structure.Y2025, Level.COMMUNE, "00118")
    ha_noi = real_units(Structure.Y2025, Level.PROVINCE, "01")
    ngoc_lam = real_units(Structure.LEGACY, Level.COMMUNE, "00133")
    le_chan = real_units(Structure.LEGACY, Level.DISTRICT, "305")
    ward_user = make_user("bode.canbo", bo_de, "editor")
    city_user = make_user("hanoi.lanhdao", ha_noi, "leader")

    assert ward_user.has_perm("org.view_unit", ngoc_lam)
    assert ward_user.has_perm("org.change_unit", ngoc_lam)
    for perm in ("meetings.record_meeting", "funds.post_entry", "reports.enter", "reports.write_review"):
        assert ward_user.has_perm(perm, ngoc_lam), perm
    assert not city_user.has_perm("meetings.record_meeting", ngoc_lam)  # a leader reads
    assert not ward_user.has_perm("meetings.record_meeting", le_chan)
    assert city_user.has_perm("org.view_unit", ngoc_lam)
    assert city_user.has_perm("org.view_unit", real_units(Structure.LEGACY, Level.PROVINCE, "01"))
    assert not ward_user.has_perm("org.view_unit", le_chan)
    assert not city_user.has_perm("org.view_unit", le_chan)
    assert not ward_user.has_perm("org.view_unit", ha_noi)


def test_it_judges_objects_by_their_unit(tree, people):
    from mattran.org.actions import do_create_member_org

    org = do_create_member_org(acting_user=SYSTEM, unit=tree.commune, kind="nong_dan", name="Hội Nông dân")
    far = do_create_member_org(acting_user=SYSTEM, unit=tree.sibling, kind="nong_dan", name="Hội Nông dân")

    assert people.ward_editor.has_perm("org.manage_member_orgs", org)
    assert not people.ward_editor.has_perm("org.manage_member_orgs", far)
    assert not people.ward_leader.has_perm("org.manage_member_orgs", org)


def test_it_grants_nothing_to_a_locked_user(tree, people):
    do_set_active(people.ward_editor, acting_user=people.ward_admin, active=False)
    people.ward_editor.refresh_from_db()

    assert not people.ward_editor.has_perm("org.view_unit", tree.commune)
    assert not people.ward_editor.has_perm("org.change_unit", tree.commune)
