"""Rate limiting and caching of the public pages (no login): a small per-IP counter in the cache.

Limits come from the setting FUNDS_PUBLIC_RATE = (requests, seconds), default 120 per 60 s. Behind a
reverse proxy set the client address in REMOTE_ADDR (e.g. with the proxy's real-IP module).
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

DEFAULT_RATE = (120, 60)
MAX_AGE = 60
TOO_MANY = "Bạn tra cứu quá nhanh. Vui lòng đợi một phút rồi thử lại."


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope: str = "public") -> bool:
    """Count one request from the client's address; return whether it is within the limit."""
    limit, window = getattr(settings, "FUNDS_PUBLIC_RATE", DEFAULT_RATE)
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
    window = window or getattr(settings, "FUNDS_PUBLIC_RATE", DEFAULT_RATE)[1]
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
