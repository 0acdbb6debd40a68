"""Cases for tests/core/test_every_action_authorises.py: people's actions, each refused for an outsider, an
anonymous user and no actor, changing nothing."""

from __future__ import annotations

from mattran.people import actions
from tests.conftest import SYSTEM


def _person(w):
    return actions.do_create_person(
        acting_user=SYSTEM, unit=w.tree.commune, full_name="Lê Văn Tám", religion="Phật giáo"
    )


CASES = {
    # --- sensitive personal data (hardening) ---
    "do_read_sensitive": lambda w: (lambda p: lambda actor: actions.do_read_sensitive(p, acting_user=actor))(
        _person(w)
    ),
    "do_read_sensitive_of_committee": lambda w: (
        lambda p: lambda actor: actions.do_read_sensitive_of_committee(w.tree.commune, [p], acting_user=actor)
    )(_person(w)),
}
