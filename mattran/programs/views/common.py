"""What the programs views share: the user's unit, and running one action from a form or a button."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import form_error
from mattran.meetings.models import Meeting
from mattran.org.history import acts_for
from mattran.org.models import Unit
from mattran.people.models import Person

F = TypeVar("F", bound=forms.Form)
V = TypeVar("V", bound=Callable[..., HttpResponse])


def command(page: str) -> Callable[[V], V]:
    """The view of one command: it takes a POST. Anything else at its URL — a reload, or a link copied
    after a form came back with its errors — goes to the page the command belongs to (the URL name
    ``page``, which takes the same arguments)."""

    def decorate(view: V) -> V:
        @wraps(view)
        def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                return redirect(page, *args, **kwargs)
            return view(request, *args, **kwargs)

        return cast(V, run)

    return decorate


def own_unit(request: HttpRequest) -> Unit | None:
    profile = profile_of(request.user)
    return profile.unit if profile else None


def acting_as(request: HttpRequest, units: Iterable[Unit]) -> Unit | None:
    """The unit the user acts as among ``units`` (a cluster's members, an agreement's parties): the user's
    own unit, or the former unit it carries (the Hà Nội of 2023 for the new Hà Nội); else the own unit."""
    unit = own_unit(request)
    if unit is None:
        return None
    candidates = list(units)
    for candidate in candidates:
        if candidate.pk == unit.pk:
            return candidate
    for candidate in candidates:
        if acts_for(unit.pk, candidate):
            return candidate
    return unit


def require_acting_as(request: HttpRequest, units: Iterable[Unit]) -> Unit:
    """As ``acting_as``, or a refusal for an account placed in no unit."""
    unit = acting_as(request, units)
    if unit is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return unit


def require_own_unit(request: HttpRequest) -> Unit:
    """The user's unit, or a refusal for an account placed in no unit (it can act for none)."""
    unit = own_unit(request)
    if unit is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return unit


def submit(
    request: HttpRequest,
    form: F,
    call: Callable[[F], Any],
    *,
    done: Callable[[Any], str],
    page: Callable[[F], HttpResponse],
    success: str = "",
) -> HttpResponse:
    """Run one action with a valid form (``call(form)``) and redirect to ``done(result)``; otherwise show
    ``page`` with the form and its errors (the action's message beside the field it names). A refusal
    stays a 403."""
    if form.is_valid():
        try:
            result = call(form)
        except PermissionDenied:
            raise
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success or _("Đã lưu."))
            return redirect(done(result))
    return page(form)


def press(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    back: str,
    done: Callable[[Any], str] | None = None,
    success: str = "",
) -> HttpResponse:
    """Run one action from a button; on success go to ``done(result)`` (else back to the page), on a
    refusal of the input go back with its message. A refusal for lack of permission stays a 403."""
    try:
        result = call()
    except PermissionDenied:
        raise
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, success or _("Đã lưu."))
    return redirect(done(result) if done is not None else back)


def meetings_of(unit_ids: Iterable[int], year: int | None = None) -> QuerySet[Meeting]:
    """Meetings of the units (in the year and the one before, when given): where a signing or review took place."""
    qs = Meeting.objects.filter(unit_id__in=unit_ids).select_related("unit", "term")
    if year:
        qs = qs.filter(starts_at__year__in=[year - 1, year])
    return qs.order_by("-starts_at")


def award_persons(request: HttpRequest, persons: Iterable[Person | None]) -> set[int]:
    """Ids of the persons whose award history the user may open (the pages link only to those)."""
    return {
        p.pk for p in persons if p is not None and request.user.has_perm("programs.view_person_awards", p)
    }
