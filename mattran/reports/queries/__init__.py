"""Live roll-ups over the hierarchy and over time, in SQL, and the reads the pages share.

A roll-up places each value in the hierarchy of its day (the closure rows that held then): a commune merged
away in 2025 keeps its figures of 2020 as its own, and they roll into its district and province of 2020.
For days before a group unit existed, the unit carries its predecessors' history through ``Unit.home``, so
in today's tree the same figures count exactly once under the successor.
Time is rolled up from the pre-aggregated ``ValueTotal`` rows of the requested period (a year reads one row
per unit), and the aggregation rule decides how the pieces combine:

* sum — totals add up over units and periods;
* avg — the mean of all values in the units and periods (Σ total / Σ n);
* last — per unit the latest value in the period, summed over units (a stock such as members);
* ratio — numerator ÷ denominator (each by its own rule) × factor, computed after aggregation.

The package's modules: rollups (the roll-up and its columns), sql (the queries it runs and the province
keys) and submissions (a unit's values, the forms it reports, completeness); all are importable from here, as is
``unit_children`` (org's ``children``, which the API reads through this module)."""

from mattran.org.queries import children as unit_children

from .rollups import (
    AS_OF,
    OWN,
    TODAY,
    Column,
    Rollup,
    children_for,
    form_indicators,
    rollup,
    rollup_form,
)
from .sql import (
    home_province_key,
    key_path_keeps_history,
    keyed_scope,
    stale_unit_keys,
)
from .submissions import (
    STATUS_LABELS,
    CompletenessRow,
    completeness,
    counts_by_status,
    forms_for_unit,
    pending_approvals,
    previous_values,
    reporting_children,
    status_of,
    submission_history,
    unit_values,
)

__all__ = [
    "unit_children",
    "stale_unit_keys",
    "home_province_key",
    "keyed_scope",
    "key_path_keeps_history",
    "OWN",
    "AS_OF",
    "TODAY",
    "Column",
    "Rollup",
    "rollup",
    "children_for",
    "rollup_form",
    "form_indicators",
    "unit_values",
    "previous_values",
    "forms_for_unit",
    "reporting_children",
    "CompletenessRow",
    "STATUS_LABELS",
    "status_of",
    "completeness",
    "submission_history",
    "pending_approvals",
    "counts_by_status",
]
