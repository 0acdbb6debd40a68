"""The directory of competent bodies' actions for tests/core/test_every_action_authorises.py."""

from __future__ import annotations

from mattran.org import actions
from mattran.org.models import Agency, AgencyKind
from tests.conftest import SYSTEM


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


CASES = {
    "do_create_agency": lambda w: (
        lambda actor: actions.do_create_agency(
            acting_user=actor, unit=w.tree.commune, name="Công an xã An", kind=AgencyKind.POLICE
        )
    ),
    "do_update_agency": lambda w: _update(w),
    "do_set_agency_active": lambda w: _retire(w),
}
