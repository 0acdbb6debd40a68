"""The notifications page (read, mark read) and the working calendar's corrections (superusers)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from . import actions, workdays
from .errors import ActionError
from .models import DayOverride, Notification
from .web import fetch, form_error, id_param, paginate, require


@login_required
@require_GET
def notifications(request):
    notices = Notification.objects.filter(recipient=request.user)
    page = paginate(request, notices, 30)
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    if request.POST.get("all"):
        actions.do_mark_notifications_read(acting_user=request.user, all_unread=True)
        return redirect("core:notifications")
    notice = fetch(request, Notification, id_param(request.POST.get("id")), "core.read_notification")
    actions.do_mark_notifications_read([notice], acting_user=request.user)
    if notice.url.startswith("/") and not notice.url.startswith("//"):
        return redirect(notice.url)
    return redirect("core:notifications")


class OverrideForm(forms.Form):
    date = forms.DateField(label=_l("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_l("Loại"), choices=DayOverride.Kind.choices)
    reason = forms.CharField(label=_l("Căn cứ"), max_length=300)


@login_required
def calendar(request):
    require(request, "core.manage_calendar")
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_day_override(acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật lịch làm việc."))
            return redirect("core:calendar")
    year = dt.date.today().year
    overrides = DayOverride.objects.filter(date__year__gte=year - 1)
    holidays = [
        (day, workdays.is_working_day(day))
        for day in sorted(workdays._statutory(year) | workdays._statutory(year + 1))
    ]
    context = {"form": form, "overrides": overrides, "holidays": holidays}
    return render(request, "core/calendar.html", context)


@login_required
@require_POST
def calendar_remove(request, override_id: int):
    override = fetch(request, DayOverride, override_id, "core.manage_calendar")
    actions.do_remove_day_override(override, acting_user=request.user)
    messages.success(request, _("Đã bỏ ngày điều chỉnh."))
    return redirect("core:calendar")
