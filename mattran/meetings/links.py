"""Records of other apps linked to a meeting, shown as the "Liên quan" section of the meeting page.

Mirrors ``news.register_section``: another app (programs, for the programs, agreements and awards decided
at a meeting) registers a function taking the meeting and returning ``(label, url)`` pairs, usually from
its AppConfig.ready(). The meeting page lists every pair in registration order.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Meeting

Link = tuple[str, str]
Provider = Callable[[Meeting], list[Link]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Let another app list its records linked to a meeting (usable as a decorator)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    """Remove a provider (for tests that register one of their own)."""
    if provider in _PROVIDERS:
        _PROVIDERS.remove(provider)


def links_for(meeting: Meeting) -> list[Link]:
    """Every registered app's (label, url) items for the meeting."""
    out: list[Link] = []
    for provider in _PROVIDERS:
        out.extend((str(label), str(url)) for label, url in provider(meeting) or ())
    return out


# The page where an editor ties a campaign of a higher app to the meeting (set by that app, if installed).
_ATTACH: list[Callable[[Meeting], str]] = []


def register_attach(url_for: Callable[[Meeting], str]) -> None:
    """Let the app of campaigns offer its "attach a campaign" page for a meeting's editors."""
    _ATTACH[:] = [url_for]


def attach_url(meeting: Meeting) -> str:
    return _ATTACH[0](meeting) if _ATTACH else ""
