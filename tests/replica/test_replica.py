"""A real read replica: public reads (no session, no token, GET) go to the hot standby, everything else to the
primary; when the standby lags beyond DATABASE_REPLICA_MAX_LAG or cannot be reached, public reads go to the
primary, and the public pages stay correct throughout."""

from __future__ import annotations

import time

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mattran.funds.actions import do_create_fund
from mattran.funds.models import FundKind
from tests.conftest import SYSTEM

from .conftest import caught_up

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def _fund(unit, name: str):
    return do_create_fund(acting_user=SYSTEM, unit=unit, kind=FundKind.RELIEF, name=name, public=True)


def _read(client: Client, path: str, **extra):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as standby,
    ):
        response = client.get(path, **extra)
    return response, len(primary.captured_queries), len(standby.captured_queries)


def _standby(sql: str) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)


def test_public_pages_read_from_the_replica_and_show_what_the_primary_wrote(tree) -> None:
    fund = _fund(tree.commune, "Quỹ Cứu trợ bão số 3")
    caught_up()
    response, on_primary, on_standby = _read(Client(), "/quy/cong-khai/")
    assert response.status_code == 200 and "Quỹ Cứu trợ bão số 3" in response.content.decode()
    assert on_standby > 0 and on_primary == 0
    # the same page as the primary serves it to a logged-in reader
    assert Client().get("/quy/cong-khai/").content == response.content
    assert fund.pk


def test_the_anonymous_api_reads_from_the_replica(tree) -> None:
    _fund(tree.commune, "Quỹ Vì người nghèo")
    caught_up()
    response, on_primary, on_standby = _read(
        Client(), "/api/v1/funds/public/statement-lines", data={"q": "ung ho"}
    )
    assert response.status_code == 200
    assert on_standby > 0 and on_primary == 0


def test_logged_in_and_writing_requests_use_the_primary(tree, people) -> None:
    client = Client()
    client.force_login(people.ward_editor)
    response, on_primary, on_standby = _read(client, "/quy/cong-khai/")
    assert response.status_code == 200 and on_standby == 0 and on_primary > 0
    response, on_primary, on_standby = _read(Client(), "/quy/cong-khai/", HTTP_AUTHORIZATION="Bearer mt_x")
    assert on_standby == 0


def test_a_lagging_replica_is_left_for_the_primary_until_it_catches_up(tree, settings) -> None:
    settings.DATABASE_REPLICA_MAX_LAG = 0.5
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    _fund(tree.commune, "Quỹ Đền ơn đáp nghĩa")
    caught_up()
    _standby("SELECT pg_wal_replay_pause()")
    try:
        _fund(tree.commune, "Quỹ Vì biển, đảo Việt Nam")  # written while the standby replays nothing
        time.sleep(1.2)
        response, on_primary, on_standby = _read(Client(), "/quy/cong-khai/")
        page = response.content.decode()
        assert (
            "Quỹ Vì biển, đảo Việt Nam" in page and "Quỹ Đền ơn đáp nghĩa" in page
        )  # correct: from the primary
        assert on_primary > 0 and on_standby == 1  # only the lag check reached the standby
    finally:
        _standby("SELECT pg_wal_replay_resume()")
    caught_up()
    response, on_primary, on_standby = _read(Client(), "/quy/cong-khai/")
    assert "Quỹ Vì biển, đảo Việt Nam" in response.content.decode()
    assert on_standby > 1 and on_primary == 0


def test_an_unreachable_replica_is_left_for_the_primary(tree, settings) -> None:
    _fund(tree.commune, "Quỹ Cứu trợ lũ")
    caught_up()
    standby = connections["replica"]
    real = standby.settings_dict
    standby.close()
    standby.settings_dict = {**real, "PORT": "8799"}  # nothing listens there: the replica is down
    try:
        started = time.monotonic()
        response = Client().get("/quy/cong-khai/")
        assert time.monotonic() - started < 5
        assert response.status_code == 200 and "Quỹ Cứu trợ lũ" in response.content.decode()
    finally:
        standby.close()
        standby.settings_dict = real
