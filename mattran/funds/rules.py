"""Who may do what with funds, as named predicates (tested as a table in tests/funds/test_rules.py).

Funds belong to a unit: its editors post to its funds (never to a parent's or a sibling's), anyone in
the unit's subtree above reads them; the public portal needs no rule (it shows published data only).
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from mattran.accounts.rules import can_read_unit, can_write_unit, profile_of
from mattran.org.models import Unit
from mattran.org.queries import scope_q, subtree_ids

from .models import Fund


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
    profile = profile_of(user)
    return (
        profile is not None
        and disbursement.shares.filter(beneficiary__unit_id__in=subtree_ids(profile.unit_id)).exists()
    )


def funds_in_scope(user: Any) -> QuerySet[Fund]:
    """Funds a user may read: everything for a superuser, else their own subtree's."""
    qs = Fund.objects.select_related("unit")
    if user.is_superuser:
        return qs
    profile = profile_of(user)
    if profile is None:
        return qs.none()
    return qs.filter(unit__in=Unit.objects.filter(scope_q(profile.unit_id)))


def visible_shares(user, disbursement):
    """The households of a disbursement the user may see: all of them for a reader of the fund; else only
    those of the user's own area (a ward reading a province-wide gift sees its households, not its
    neighbours' lists of poor households)."""
    shares = disbursement.shares.all()
    if can_read_fund_of.test(user, disbursement):
        return shares
    profile = profile_of(user)
    if profile is None:
        return shares.none()
    return shares.filter(beneficiary__unit_id__in=subtree_ids(profile.unit_id))


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
