"""The to-do provider of citizens' cases (core.todo): what the user's unit must classify, forward, answer,
tell the citizen — overdue first. Counted per step, in one grouped query."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N

from mattran.core.authz import profile_of
from mattran.core.todo import TodoItem, register

from .models import Case, Status

SECTION = N("Tiếng nói nhân dân")

STEPS = {
    Status.RECEIVED: N("Phân loại %(n)s vụ việc mới tiếp nhận"),
    Status.CLASSIFIED: N("Chuyển hoặc trả lời %(n)s vụ việc đã phân loại"),
    Status.FORWARDED: N("Đôn đốc trả lời %(n)s vụ việc đã chuyển"),
    Status.ANSWERED: N("Thông báo kết quả cho người dân: %(n)s vụ việc"),
}


def provider(user: Any) -> list[TodoItem]:
    profile = profile_of(user)
    if profile is None or profile.role not in ("admin", "editor"):
        return []
    today = timezone.localdate()
    base = Case.objects.filter(unit_id=profile.unit_id, status__in=list(STEPS))
    url = reverse("petitions:index")
    items = []
    for overdue in (True, False):
        rows = (
            (base.filter(due_on__lt=today) if overdue else base.exclude(due_on__lt=today))
            .values("status")
            .annotate(n=Count("id"), first=Min("due_on"))
        )
        for row in rows:
            title = _(STEPS[row["status"]]) % {"n": row["n"]}
            if overdue:
                title = _("Quá hạn: %(t)s") % {"t": title}
            query = f"?trang_thai={row['status']}" + ("&qua_han=1" if overdue else "")
            items.append(
                TodoItem(
                    title=title,
                    url=url + query,
                    section=_(SECTION),
                    due=row["first"],
                    count=row["n"],
                    overdue=overdue,
                )
            )
    return items


register("petitions", provider)
