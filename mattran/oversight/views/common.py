"""What the oversight pages share: the permissions they check, the POST-only command decorator, the
user's own unit, and running an action from a form or a button."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import form_error
from mattran.org.models import Unit
from mattran.org.queries import central_unit

VIEW, MANAGE = "oversight.view", "oversight.manage"
V = TypeVar("V", bound=Callable[..., HttpResponse])


def command(page: str) -> Callable[[V], V]:
    """A command's view takes a POST; anything else at its URL goes back to its page."""

    def decorate(view: V) -> V:
        @wraps(view)
        def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                try:
                    return redirect(page, *args, **kwargs)
                except (NoReverseMatch, ValueError):  # the page takes another object than the command
                    return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return cast(V, run)

    return decorate


def _own_unit(request: HttpRequest) -> Unit:
    profile = profile_of(request.user)
    if profile is not None:
        return profile.unit
    central = central_unit() if request.user.is_superuser else None  # the superuser reads the whole tree
    if central is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return central


def _run(
    request: HttpRequest,
    form: django_forms.Form,
    call: Callable[[Any], Any],
    *,
    done: str,
    again: Callable[[django_forms.Form], HttpResponse],
    success: str = "",
) -> HttpResponse:
    """Run an action with a valid form and go to ``done``; else show the page again with the form's errors."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except PermissionDenied:
            raise
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success or _("Đã lưu."))
            return redirect(done)
    return again(form)


def _press(request: HttpRequest, call: Callable[[], Any], *, back: str, success: str = "") -> HttpResponse:
    try:
        call()
    except PermissionDenied:
        raise
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success or _("Đã lưu."))
    return redirect(back)
