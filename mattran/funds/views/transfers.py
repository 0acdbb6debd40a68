"""Transfers (điều tiết) between the funds of two levels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.web import form_error
from mattran.org.queries import subtree_ids

from .. import actions, forms
from ..models import Fund
from .common import _form_page, _fund


@login_required
def transfer(request, fund_id: int):
    fund = _fund(request, fund_id, "funds.post_entry")
    from mattran.org.queries import ancestors

    related = [u.pk for u in ancestors(fund.unit)]
    targets = Fund.objects.filter(unit_id__in=subtree_ids(fund.unit)).exclude(
        pk=fund.pk
    ) | Fund.objects.filter(unit_id__in=related)
    form = forms.TransferForm(request.POST or None, targets=targets.select_related("unit")[:500])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = get_object_or_404(Fund, pk=data.pop("target"))
        try:
            actions.do_transfer(acting_user=request.user, source=fund, target=target, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã điều tiết."))
            return redirect("funds:fund", fund.pk)
    return _form_page(
        request, form, title=_("Điều tiết từ %(fund)s") % {"fund": fund.name}, back="funds:index"
    )
