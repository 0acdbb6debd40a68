"""Who may read and record meetings and publish news (tested as a table in tests/meetings/test_rules.py).

A meeting belongs to its unit (the host unit for a cluster conference): readers of the unit read it,
editors of the unit record it and draft its news; publishing is an editor's act too, since the unit's
portal is theirs. Published news items are public and need no permission.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit

rules.add_perm("meetings.view_meeting", can_read_unit)
rules.add_perm("meetings.record_meeting", can_write_unit)
rules.add_perm("meetings.publish_news", can_write_unit)
