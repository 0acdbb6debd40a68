"""The user's to-do list: what each domain app says its user must do next.

Core knows no domain app, so the apps register providers here (in their ``AppConfig.ready()``) and
the home page asks them all. A provider takes the user and returns the items that user must act on:
reports to enter or approve, cases to answer, statements to import. Deadlines come first; an item
without a deadline comes after those that have one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Provider = Callable[[Any], "list[TodoItem]"]

_providers: dict[str, Provider] = {}


@dataclass(frozen=True)
class TodoItem:
    """One thing to do: a sentence in the user's words, where to do it, and when it is due."""

    title: str  # e.g. "Trả lời 3 kiến nghị quá hạn"
    url: str
    section: str  # the app's name as the menu shows it, e.g. "Tiếng nói nhân dân"
    due: dt.date | None = None
    count: int = 1
    overdue: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def register(name: str, provider: Provider) -> None:
    """Register (or replace) the provider called ``name``; apps call this from ``ready()``."""
    _providers[name] = provider


def items_for(user: Any) -> list[TodoItem]:
    """Every provider's items for the user: overdue first, then by due date, then undated."""
    items: list[TodoItem] = []
    for name in sorted(_providers):
        items.extend(_providers[name](user))
    far = dt.date.max
    return sorted(items, key=lambda i: (not i.overdue, i.due or far, i.section, i.title))
