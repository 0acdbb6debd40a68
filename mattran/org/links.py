"""What the other apps offer on a unit's page ("Ghi hội nghị", "Quỹ", "Báo cáo 6 tháng"…).

org sits below the domain apps, so they register here (from their ``AppConfig.ready()``) a function taking
the user and the unit and returning ``(label, url)`` pairs the user may follow — each provider checks its
own permission, so a page never links to a page the user may not open. A former unit's page offers the
same work to its successor's staff, for the days it existed (org.history).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Unit

Link = tuple[str, str]
Provider = Callable[[Any, Unit], list[Link]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Let another app offer its work on a unit's page (usable as a decorator)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    """Remove a provider (for tests that register one of their own)."""
    if provider in _PROVIDERS:
        _PROVIDERS.remove(provider)


def links_for(user: Any, unit: Unit) -> list[Link]:
    """Every registered app's (label, url) items for the unit, in registration order."""
    out: list[Link] = []
    for provider in _PROVIDERS:
        out.extend((str(label), str(url)) for label, url in provider(user, unit) or ())
    return out
