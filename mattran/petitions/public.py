"""The public portal's guards: a per-address counter in the cache for submissions and for lookups.

Limits come from settings PETITIONS_SUBMIT_RATE (default 5 per hour) and PETITIONS_LOOKUP_RATE (default 30
per minute) as (requests, seconds); None turns a limit off. Set REDIS_URL when several processes serve.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULTS = {"submit": (5, 3600), "lookup": (30, 60)}


def limit(scope: str) -> tuple[int, int] | None:
    configured = getattr(settings, f"PETITIONS_{scope.upper()}_RATE", DEFAULTS[scope])
    if not configured:
        return None
    most, window = configured
    return int(most), int(window)


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one request of the client's address; whether it is within the limit."""
    configured = limit(scope)
    if configured is None:
        return True
    most, window = configured
    key = f"petitions:rate:{scope}:{request.META.get('REMOTE_ADDR', '') or 'unknown'}:{int(time.time() // window)}"
    if cache.add(key, 1, window + 1):
        return most >= 1
    try:
        return cache.incr(key) <= most
    except ValueError:
        cache.set(key, 1, window + 1)
        return True
