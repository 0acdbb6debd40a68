"""Every change to the organisation: units, reorganisations, member organisations, clusters, the official
divisions and a commune's residential areas.

Each ``do_*`` function authorises its actor first (``core.authz.authorize``), is atomic, locks the units it
changes, validates before writing, and writes an audit entry. Reorganisations have a ``plan_*`` twin
(``plans.py``) that validates and describes the change without writing anything; the wizard shows that
plan as the preview and ``do_*`` applies the same plan.

One module per topic; this package re-exports them, so ``from mattran.org import actions`` and
``actions.do_create_unit(...)`` work as before.
"""

from __future__ import annotations

from .agencies import do_create_agency, do_set_agency_active, do_update_agency
from .clusters import do_create_cluster, do_set_cluster_leadership
from .common import KIND_LEVELS, KIND_PREFIXES, full_name, same_name_exists
from .divisions import do_import_divisions
from .member_orgs import do_close_member_org, do_create_member_org, do_update_member_org
from .plans import ReorgPlan, plan_dissolve, plan_merge, plan_move, plan_rename, plan_split
from .reorganise import do_dissolve_unit, do_merge_units, do_move_unit, do_rename_unit, do_split_unit
from .residential import do_import_residential_areas
from .units import do_create_unit, do_update_unit

__all__ = [
    "KIND_LEVELS",
    "KIND_PREFIXES",
    "ReorgPlan",
    "do_close_member_org",
    "do_create_agency",
    "do_create_cluster",
    "do_create_member_org",
    "do_create_unit",
    "do_dissolve_unit",
    "do_import_divisions",
    "do_import_residential_areas",
    "do_merge_units",
    "do_move_unit",
    "do_rename_unit",
    "do_set_agency_active",
    "do_set_cluster_leadership",
    "do_split_unit",
    "do_update_agency",
    "do_update_member_org",
    "do_update_unit",
    "full_name",
    "plan_dissolve",
    "plan_merge",
    "plan_move",
    "plan_rename",
    "plan_split",
    "same_name_exists",
]
