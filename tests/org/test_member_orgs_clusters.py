"""Member organisations and emulation clusters: create, change, close, with the audit and clean refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry
from mattran.org.actions import (
    do_close_member_org,
    do_create_cluster,
    do_create_member_org,
    do_set_cluster_leadership,
    do_update_member_org,
)
from mattran.org.models import (
    ClusterMembership,
    EmulationCluster,
    MemberOrganization,
    MemberOrgKind,
    UnitKind,
)
from tests.conftest import SYSTEM, make, make_user
from tests.org.dbstate import unchanged

# --- member organisations -------------------------------------------------------------------------------


@pytest.fixture
def farmers(tree, people):
    return do_create_member_org(
        acting_user=people.ward_editor,
        unit=tree.commune,
        kind=MemberOrgKind.FARMERS,
        name=" Hội  Nông dân xã An ",
        short_name="HND",
        is_direct=True,
        valid_from=dt.date(2020, 1, 1),
    )


def test_it_creates_a_member_organisation_with_an_audit_entry(tree, people, farmers):
    org = MemberOrganization.objects.get(pk=farmers.pk)

    assert (org.unit, org.kind, org.name, org.short_name, org.is_direct) == (
        tree.commune,
        MemberOrgKind.FARMERS,
        "Hội Nông dân xã An",
        "HND",
        True,
    )
    assert (org.valid_from, org.valid_to) == (dt.date(2020, 1, 1), None)
    entry = AuditEntry.objects.get(action="org.create_member_org")
    assert (entry.unit, entry.actor, entry.object_id, entry.object_repr) == (
        tree.commune,
        people.ward_editor,
        str(org.pk),
        "Hội Nông dân xã An",
    )
    assert entry.before is None
    assert entry.after["name"] == "Hội Nông dân xã An" and entry.after["unit"] == "Xã An"


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        ("hoi_khac", "Hội Người cao tuổi", "Loại tổ chức thành viên không hợp lệ."),
        (MemberOrgKind.OTHER, "   ", "Nhập tên tổ chức."),
        (MemberOrgKind.FARMERS, "Hội Nông dân xã An", "Xã An đã có tổ chức Hội Nông dân xã An."),
        (MemberOrgKind.OTHER, "hội Nông dân xã an", "Xã An đã có tổ chức hội Nông dân xã an."),
    ],
)
def test_it_refuses_a_bad_member_organisation(tree, people, farmers, kind, name, message):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_member_org(acting_user=people.ward_editor, unit=tree.commune, kind=kind, name=name)

    assert exc.value.message == message


def test_it_allows_the_same_name_in_another_unit_or_after_the_first_closed(tree, people, farmers):
    other = do_create_member_org(
        acting_user=SYSTEM, unit=tree.sibling, kind=MemberOrgKind.FARMERS, name="Hội Nông dân xã An"
    )
    do_close_member_org(farmers, acting_user=SYSTEM, date=dt.date(2025, 7, 1))
    again = do_create_member_org(
        acting_user=SYSTEM, unit=tree.commune, kind=MemberOrgKind.FARMERS, name="Hội Nông dân xã An"
    )

    assert other.unit == tree.sibling
    assert MemberOrganization.objects.filter(unit=tree.commune, name="Hội Nông dân xã An").count() == 2
    assert again.valid_to is None


def test_it_updates_a_member_organisation_with_before_and_after(tree, people, farmers):
    do_update_member_org(
        farmers, acting_user=people.ward_admin, name="Hội Nông dân phường An", short_name="", is_direct=False
    )

    org = MemberOrganization.objects.get(pk=farmers.pk)
    assert (org.name, org.short_name, org.is_direct) == ("Hội Nông dân phường An", "", False)
    entry = AuditEntry.objects.get(action="org.update_member_org")
    assert entry.actor == people.ward_admin
    assert (entry.before["name"], entry.after["name"]) == ("Hội Nông dân xã An", "Hội Nông dân phường An")
    assert (entry.before["is_direct"], entry.after["is_direct"]) == (True, False)
    assert ("tên", "Hội Nông dân xã An", "Hội Nông dân phường An") in entry.changes


def test_it_refuses_to_rename_a_member_organisation_to_a_taken_or_empty_name(tree, farmers):
    women = do_create_member_org(
        acting_user=SYSTEM, unit=tree.commune, kind=MemberOrgKind.WOMEN, name="Hội Liên hiệp Phụ nữ xã An"
    )

    with unchanged(), pytest.raises(ActionError, match="Xã An đã có tổ chức Hội Nông dân xã An."):
        do_update_member_org(women, acting_user=SYSTEM, name="Hội Nông dân xã An")
    with unchanged(), pytest.raises(ActionError, match="Nhập tên tổ chức."):
        do_update_member_org(women, acting_user=SYSTEM, name="")
    # Keeping its own name is not a clash.
    do_update_member_org(women, acting_user=SYSTEM, name="Hội Liên hiệp Phụ nữ xã An", is_direct=True)
    assert MemberOrganization.objects.get(pk=women.pk).is_direct


def test_it_closes_a_member_organisation_once(tree, people, farmers):
    do_close_member_org(farmers, acting_user=people.ward_admin, date=dt.date(2025, 7, 1))

    assert MemberOrganization.objects.get(pk=farmers.pk).valid_to == dt.date(2025, 7, 1)
    entry = AuditEntry.objects.get(action="org.close_member_org")
    assert (entry.before["valid_to"], entry.after["valid_to"]) == (None, "2025-07-01")
    with unchanged(), pytest.raises(ActionError) as exc:
        do_close_member_org(farmers, acting_user=people.ward_admin, date=dt.date(2025, 8, 1))
    assert (exc.value.code, exc.value.status, exc.value.message) == (
        "closed",
        409,
        "Tổ chức này đã thôi là thành viên.",
    )


@pytest.mark.parametrize("day", [dt.date(2020, 1, 1), dt.date(2019, 6, 1)])
def test_it_refuses_to_close_a_member_organisation_before_it_started(farmers, day):
    with unchanged(), pytest.raises(ActionError, match="Ngày thôi phải sau ngày bắt đầu."):
        do_close_member_org(farmers, acting_user=SYSTEM, date=day)


# --- emulation clusters ---------------------------------------------------------------------------------


@pytest.fixture
def third(tree):
    return make(tree.district, "Cẩm", UnitKind.COMMUNE)


@pytest.fixture
def district_admin(tree):
    """The organiser's administrator: the district organises the cluster of its communes."""
    return make_user("huyen.quantri", tree.district, "admin")


@pytest.fixture
def cluster(tree, district_admin, third):
    return do_create_cluster(
        acting_user=district_admin,
        name=" Cụm  thi đua số 1 ",
        year=2025,
        organiser=tree.district,
        members=[tree.commune, tree.sibling, third, tree.commune],
        leader=tree.commune,
        deputy=tree.sibling,
        notes="Luân phiên hằng năm",
    )


def test_it_creates_a_cluster_with_its_members_and_leadership(tree, district_admin, third, cluster):
    c = EmulationCluster.objects.get(pk=cluster.pk)

    assert (c.name, c.year, c.kind, c.organiser, c.leader, c.deputy, c.notes) == (
        "Cụm thi đua số 1",
        2025,
        EmulationCluster.Kind.CLUSTER,
        tree.district,
        tree.commune,
        tree.sibling,
        "Luân phiên hằng năm",
    )
    assert set(c.members.all()) == {tree.commune, tree.sibling, third}
    assert ClusterMembership.objects.filter(cluster=c).count() == 3
    entry = AuditEntry.objects.get(action="org.create_cluster")
    assert (entry.unit, entry.actor) == (tree.district, district_admin)
    assert sorted(entry.after["members"]) == sorted([tree.commune.pk, tree.sibling.pk, third.pk])
    assert (entry.after["leader"], entry.after["deputy"]) == ("Xã An", "Xã Bình")


@pytest.mark.parametrize(
    ("members", "leader", "deputy", "message"),
    [
        (["commune", "district"], None, None, "Các đơn vị trong một cụm thi đua phải cùng cấp."),
        (["commune", "village"], "commune", None, "Các đơn vị trong một cụm thi đua phải cùng cấp."),
        (["commune", "sibling"], "third", None, "Cụm trưởng phải là thành viên của cụm."),
        (["commune", "sibling"], "commune", "third", "Cụm phó phải là thành viên của cụm."),
        (["commune", "sibling"], "commune", "commune", "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."),
        (["commune"], None, None, "Cụm thi đua cần ít nhất hai đơn vị."),
        (["commune", "commune"], None, None, "Cụm thi đua cần ít nhất hai đơn vị."),
    ],
)
def test_it_refuses_a_bad_cluster(tree, third, members, leader, deputy, message):
    units = {"third": third, **vars(tree)}

    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_cluster(
            acting_user=SYSTEM,
            name="Cụm mới",
            year=2025,
            organiser=tree.district,
            members=[units[m] for m in members],
            leader=units.get(leader),
            deputy=units.get(deputy),
        )

    assert exc.value.message == message


@pytest.mark.parametrize(
    ("name", "year", "message"),
    [
        ("  ", 2025, "Nhập tên cụm thi đua."),
        ("Cụm mới", 1989, "Năm không hợp lệ."),
        ("Cụm mới", 2101, "Năm không hợp lệ."),
        ("Cụm thi đua số 1", 2025, "Đã có Cụm thi đua số 1 năm 2025."),
    ],
)
def test_it_refuses_a_cluster_without_a_name_a_valid_year_or_with_a_taken_name(
    tree, cluster, name, year, message
):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_cluster(
            acting_user=SYSTEM,
            name=name,
            year=year,
            organiser=tree.district,
            members=[tree.commune, tree.sibling],
        )

    assert exc.value.message == message


def test_it_allows_the_same_cluster_name_in_another_year(tree, cluster):
    nxt = do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua số 1",
        year=2026,
        organiser=tree.district,
        members=[tree.commune, tree.sibling],
    )

    assert EmulationCluster.objects.filter(name="Cụm thi đua số 1").count() == 2
    assert (nxt.leader, nxt.deputy) == (None, None)


def test_it_hands_the_leadership_on(tree, district_admin, third, cluster):
    do_set_cluster_leadership(cluster, acting_user=district_admin, leader=third, deputy=tree.commune)

    c = EmulationCluster.objects.get(pk=cluster.pk)
    assert (c.leader, c.deputy) == (third, tree.commune)
    entry = AuditEntry.objects.get(action="org.set_cluster_leadership")
    assert entry.unit == tree.district and entry.actor == district_admin
    assert entry.before == {
        "leader_id": tree.commune.pk,
        "leader": "Xã An",
        "deputy_id": tree.sibling.pk,
        "deputy": "Xã Bình",
    }
    assert entry.after == {
        "leader_id": third.pk,
        "leader": "Xã Cẩm",
        "deputy_id": tree.commune.pk,
        "deputy": "Xã An",
    }
    assert ("cụm trưởng", "Xã An", "Xã Cẩm") in entry.changes


def test_it_clears_the_leadership(cluster):
    do_set_cluster_leadership(cluster, acting_user=SYSTEM, leader=None, deputy=None)

    c = EmulationCluster.objects.get(pk=cluster.pk)
    assert (c.leader, c.deputy) == (None, None)


@pytest.mark.parametrize(
    ("leader", "deputy", "message"),
    [
        ("other_commune", None, "Cụm trưởng phải là thành viên của cụm."),
        ("sibling", "sibling", "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."),
        ("sibling", "village", "Cụm phó phải là thành viên của cụm."),
    ],
)
def test_it_refuses_a_bad_leadership(tree, cluster, leader, deputy, message):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_set_cluster_leadership(
            cluster,
            acting_user=SYSTEM,
            leader=getattr(tree, leader),
            deputy=getattr(tree, deputy) if deputy else None,
        )

    assert exc.value.message == message


def test_who_may_set_a_clusters_leadership(tree, people, district_admin, third, cluster):
    """The organiser's and the leader's administrators set it; the editors of the year before's leader hand
    it over (programs' handover at the year-end conference); a member's editor, the leader's editor of the
    same year and an outsider may not."""
    nxt = do_create_cluster(
        acting_user=SYSTEM,
        name=cluster.name,
        year=2026,
        organiser=tree.district,
        members=[tree.commune, third],
    )
    may = lambda user, c: user.has_perm("org.set_cluster_leadership", c)  # noqa: E731

    assert may(district_admin, cluster) and may(district_admin, nxt)
    assert may(people.ward_admin, cluster)  # the leader (Xã An)'s administrator
    assert not may(people.ward_editor, cluster)  # the leader's editor, same year
    assert may(people.ward_editor, nxt)  # Xã An led 2025: its editors hand 2026's flag over
    assert not may(people.outsider, cluster) and not may(people.outsider, nxt)
    assert not may(people.province_admin, cluster)
    with unchanged(), pytest.raises(PermissionDenied):
        do_set_cluster_leadership(cluster, acting_user=people.ward_editor, leader=third, deputy=None)
