"""The social-criticism pages: receiving a draft, its participants and points, sending it, the responses to
its points, publishing it and its document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.web import document_response, fetch, form_error, require

from .. import actions, documents, forms
from ..models import CriticismDraft, CriticismPoint, CriticismStatus
from .common import MANAGE, VIEW, _own_unit, _run, command

# --- social criticism ----------------------------------------------------------------------------------------


@login_required
def draft_create(request: HttpRequest) -> HttpResponse:
    unit = _own_unit(request)
    require(request, MANAGE, unit)
    form = forms.DraftForm(request.POST or None)

    def page(f: django_forms.Form) -> HttpResponse:
        return render(request, "oversight/form.html", {"form": f, "title": _("Nhận dự thảo để phản biện")},
                      status=400 if request.method == "POST" else 200)  # fmt: skip

    if request.method != "POST":
        return page(form)
    if form.is_valid():
        try:
            d = actions.do_receive_draft(acting_user=request.user, unit=unit, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ActionError as exc:
            form_error(form, exc)
        else:
            return redirect("oversight:draft", d.pk)
    return page(form)


def _draft_page(request: HttpRequest, d: CriticismDraft, **bound: Any) -> HttpResponse:
    ctx = {
        "draft": d,
        "points": list(d.points.all()),
        "participants": list(d.participants.all()),
        "can_manage": request.user.has_perm(MANAGE, d),
        "Status": CriticismStatus,
        "participant_form": forms.ParticipantForm(),
        "point_form": forms.PointForm(),
        "send_form": forms.SendForm(),
        "response_form": forms.ResponseForm(),
        "publish_form": forms.PublishForm(initial={"public_summary": d.public_summary}),
        **bound,
    }
    return render(request, "oversight/draft.html", ctx, status=400 if bound else 200)


@login_required
@require_safe
def draft(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _draft_page(request, fetch(request, CriticismDraft, draft_id, VIEW))


def _draft_step(
    name: str,
    make: Callable[[Any], django_forms.Form],
    call: Callable[[CriticismDraft, HttpRequest, dict], Any],
) -> Callable[..., HttpResponse]:
    @login_required
    @command("oversight:draft")
    def view(request: HttpRequest, draft_id: int) -> HttpResponse:
        d = fetch(request, CriticismDraft, draft_id, MANAGE)
        return _run(
            request,
            make(request.POST),
            lambda data: call(d, request, data),
            done=reverse("oversight:draft", args=[d.pk]),
            again=lambda f: _draft_page(request, d, **{name: f}),
        )

    return view


draft_participant = _draft_step(
    "participant_form", forms.ParticipantForm,
    lambda d, r, data: actions.do_add_criticism_participant(d, acting_user=r.user, **data),
)  # fmt: skip
draft_point = _draft_step(
    "point_form",
    forms.PointForm,
    lambda d, r, data: actions.do_add_criticism_point(d, acting_user=r.user, **data),
)
draft_send = _draft_step(
    "send_form", forms.SendForm, lambda d, r, data: actions.do_send_criticism(d, acting_user=r.user, **data)
)
draft_publish = _draft_step(
    "publish_form", forms.PublishForm,
    lambda d, r, data: actions.do_publish_criticism(d, acting_user=r.user, **data),
)  # fmt: skip


@login_required
@command("oversight:index")
def point_response(request: HttpRequest, point_id: int) -> HttpResponse:
    point = fetch(request, CriticismPoint.objects.select_related("draft"), point_id, MANAGE)
    d = point.draft
    return _run(
        request,
        forms.ResponseForm(request.POST),
        lambda data: actions.do_record_point_response(point, acting_user=request.user, **data),
        done=reverse("oversight:draft", args=[d.pk]),
        again=lambda f: _draft_page(request, d, response_form=f, response_for=point.pk),
    )


@login_required
@require_safe
def draft_document(request: HttpRequest, draft_id: int, fmt: str) -> HttpResponse:
    d = fetch(request, CriticismDraft.objects.select_related("unit"), draft_id, VIEW)
    return document_response(documents.criticism_document(d), f"van-ban-phan-bien-{d.pk}", fmt)
