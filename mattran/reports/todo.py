"""The reports a user must enter, send or approve, for the home page's to-do list (core.todo)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.todo import TodoItem

from . import periods as P
from .models import EDITABLE_STATES, Submission, SubmissionState
from .queries import forms_for_unit, pending_approvals


def report_items(user: Any) -> list[TodoItem]:
    """The due period's reports of the user's unit still to enter or send, and its units' to approve."""
    profile = profile_of(user)
    if profile is None:
        return []
    unit = profile.unit
    today = timezone.localdate()
    section = _("Báo cáo")
    items: list[TodoItem] = []
    if user.has_perm("reports.enter", unit):
        for form in forms_for_unit(unit):
            period = P.Period.containing(form.period_kind, today).previous()
            sub = Submission.objects.filter(form=form, unit=unit, period_start=period.start).first()
            if sub is not None and sub.state not in EDITABLE_STATES:
                continue
            deadline = form.deadline(period)
            if sub is not None and sub.state == SubmissionState.RETURNED:
                title = _("Sửa và gửi lại báo cáo bị trả lại: %(form)s, %(period)s")
            elif sub is not None:
                title = _("Nhập xong và gửi báo cáo %(form)s, %(period)s")
            else:
                title = _("Nhập báo cáo %(form)s, %(period)s")
            items.append(
                TodoItem(
                    title=title % {"form": _without_kind(form.name), "period": period.display},
                    url=reverse("reports:entry", args=[unit.pk, form.code, period.key]),
                    section=section,
                    due=deadline,
                    overdue=today > deadline,
                )
            )
    waiting = list(pending_approvals(unit)[:200])
    approvable = [s for s in waiting if user.has_perm("reports.approve", s)]
    if approvable:
        oldest = min(s.deadline for s in approvable)
        items.append(
            TodoItem(
                title=_("Duyệt %(n)s báo cáo của đơn vị cấp dưới") % {"n": len(approvable)},
                url=reverse("reports:dashboard") + "#cho-duyet",
                section=section,
                due=oldest,
                count=len(approvable),
            )
        )
    return items


def _without_kind(name: str) -> str:
    """ "Báo cáo số liệu hằng tháng" read after "Nhập báo cáo": "số liệu hằng tháng" (no "báo cáo Báo cáo")."""
    return name[len("Báo cáo ") :] if name.startswith("Báo cáo ") else name
