"""The unread-notifications count for the bell in every page's header (counted only when the page shows the bell)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .notifications import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
