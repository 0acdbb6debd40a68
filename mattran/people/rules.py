"""Who may read and change persons, terms and committees (tested as a table in tests/people/test_rules.py).

A committee belongs to its unit: readers of the unit read it, editors of the unit change it.

A person's record is personal data (Decree 13/2023/NĐ-CP), read by need to know:
- the record itself (name, gender, occupation, posts) by readers of the unit that keeps it, of a unit on
  whose committee the person sits or sat, or of a unit whose meeting the person attended — their own unit
  and the units below it (an upper level reads its subtree); nobody else, whatever the id in the URL;
- the sensitive fields (birth year, ethnicity, religion, contact, private notes) only by the keeping unit's
  editors and administrators (who keep the record) and superusers; every such read is audited
  (``people.actions.do_read_sensitive``).
Member organisations have no accounts of their own yet; when they do, a clause for their own members
belongs here.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit, has_unit, is_superuser, profile_of
from mattran.org.models import Unit
from mattran.org.queries import scope_q


@rules.predicate
def person_in_readers_scope(user, person) -> bool:
    """The person is kept by, sits on a committee of, or attended a meeting of a unit the user reads."""
    profile = profile_of(user)
    if profile is None or person is None:
        return False
    readable = Unit.objects.filter(scope_q(profile.unit_id)).values("pk")
    if Unit.objects.filter(pk=person.unit_id, pk__in=readable).exists():
        return True
    if person.memberships.filter(unit__in=readable).exists():
        return True
    return person.guest_at.filter(meeting__unit__in=readable).exists()


rules.add_perm("people.view_committee", can_read_unit)
rules.add_perm("people.manage_committee", can_write_unit)
rules.add_perm("people.view_person", is_superuser | (has_unit & person_in_readers_scope))
rules.add_perm("people.change_person", can_write_unit)
# Birth year, ethnicity, religion, contact, private notes: the keeping unit's editors and administrators.
rules.add_perm("people.view_sensitive", can_write_unit)
rules.add_perm("people.view_contact", can_write_unit)  # the contact is one of the sensitive fields
