"""What the supervision actions share: locking an activity for a change, refusing a change to a closed
one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.locking import lock

from ...models import SupervisionActivity


def _lock_activity(activity: SupervisionActivity) -> SupervisionActivity:
    return lock(activity, related=["unit", "programme"])


def _require_open(activity: SupervisionActivity) -> None:
    if not activity.is_open:
        raise ActionError(
            _("Hoạt động giám sát đã kết luận hoặc không thực hiện; không thay đổi được nữa."),
            code="closed",
            status=409,
        )
