"""Reads of the public side from a streaming replica; everything else from the primary.

A request is *public* when it is a safe method (GET, HEAD) and carries neither a session cookie nor an
``Authorization`` header: the public portal's pages and the anonymous API. Its reads go to the ``replica``
database alias while the replica answers and its replay lags at most ``DATABASE_REPLICA_MAX_LAG`` seconds;
otherwise — no replica configured, the replica down or behind — they go to the primary. Writes always go
to the primary. The replica's state is checked at most every ``DATABASE_REPLICA_CHECK_SECONDS`` per process.
A public request whose replica fails in the middle is answered again from the primary (it only reads).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("mattran_use_replica", default=False)


class _State:
    """What this process last learnt about the replica."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = 0.0
        self.usable = False
        self.reason = ""


_state = _State()


def configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag() -> float:
    """Seconds the replica's replay is behind (0 when it has replayed all it received)."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
            " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
            " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END,"
            " pg_is_wal_replay_paused()"
            if connections[REPLICA].vendor == "postgresql"
            else "SELECT 0, 0"
        )
        lag, paused = cursor.fetchone()
    lag = float(lag or 0)
    if paused and lag == 0:
        # Replay paused with nothing waiting yet: not behind now, but it will not catch up either.
        return 0.0
    return lag


def replica_usable(*, now: float | None = None) -> bool:
    """Whether public reads may go to the replica now (cached per process for a few seconds)."""
    if not configured():
        return False
    now = time.monotonic() if now is None else now
    if now - _state.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return _state.usable
    with _state.lock:
        if now - _state.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
            return _state.usable
        try:
            lag = replica_lag()
        except DatabaseError as exc:
            _set(
                False, f"unreachable: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}", now
            )
            _close_replica()
        else:
            if lag > settings.DATABASE_REPLICA_MAX_LAG:
                _set(False, f"lagging {lag:.1f} s", now)
            else:
                _set(True, "", now)
    return _state.usable


def _set(usable: bool, reason: str, now: float) -> None:
    if usable != _state.usable or reason != _state.reason:
        if usable:
            logger.info("Replica back in use for public reads.")
        else:
            logger.warning("Public reads go to the primary: replica %s.", reason)
    _state.usable, _state.reason, _state.checked_at = usable, reason, now


def forget_state() -> None:
    """Check the replica again at the next public request (tests; after a failover)."""
    _state.checked_at = 0.0


def mark_down(reason: str) -> None:
    _set(False, reason, time.monotonic())
    _close_replica()


def _close_replica() -> None:
    with contextlib.suppress(Exception):  # a dead connection may fail to close; it is dropped either way
        connections[REPLICA].close()


def is_public_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def reading_from_replica() -> bool:
    return _use_replica.get()


class ReplicaRouter:
    """Public requests read from the replica (when usable); all else reads and writes the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return REPLICA if _use_replica.get() else "default"

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db != REPLICA


class ReplicaRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (is_public_request(request) and replica_usable()):
            return self.get_response(request)
        token = _use_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The replica failed in the middle of a public read: mark it down and answer from the primary."""
        if not _use_replica.get() or not isinstance(exception, OperationalError | InterfaceError):
            return None
        mark_down(
            f"failed during a request: {str(exception).strip().splitlines()[0] if str(exception).strip() else exception!r}"
        )
        match = request.resolver_match
        if match is None:
            return None
        token = _use_replica.set(False)
        try:
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            return response
        finally:
            _use_replica.reset(token)


class _ReadConnection:
    """The connection raw SQL that only reads should use now: the replica's in a public request that reads
    from it, else the primary's (``from mattran.core.replica import read_connection as connection``)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(connections[REPLICA if _use_replica.get() else "default"], name)


read_connection = _ReadConnection()
