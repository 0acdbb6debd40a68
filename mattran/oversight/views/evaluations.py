"""The residential-area evaluations (QĐ 218): the unit's list with counts, opening one, and evaluating
persons in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import fetch, form_error, require
from mattran.org.models import Level, Unit

from .. import actions, forms, queries
from ..models import EvaluationResult, ResidentialEvaluation
from .common import MANAGE, VIEW, _own_unit

# --- residential-area evaluations (QĐ 218) -------------------------------------------------------------------


def _areas(unit: Unit) -> QuerySet[Unit]:
    """The unit itself when it is a residential area, else its residential areas open today."""
    if unit.is_residential:
        return Unit.objects.filter(pk=unit.pk)
    return Unit.objects.filter(parent=unit, level__code=Level.RESIDENTIAL, valid_to__isnull=True).order_by(
        "name"
    )


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    """The evaluations of the unit's residential areas, with their counts; editors open a new one here."""
    unit = _own_unit(request)
    require(request, VIEW, unit)
    form = forms.EvaluationForm(
        request.POST or None, areas=_areas(unit), initial={"year": timezone.localdate().year}
    )
    if request.method == "POST":
        require(request, MANAGE, unit)
        if form.is_valid():
            try:
                e = actions.do_open_evaluation(acting_user=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise
            except ActionError as exc:
                form_error(form, exc)
            else:
                return redirect("oversight:evaluation", e.pk)
    rows = (
        queries.in_subtree(ResidentialEvaluation.objects.all(), unit)
        .select_related("unit")
        .annotate(
            n=Count("entries"),
            party=Count("entries", filter=Q(entries__is_party_member=True)),
            faults=Count("entries", filter=Q(entries__result=EvaluationResult.SHORTCOMING)),
        )
        .order_by("-year", "unit__name")
    )
    ctx = {"unit": unit, "rows": rows, "form": form, "can_manage": request.user.has_perm(MANAGE, unit)}
    return render(request, "oversight/evaluations.html", ctx, status=400 if form.errors else 200)


@login_required
def evaluation(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    e = fetch(request, ResidentialEvaluation.objects.select_related("unit"), evaluation_id, VIEW)
    can_manage = request.user.has_perm(MANAGE, e)
    form = forms.EvaluatedForm(request.POST or None)
    if request.method == "POST":
        require(request, MANAGE, e)
        if form.is_valid():
            try:
                actions.do_evaluate_person(e, acting_user=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("oversight:evaluation", e.pk)
    ctx = {"evaluation": e, "entries": list(e.entries.all()), "form": form, "can_manage": can_manage}
    return render(request, "oversight/evaluation.html", ctx, status=400 if form.errors else 200)
