"""Emulation clusters (cụm, khối thi đua): members, leader and deputy for a year."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import ClusterMembership, EmulationCluster, Unit


def _validate_cluster(members: Sequence[Unit], leader: Unit | None, deputy: Unit | None) -> None:
    if len(members) < 2:
        raise ActionError(_("Cụm thi đua cần ít nhất hai đơn vị."), field="members")
    if len({u.level_id for u in members}) > 1:
        raise ActionError(
            _("Các đơn vị trong một cụm thi đua phải cùng cấp."), code="mixed_levels", field="members"
        )
    ids = {u.pk for u in members}
    if leader and leader.pk not in ids:
        raise ActionError(_("Cụm trưởng phải là thành viên của cụm."), field="leader")
    if deputy and deputy.pk not in ids:
        raise ActionError(_("Cụm phó phải là thành viên của cụm."), field="deputy")
    if leader and deputy and leader.pk == deputy.pk:
        raise ActionError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."), field="deputy")


@transaction.atomic
def do_create_cluster(
    *,
    acting_user: Actor,
    name: str,
    year: int,
    organiser: Unit,
    members: Sequence[Unit],
    leader: Unit | None = None,
    deputy: Unit | None = None,
    kind: str = EmulationCluster.Kind.CLUSTER,
    notes: str = "",
) -> EmulationCluster:
    """Create an emulation cluster for a year with its member units, leader and deputy."""
    authorize(acting_user, "org.manage_clusters", organiser)
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên cụm thi đua."), field="name")
    if not 1990 <= year <= 2100:
        raise ActionError(_("Năm không hợp lệ."), field="year")
    members = list(dict.fromkeys(members))
    _validate_cluster(members, leader, deputy)
    if EmulationCluster.objects.filter(name=name, year=year).exists():
        raise ActionError(
            _("Đã có %(name)s năm %(year)s.") % {"name": name, "year": year},
            code="duplicate_name",
            field="name",
        )
    cluster = EmulationCluster.objects.create(
        name=name, year=year, organiser=organiser, leader=leader, deputy=deputy, kind=kind, notes=notes
    )
    ClusterMembership.objects.bulk_create([ClusterMembership(cluster=cluster, unit=u) for u in members])
    audit.record(
        "org.create_cluster",
        actor=acting_user,
        unit=organiser,
        obj=cluster,
        after={**audit.snapshot(cluster), "members": [u.pk for u in members]},
    )
    return cluster


@transaction.atomic
def do_set_cluster_leadership(
    cluster: EmulationCluster, *, acting_user: Actor, leader: Unit | None, deputy: Unit | None
) -> EmulationCluster:
    """Set a cluster's leader and deputy for its year."""
    authorize(acting_user, "org.set_cluster_leadership", cluster)
    cluster = EmulationCluster.objects.select_for_update().get(pk=cluster.pk)
    _validate_cluster(list(cluster.members.all()), leader, deputy)
    before = audit.snapshot(cluster, ["leader_id", "deputy_id"])
    cluster.leader, cluster.deputy = leader, deputy
    cluster.save(update_fields=["leader", "deputy"])
    audit.record(
        "org.set_cluster_leadership",
        actor=acting_user,
        unit=cluster.organiser,
        obj=cluster,
        before=before,
        after=audit.snapshot(cluster, ["leader_id", "deputy_id"]),
    )
    return cluster
