"""Award histories of a unit and of a person; recording the awarding body's decision; proposing an award
for a person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.web import fetch
from mattran.org.models import Unit
from mattran.org.queries import ancestors
from mattran.people.models import Person

from .. import actions, forms, queries
from ..models import AwardKind, AwardProposal, ProposalStatus
from .common import command, own_unit, require_own_unit, submit

DECIDE = "programs.decide_award"
PERSONS = Person.objects.select_related("unit")


def _pending(request: HttpRequest, proposals: list[AwardProposal]) -> list[AwardProposal]:
    """The proposals awaiting a decision that the user's unit records."""
    return [p for p in proposals if p.status == ProposalStatus.PROPOSED and request.user.has_perm(DECIDE, p)]


def _mark_meeting_links(request: HttpRequest, proposals: list[AwardProposal]) -> list[AwardProposal]:
    """Link a proposal's meeting only where the reader may open it (a cluster's meeting held elsewhere)."""
    for p in proposals:
        may_open = p.meeting_id is not None and request.user.has_perm("meetings.view_meeting", p.meeting)
        setattr(p, "meeting_open", may_open)  # noqa: B010 — a display flag, not a model field
    return proposals


def _decide(request: HttpRequest, proposal: AwardProposal, form: forms.DecisionForm) -> AwardProposal:
    return actions.do_record_award_decision(proposal, acting_user=request.user, **form.cleaned_data)


# --- a unit ---------------------------------------------------------------------------------------------


def _unit_page(request: HttpRequest, unit: Unit, form: forms.DecisionForm | None = None) -> HttpResponse:
    proposals = _mark_meeting_links(request, list(queries.award_history(unit=unit)))
    return render(
        request,
        "programs/unit_awards.html",
        {
            "unit": unit,
            "proposals": proposals,
            "pending": _pending(request, proposals),
            "form": form or forms.DecisionForm(),
        },
    )


@login_required
@require_safe
def unit_awards(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _unit_page(request, fetch(request, Unit, unit_id, "programs.view_awards"))


@login_required
@command("programs:unit_awards")
def unit_award_decision(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The awarding unit records its decision on one of the unit's proposals (chosen in the form)."""
    unit = fetch(request, Unit, unit_id, "programs.view_awards")
    proposal = fetch(request, AwardProposal.objects.filter(unit=unit), request.POST.get("proposal"), DECIDE)
    return submit(
        request,
        forms.DecisionForm(request.POST),
        lambda f: _decide(request, proposal, f),
        done=lambda _p: reverse("programs:unit_awards", args=[unit.pk]),
        page=lambda form: _unit_page(request, unit, form),
        success=_("Đã ghi quyết định khen thưởng."),
    )


# --- a person -------------------------------------------------------------------------------------------


def _propose_form(unit: Unit, post: Any = None) -> forms.PersonAwardForm:
    """The form of a proposal by ``unit``, to itself or a unit above it."""
    above = ancestors(unit, include_self=True)
    today = timezone.localdate()
    return forms.PersonAwardForm(
        post,
        kinds=AwardKind.objects.all(),
        awarding_units=Unit.objects.filter(pk__in=[u.pk for u in above])
        .select_related("level")
        .order_by("-depth"),
        initial={
            "year": today.year,
            "proposed_on": today,
            "awarding_unit": above[-2].pk if len(above) > 1 else None,
        },
    )


def _person_page(request: HttpRequest, person: Person, **posted: Any) -> HttpResponse:
    """The person's award history; ``posted`` is a form just sent, shown again with its errors."""
    proposals = _mark_meeting_links(request, list(queries.award_history(person=person)))
    today = timezone.localdate()
    signed = person.program_signatures.select_related("participant__program__unit")
    unit = own_unit(request)
    can_propose = unit is not None and request.user.has_perm("programs.propose_person_award", person)
    return render(
        request,
        "programs/person_awards.html",
        {
            "person": person,
            "title_today": "; ".join(
                f"{p.title} {p.organisation}".strip() for p in person.posts.all() if p.holds_on(today)
            ),
            "proposals": proposals,
            "pending": _pending(request, proposals),
            "form": forms.DecisionForm(),
            "propose_form": _propose_form(unit) if unit is not None and can_propose else None,
            "signed": signed.order_by("-participant__program__year"),
            **posted,
        },
    )


def _to_person(person: Person) -> str:
    return reverse("programs:person_awards", args=[person.pk])


@login_required
@require_safe
def person_awards(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's award history; the deciding unit records decisions, an editor's unit proposes an award."""
    return _person_page(request, fetch(request, PERSONS, person_id, "programs.view_person_awards"))


@login_required
@command("programs:person_awards")
def person_award_decision(request: HttpRequest, person_id: int) -> HttpResponse:
    person = fetch(request, PERSONS, person_id, "programs.view_person_awards")
    proposal = fetch(
        request, AwardProposal.objects.filter(person=person), request.POST.get("proposal"), DECIDE
    )
    return submit(
        request,
        forms.DecisionForm(request.POST),
        lambda f: _decide(request, proposal, f),
        done=lambda _p: _to_person(person),
        page=lambda form: _person_page(request, person, form=form),
        success=_("Đã ghi quyết định khen thưởng."),
    )


@login_required
@command("programs:person_awards")
def person_award_propose(request: HttpRequest, person_id: int) -> HttpResponse:
    """The user's unit proposes an award for the person to a unit above it."""
    person = fetch(request, PERSONS, person_id, "programs.propose_person_award")
    unit = require_own_unit(request)
    return submit(
        request,
        _propose_form(unit, request.POST),
        lambda f: actions.do_propose_award(
            acting_user=request.user, proposed_by=unit, person=person, **f.proposal()
        ),
        done=lambda _p: _to_person(person),
        page=lambda form: _person_page(request, person, propose_form=form),
        success=_("Đã ghi đề nghị khen thưởng."),
    )
