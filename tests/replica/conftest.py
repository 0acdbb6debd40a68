"""The replica tests run against a real PostgreSQL hot standby (scripts/pg-standby.sh, started by
scripts/test.sh): DATABASE_URL names the primary, DATABASE_REPLICA_URL the standby. Without them they are
skipped, saying why.

The test database is created on the primary by pytest-django as usual and reaches the standby by
streaming replication; the ``replica`` alias, a test mirror of ``default`` for Django (never created or
flushed), is pointed back at the standby with the test database's name once it exists."""

from __future__ import annotations

import os
import time

import dj_database_url
import pytest
from django.db import connections

from mattran.core import replica


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DATABASE_REPLICA_URL"):
        return
    skip = pytest.mark.skip(
        reason="no streaming replica: scripts/test.sh starts one (scripts/pg-standby.sh) and sets "
        "DATABASE_REPLICA_URL; it needs PostgreSQL's server binaries"
    )
    for item in items:
        if "tests/replica/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    if not os.environ.get("DATABASE_REPLICA_URL"):
        return
    standby = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    primary = connections["default"].settings_dict
    connections["replica"].close()
    connections["replica"].settings_dict = {
        **primary,
        "HOST": standby["HOST"],
        "PORT": standby["PORT"],
        "OPTIONS": {"connect_timeout": 2},
        "TEST": {"MIRROR": "default"},
    }
    with django_db_blocker.unblock():
        caught_up()


def caught_up(timeout: float = 30) -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while True:
        try:
            with connections["replica"].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                if cursor.fetchone()[0]:
                    return
        except Exception:  # noqa: BLE001 — the test database may not have reached the standby yet
            connections["replica"].close()
        if time.monotonic() > deadline:
            raise AssertionError("the standby did not catch up within 30 s")
        time.sleep(0.05)


@pytest.fixture(autouse=True)
def fresh_replica_state():
    replica.forget_state()
    yield
    replica.forget_state()
