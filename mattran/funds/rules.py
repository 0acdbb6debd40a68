"""Who may do what with funds, as named predicates (tested as a table in tests/funds/test_rules.py).

Funds belong to a unit: its editors post to its funds (never to a parent's or a sibling's), anyone in
the unit's subtree above reads them; the public portal needs no rule (it shows published data only).
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit

rules.add_perm("funds.view_fund", can_read_unit)
rules.add_perm("funds.manage_fund", can_write_unit)
rules.add_perm("funds.post_entry", can_write_unit)
rules.add_perm("funds.import_statement", can_write_unit)
rules.add_perm("funds.manage_beneficiaries", can_write_unit)
# A house's progress is reported by the unit that paid for it (its fund's unit), like its ledger.
rules.add_perm("funds.update_house", can_write_unit)
