"""The org records the examples need (as the org demo makes them), the meetings, then our demo; and a small
cluster built through the actions for the scoring and vote tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from mattran.meetings import demo as meetings_demo
from mattran.org import actions as org_actions
from mattran.org.divisions import ensure_central
from mattran.org.models import EmulationCluster, Level, MemberOrgKind, Unit, UnitKind
from mattran.people import demo as people_demo
from mattran.programs import actions
from mattran.programs import demo as programs_demo
from mattran.programs.models import AwardKind
from tests.conftest import SYSTEM, make, make_user


def _orgs(unit: Unit, label: str) -> None:
    for kind, name, short in [
        (MemberOrgKind.TRADE_UNION, f"Liên đoàn Lao động {label}", "LĐLĐ"),
        (MemberOrgKind.VETERANS, f"Hội Cựu chiến binh {label}", "Hội CCB"),
        (MemberOrgKind.WOMEN, f"Hội Liên hiệp Phụ nữ {label}", "Hội LHPN"),
        (MemberOrgKind.YOUTH, f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {label}", "Quận Đoàn"),
    ]:
        org_actions.do_create_member_org(
            acting_user=SYSTEM, unit=unit, kind=kind, name=name, short_name=short
        )


@pytest.fixture
def examples(real_units):
    """Everything the org, people and meetings demos create for the three articles, then our demo."""
    _orgs(real_units("legacy", Level.DISTRICT, "305"), "quận Lê Chân")
    _orgs(real_units("legacy", Level.DISTRICT, "002"), "quận Hoàn Kiếm")
    five = [real_units("legacy", Level.PROVINCE, code) for code in ("01", "79", "31", "48", "92")]
    for year, leader in ((2023, five[2]), (2024, five[4])):
        org_actions.do_create_cluster(
            acting_user=SYSTEM,
            name=meetings_demo.CLUSTER_NAME,
            year=year,
            organiser=ensure_central(),
            members=five,
            leader=leader,
        )
    people_demo.load()
    meetings_demo.load()
    return programs_demo.load()


@dataclass
class Cluster:
    """Five communes of one district in a cluster for the current year; commune A leads, B is deputy."""

    cluster: EmulationCluster
    units: list[Unit]
    editors: list
    leaders: list
    district_editor: object
    outsider: object

    @property
    def leader(self) -> Unit:
        return self.units[0]


@pytest.fixture
def small_cluster(tree, django_user_model) -> Cluster:
    units = [tree.commune, tree.sibling] + [
        make(tree.district, name, UnitKind.COMMUNE) for name in ("Cường", "Dũng", "Em")
    ]
    cluster = org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua các xã",
        year=timezone.localdate().year,
        organiser=tree.district,
        members=units,
        leader=units[0],
        deputy=units[1],
    )
    editors = [make_user(f"xa{i}.canbo", u, "editor") for i, u in enumerate(units)]
    leaders = [make_user(f"xa{i}.lanhdao", u, "leader") for i, u in enumerate(units)]
    return Cluster(
        cluster=cluster,
        units=units,
        editors=editors,
        leaders=leaders,
        district_editor=make_user("huyen.canbo", tree.district, "editor"),
        outsider=make_user("ngoai.canbo", tree.other_commune, "editor"),
    )


def open_vote(
    c: Cluster, *, kind: str = "co-thi-dua", places: int = 2, candidates=None, minutes: int = 60, **kw
):
    return actions.do_open_peer_vote(
        c.cluster,
        acting_user=c.editors[0],
        award_kind=AwardKind.objects.get(code=kind),
        places=places,
        candidates=candidates if candidates is not None else c.units,
        closes_at=timezone.now() + dt.timedelta(minutes=minutes),
        awarding_body="Ủy ban MTTQ Việt Nam huyện",
        awarding_unit=c.cluster.organiser,
        **kw,
    )
