"""Who may read and record supervision and social criticism (tested as a table in tests/oversight/test_rules.py).

Everything belongs to the unit that supervises or criticises (``obj.unit``): the unit and the levels above
it read (a province reads its communes, another province sees nothing), the unit's editors record (a
commune's editors also record for its residential areas, which hold the QĐ 218 evaluations). The persons a
supervision names are shown only to the unit's editors, and each such read is audited
(``oversight.actions.do_read_subject_persons``). The public sees only what a unit publishes, through the
public pages, which need no permission.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit

rules.add_perm("oversight.view", can_read_unit)
rules.add_perm("oversight.manage", can_write_unit)
rules.add_perm("oversight.view_persons", can_write_unit)
