"""Who may do what with funds, as named predicates (tested as a table in tests/funds/test_rules.py).

Funds belong to a unit: its editors post to its funds (never to a parent's or a sibling's), anyone in
the unit's subtree above reads them; the public portal needs no rule (it shows published data only).
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit
from mattran.org.models import Unit


@rules.predicate
def reaches_readable_unit(user, disbursement) -> bool:
    """The support went to a unit, or to households of a unit, that the user reads.

    A house or a gift paid from a higher level's fund (the province's relief fund, say) is also the
    business of the ward whose households received it: the ward reads the disbursement, not the fund.
    """
    if disbursement is None:
        return False
    if disbursement.recipient_unit_id and can_read_unit.test(user, disbursement.recipient_unit):
        return True
    if disbursement.beneficiary_id and can_read_unit.test(user, disbursement.beneficiary):
        return True
    unit_ids = set(disbursement.shares.values_list("beneficiary__unit_id", flat=True).distinct()[:20])
    return any(can_read_unit.test(user, unit) for unit in Unit.objects.filter(pk__in=unit_ids))


@rules.predicate
def can_read_fund_of(user, disbursement) -> bool:
    return disbursement is not None and can_read_unit.test(user, disbursement.fund)


rules.add_perm("funds.view_fund", can_read_unit)
rules.add_perm("funds.view_disbursement", can_read_fund_of | reaches_readable_unit)
rules.add_perm("funds.manage_fund", can_write_unit)
rules.add_perm("funds.post_entry", can_write_unit)
rules.add_perm("funds.import_statement", can_write_unit)
rules.add_perm("funds.manage_beneficiaries", can_write_unit)
# A house's progress is reported by the unit that paid for it (its fund's unit), like its ledger.
rules.add_perm("funds.update_house", can_write_unit)
