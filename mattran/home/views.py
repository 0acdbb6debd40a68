"""The audit log page: filter by unit (with its subtree), user, action and date."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from mattran.core.authz import profile_of
from mattran.core.models import AuditEntry
from mattran.core.web import paginate, require
from mattran.org import queries as org_queries
from mattran.org.models import Unit


class AuditFilter(forms.Form):
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    user = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    action = forms.CharField(
        label=_("Thao tác"),
        required=False,
        max_length=80,
        help_text=_("Ví dụ: org.merge_units, org.create_unit"),
    )
    since = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@login_required
def audit_log(request):
    form = AuditFilter(request.GET or None)
    profile = profile_of(request.user)
    unit = None
    if form.is_valid() and form.cleaned_data.get("unit"):
        unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"])
    elif profile is not None:
        unit = profile.unit
    elif not request.user.is_superuser:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    if unit is not None:
        require(request, "core.view_audit", unit)
    entries: QuerySet[AuditEntry] = AuditEntry.objects.select_related("actor", "unit", "content_type")
    if unit is not None:
        entries = org_queries.audit_in_subtree(unit, entries)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("user"):
            User = get_user_model()
            entries = entries.filter(actor__in=User.objects.filter(username__icontains=data["user"]))
        if data.get("action"):
            entries = entries.filter(action__startswith=data["action"].strip())
        if data.get("since"):
            entries = entries.filter(at__date__gte=data["since"])
        if data.get("until"):
            entries = entries.filter(at__date__lt=data["until"] + dt.timedelta(days=1))
    page = paginate(request, entries, 50)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request, "home/audit_log.html", {"form": form, "unit": unit, "page": page, "query": query.urlencode()}
    )
