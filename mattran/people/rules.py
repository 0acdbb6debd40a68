"""Who may read and change persons, terms and committees (tested as a table in tests/people/test_rules.py).

A committee belongs to its unit: readers of the unit read it, editors of the unit change it. A person's
record belongs to the unit that keeps it; only that unit's editors see the private contact.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit, has_unit

rules.add_perm("people.view_committee", can_read_unit)
rules.add_perm("people.manage_committee", can_write_unit)
# Names and public posts of persons (guests, members) are shown to every user with a unit.
rules.add_perm("people.view_person", rules.is_superuser | has_unit)
rules.add_perm("people.change_person", can_write_unit)
rules.add_perm("people.view_contact", can_write_unit)
