"""Correcting a ledger entry with a reversing entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.web import form_error, require

from .. import actions, forms
from ..models import LedgerEntry
from .common import _form_page


@login_required
def reverse_entry(request, entry_id: int):
    entry = get_object_or_404(LedgerEntry.objects.select_related("fund", "fund__unit"), pk=entry_id)
    require(request, "funds.post_entry", entry.fund)
    form = forms.ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_reverse_entry(
                acting_user=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi bút toán đảo."))
            return redirect("funds:fund", entry.fund_id)
    return _form_page(
        request,
        form,
        title=_("Đảo bút toán: %(entry)s") % {"entry": entry},
        back="funds:index",
        submit=_("Ghi bút toán đảo"),
    )
