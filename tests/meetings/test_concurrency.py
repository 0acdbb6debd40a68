"""Two cadres recording the same show of hands at once: one result, one clear conflict, no double change.

Kept in its own module, named to run before the tests that load the real divisions, because a
transactional test empties the database when it ends.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import close_old_connections, connection

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.meetings import actions
from mattran.meetings.models import Vote
from mattran.people.models import Membership
from tests.meetings.test_votes import _hiep_thuong

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


# SQLite's in-memory test database shares one cache between threads: row locks need PostgreSQL.
@pytest.mark.skipif(not ON_POSTGRES, reason="hai phiên ghi đồng thời cần PostgreSQL (select_for_update)")
@pytest.mark.django_db(transaction=True)
def test_it_lets_only_one_of_two_cadres_record_the_same_vote(tree, people):
    t, members, m, item, newcomers, vote = _hiep_thuong(tree)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def record(cadre, votes_for: int) -> None:
        try:
            barrier.wait(timeout=10)
            actions.do_record_vote(
                Vote.objects.get(pk=vote.pk),
                acting_user=cadre,
                votes_for=votes_for,
                votes_against=9 - votes_for,
            )
            results.append("ok")
        except ActionError as exc:
            results.append(exc.code)
        finally:
            close_old_connections()
            connection.close()

    cadres = [(people.ward_editor, 9), (people.ward_admin, 8)]
    threads = [threading.Thread(target=record, args=args) for args in cadres]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(results) == ["already_recorded", "ok"]
    assert Membership.objects.filter(started_by_meeting=m).count() == 2
    assert Membership.objects.filter(ended_by_meeting=m).count() == 2
    assert AuditEntry.objects.filter(action="meetings.record_vote").count() == 1
