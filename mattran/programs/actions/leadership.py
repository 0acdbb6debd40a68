"""The cluster leader's flag handed to next year's leader at the cluster's year-end conference."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.meetings.models import Meeting
from mattran.org import actions as org_actions
from mattran.org.models import EmulationCluster, Unit
from mattran.people.models import Person

from ..models import LeadershipHandover
from .common import field_text


def _check_handover(
    cluster: EmulationCluster, next_cluster: EmulationCluster, handed_on: dt.date, meeting: Meeting | None
) -> None:
    if next_cluster.year != cluster.year + 1:
        raise ActionError(_("Cụm nhận bàn giao phải là cụm của năm sau."), field="next_cluster")
    if LeadershipHandover.objects.filter(from_cluster=cluster).exists():
        raise ActionError(
            _("Cụm năm %(year)s đã bàn giao cờ cụm trưởng.") % {"year": cluster.year},
            code="duplicate",
            status=409,
        )
    if meeting is not None and meeting.date != handed_on:
        raise ActionError(_("Ngày bàn giao phải là ngày của hội nghị."), field="handed_on")
    if meeting is not None and meeting.cluster_id not in (None, cluster.pk):
        raise ActionError(_("Hội nghị không phải của cụm này."), field="meeting")


@transaction.atomic
def do_hand_over_leadership(
    cluster: EmulationCluster,
    *,
    acting_user: Actor,
    next_cluster: EmulationCluster,
    leader: Unit,
    deputy: Unit | None = None,
    handed_on: dt.date,
    meeting: Meeting | None = None,
    handed_by: Person | None = None,
    handed_by_title: str = "",
    received_by: Person | None = None,
    received_by_title: str = "",
) -> LeadershipHandover:
    """Hand the leader's flag to next year's leader at the cluster's meeting and set next year's leadership
    (through the organisation's action, which checks the leader and deputy are members)."""
    authorize(acting_user, "programs.lead_cluster", cluster)
    cluster = lock(cluster, related=["leader", "organiser"])
    _check_handover(cluster, next_cluster, handed_on, meeting)
    handed_by_title = field_text(LeadershipHandover, "handed_by_title", handed_by_title)
    received_by_title = field_text(LeadershipHandover, "received_by_title", received_by_title)
    org_actions.do_set_cluster_leadership(next_cluster, acting_user=acting_user, leader=leader, deputy=deputy)
    handover = LeadershipHandover.objects.create(
        from_cluster=cluster,
        to_cluster=next_cluster,
        from_unit=cluster.leader,
        to_unit=leader,
        to_deputy=deputy,
        meeting=meeting,
        handed_on=handed_on,
        handed_by=handed_by,
        handed_by_title=handed_by_title,
        received_by=received_by,
        received_by_title=received_by_title,
    )
    audit.record(
        "programs.hand_over_leadership", actor=acting_user, unit=cluster.organiser, obj=handover,
        after=audit.snapshot(handover),
    )  # fmt: skip
    return handover
