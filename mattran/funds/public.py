"""Rate limiting and caching of the public pages (no login): a small per-IP counter in the cache.

Limits come from the setting FUNDS_PUBLIC_RATE = (requests, seconds), or else from the environment
variable FUNDS_PUBLIC_RATE ("120/60"; "off" turns the limit off, e.g. for a load test), default 120 per
60 s. The counter lives in the configured cache: set REDIS_URL when several server processes run, or
each process counts on its own. Behind a reverse proxy set the client address in REMOTE_ADDR (e.g. with
the proxy's real-IP module).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

DEFAULT_RATE = (120, 60)
MAX_AGE = 60
TOO_MANY = "Bạn tra cứu quá nhanh. Vui lòng đợi một phút rồi thử lại."


def rate() -> tuple[int, int] | None:
    """Return the (requests, seconds) limit per address, or None when the limit is off."""
    configured = getattr(settings, "FUNDS_PUBLIC_RATE", None)
    if configured is None:
        configured = os.environ.get("FUNDS_PUBLIC_RATE", "").strip().lower() or DEFAULT_RATE
    if isinstance(configured, str):
        if configured in {"off", "0", "none", "unlimited"}:
            return None
        requests, _, seconds = configured.partition("/")
        try:
            configured = (int(requests), int(seconds or 60))
        except ValueError:
            return DEFAULT_RATE
    limit, window = configured
    return (int(limit), int(window)) if limit and window else None


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope: str = "public") -> bool:
    """Count one request from the client's address; return whether it is within the limit."""
    configured = rate()
    if configured is None:
        return True
    limit, window = configured
    bucket = int(time.time() // window)
    key = f"funds:rate:{scope}:{client_ip(request)}:{bucket}"
    if cache.add(key, 1, window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window + 1)
        return True
    return count <= limit


def too_many(window: int | None = None) -> HttpResponse:
    window = window or (rate() or DEFAULT_RATE)[1]
    response = HttpResponse(TOO_MANY, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(window)
    return response


def public_page(view):
    """Serve a public page: rate-limited per address, cacheable by browsers and proxies for a minute."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not allow(request):
            return too_many()
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


def public_json(request, data: dict) -> HttpResponse:
    """Answer a public API call with ``data`` as JSON, cacheable for a minute, with an ETag.

    The body is what django-ninja would write for the same dict (``json.dumps`` with its defaults), so
    the lean path and the declared schema give byte-identical JSON. A request whose ``If-None-Match``
    holds the ETag gets 304 Not Modified and no body.
    """
    body = json.dumps(data).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
