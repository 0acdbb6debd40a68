"""Every organisation action, ready to be called by an actor without the permission
(tests/core/test_every_action_authorises.py): the records it needs are made by the system actor of the
tests on the small test tree; the call is refused for an editor of another province, an anonymous user and
no actor at all, and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from mattran.org import actions
from mattran.org.imports import HEADERS
from mattran.org.models import (
    Agency,
    AgencyKind,
    EmulationCluster,
    MemberOrganization,
    MemberOrgKind,
    Structure,
    UnitKind,
)
from tests.conftest import SYSTEM

Call = Callable[[Any], object]
DAY = dt.date(2025, 7, 1)


def _sheet() -> bytes:
    """A sheet of residential areas with one good row."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append(["Tây", "Thôn", "T-01", ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _member_org(w: Any) -> MemberOrganization:
    return actions.do_create_member_org(
        acting_user=SYSTEM, unit=w.tree.commune, kind=MemberOrgKind.FARMERS, name="Hội Nông dân xã An"
    )


def _cluster(w: Any) -> EmulationCluster:
    return actions.do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua số 1",
        year=2025,
        organiser=w.tree.district,
        members=[w.tree.commune, w.tree.sibling],
        leader=w.tree.commune,
    )


def _merge(w: Any) -> Call:
    units = [w.tree.commune, w.tree.sibling]
    return lambda actor: actions.do_merge_units(
        units, acting_user=actor, date=DAY, new_short_name="An Bình", new_kind=UnitKind.COMMUNE
    )


def _split(w: Any) -> Call:
    parts = [
        {"short_name": "An Thượng", "kind": UnitKind.COMMUNE, "children": [w.tree.village.pk]},
        {"short_name": "An Hạ", "kind": UnitKind.COMMUNE, "children": []},
    ]
    return lambda actor: actions.do_split_unit(w.tree.commune, acting_user=actor, date=DAY, parts=parts)


def _update_member_org(w: Any) -> Call:
    org = _member_org(w)
    return lambda actor: actions.do_update_member_org(org, acting_user=actor, name="Hội Nông dân xã An mới")


def _close_member_org(w: Any) -> Call:
    org = _member_org(w)
    return lambda actor: actions.do_close_member_org(org, acting_user=actor, date=DAY)


def _leadership(w: Any) -> Call:
    cluster = _cluster(w)
    return lambda actor: actions.do_set_cluster_leadership(
        cluster, acting_user=actor, leader=w.tree.sibling, deputy=w.tree.commune
    )


def _agency(w) -> Agency:
    return actions.do_create_agency(
        acting_user=SYSTEM,
        unit=w.tree.commune,
        name="Ủy ban nhân dân xã An",
        kind=AgencyKind.PEOPLES_COMMITTEE,
    )


def _update(w):
    agency = _agency(w)
    return lambda actor: actions.do_update_agency(
        agency, acting_user=actor, name="UBND xã An", kind=AgencyKind.PEOPLES_COMMITTEE
    )


def _retire(w):
    agency = _agency(w)
    return lambda actor: actions.do_set_agency_active(agency, acting_user=actor, active=False)


CASES: dict[str, Callable[[Any], Call]] = {
    # --- units and reorganisations ---
    "do_create_unit": lambda w: (
        lambda actor: actions.do_create_unit(
            acting_user=actor, parent=w.tree.commune, short_name="Tây", kind=UnitKind.VILLAGE
        )
    ),
    "do_update_unit": lambda w: (
        lambda actor: actions.do_update_unit(w.tree.commune, acting_user=actor, code="A-1", notes="Ghi chú")
    ),
    "do_merge_units": _merge,
    "do_split_unit": _split,
    "do_move_unit": lambda w: (
        lambda actor: actions.do_move_unit(
            w.tree.village, acting_user=actor, new_parent=w.tree.sibling, date=DAY
        )
    ),
    "do_rename_unit": lambda w: (
        lambda actor: actions.do_rename_unit(w.tree.commune, acting_user=actor, short_name="Phú Mỹ", date=DAY)
    ),
    "do_dissolve_unit": lambda w: (
        lambda actor: actions.do_dissolve_unit(w.tree.village, acting_user=actor, date=DAY)
    ),
    # --- imports ---
    "do_import_divisions": lambda w: (
        lambda actor: actions.do_import_divisions(structure=Structure.LEGACY, acting_user=actor)
    ),
    "do_import_residential_areas": lambda w: (
        lambda actor: actions.do_import_residential_areas(
            acting_user=actor, commune=w.tree.commune, data=_sheet()
        )
    ),
    # --- member organisations and clusters ---
    "do_create_member_org": lambda w: (
        lambda actor: actions.do_create_member_org(
            acting_user=actor, unit=w.tree.commune, kind=MemberOrgKind.WOMEN, name="Hội Phụ nữ xã An"
        )
    ),
    "do_update_member_org": _update_member_org,
    "do_close_member_org": _close_member_org,
    "do_create_cluster": lambda w: (
        lambda actor: actions.do_create_cluster(
            acting_user=actor,
            name="Cụm thi đua số 2",
            year=2025,
            organiser=w.tree.district,
            members=[w.tree.commune, w.tree.sibling],
        )
    ),
    "do_set_cluster_leadership": _leadership,
    # the directory of competent bodies
    "do_create_agency": lambda w: (
        lambda actor: actions.do_create_agency(
            acting_user=actor, unit=w.tree.commune, name="Công an xã An", kind=AgencyKind.POLICE
        )
    ),
    "do_update_agency": lambda w: _update(w),
    "do_set_agency_active": lambda w: _retire(w),
}
