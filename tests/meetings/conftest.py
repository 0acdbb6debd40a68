"""The org records the example articles need (as the org demo creates them), then our demo loaders."""

from __future__ import annotations

import pytest

from mattran.meetings import demo as meetings_demo
from mattran.org import actions as org_actions
from mattran.org.divisions import ensure_central
from mattran.org.models import Level, MemberOrgKind
from mattran.people import demo as people_demo
from tests.conftest import SYSTEM


@pytest.fixture
def examples(real_units):
    """Lê Chân's member organisations, the 2023 five-city cluster, then the three example meetings."""
    le_chan = real_units("legacy", Level.DISTRICT, "305")
    for kind, name, short in [
        (MemberOrgKind.TRADE_UNION, "Liên đoàn Lao động quận Lê Chân", "LĐLĐ"),
        (MemberOrgKind.VETERANS, "Hội Cựu chiến binh quận Lê Chân", "Hội CCB"),
        (MemberOrgKind.WOMEN, "Hội Liên hiệp Phụ nữ quận Lê Chân", "Hội LHPN"),
        (MemberOrgKind.YOUTH, "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận Lê Chân", "Quận Đoàn"),
    ]:
        org_actions.do_create_member_org(
            acting_user=SYSTEM, unit=le_chan, kind=kind, name=name, short_name=short
        )
    five = [real_units("legacy", Level.PROVINCE, code) for code in ("01", "79", "31", "48", "92")]
    org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name=meetings_demo.CLUSTER_NAME,
        year=2023,
        organiser=ensure_central(),
        members=five,
        leader=five[2],
    )
    done = people_demo.load() + meetings_demo.load()
    return done
