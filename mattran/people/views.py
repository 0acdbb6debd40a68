"""The committee of a unit as of a date with its history, terms, members, and a person's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError
from mattran.core.sheets import upload_page, xlsx_response
from mattran.core.web import fetch, form_error
from mattran.org.models import MemberOrganization, Unit
from mattran.org.queries import ancestors, scope_q

from . import actions, excel, forms, queries
from .models import Membership, Person, Term

UNITS = Unit.objects.select_related("level")
PERSONS = Person.objects.select_related("unit")


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        return timezone.localdate()


def _on(unit: Unit, day: dt.date) -> str:
    return reverse("people:committee", args=[unit.pk]) + f"?ngay={day:%Y-%m-%d}"


def _form(
    request: HttpRequest, unit: Unit, form: django_forms.Form, title: str, submit: str, *, again: bool = False
) -> HttpResponse:
    context = {"unit": unit, "form": form, "title": title, "submit": submit, "again": again}
    return render(request, "people/form.html", context, status=400 if form.errors else 200)


@login_required
def committee(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The committee on a day (default today), the unit's terms, and every change of the shown term."""
    unit = fetch(request, UNITS, unit_id, "people.view_committee")
    day = _day(request)
    members = queries.committee_list(unit, day)
    term = queries.term_on(unit, day) or (members[0].term if members else None)
    terms = Term.objects.filter(unit=unit).annotate(n_members=Count("memberships")).order_by("-start")
    context = {
        "unit": unit,
        "chain": ancestors(unit),
        "day": day,
        "members": members,
        "term": term,
        "terms": terms,
        "history": list(queries.committee_history(unit, term)[:300]) if term else [],
        "can_manage": request.user.has_perm("people.manage_committee", unit),
    }
    return render(request, "people/committee.html", context)


@login_required
def term_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = fetch(request, UNITS, unit_id, "people.manage_committee")
    form = forms.TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = actions.do_create_term(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã mở %(term)s.") % {"term": term.display})
            return redirect(_on(unit, term.start))
    return _form(request, unit, form, _("Mở nhiệm kỳ mới"), _("Mở nhiệm kỳ"))


def _member_fields(data: dict[str, Any], terms: list[Term], orgs: list[MemberOrganization]) -> dict[str, Any]:
    """The action's arguments from the member form: the chosen term and member organisation as records."""
    fields = dict(data)
    fields["term"] = next(t for t in terms if t.pk == data["term"])
    fields["member_org"] = next((o for o in orgs if o.pk == data["member_org"]), None)
    return fields


@login_required
def member_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = fetch(request, UNITS, unit_id, "people.manage_committee")
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    if not terms:
        messages.warning(request, _("Đơn vị chưa có nhiệm kỳ: hãy mở nhiệm kỳ trước."))
        return redirect("people:term_create", unit.pk)
    orgs = list(MemberOrganization.objects.filter(unit=unit, valid_to__isnull=True))
    form = forms.MembershipForm(request.POST or None, terms=terms, member_orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.do_add_member_by_name(
                acting_user=request.user, **_member_fields(form.cleaned_data, terms, orgs)
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(person)s.") % {"person": membership.person.full_name})
            if "tiep" in request.POST:
                return redirect("people:member_add", unit.pk)
            return redirect(_on(unit, membership.start))
    return _form(request, unit, form, _("Thêm ủy viên"), _("Thêm"), again=True)


@login_required
def member_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    memberships = Membership.objects.select_related("person", "unit__level", "term")
    membership = fetch(request, memberships, membership_id, "people.manage_committee")
    form = forms.EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_end_membership(membership, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi %(person)s thôi.") % {"person": membership.person.full_name})
            return redirect("people:committee", membership.unit_id)
    title = _("%(person)s thôi %(position)s") % {
        "person": membership.person.full_name,
        "position": membership.get_position_display(),
    }
    return _form(request, membership.unit, form, title, _("Lưu"))


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = fetch(request, PERSONS, person_id, "people.view_person")
    can_change = request.user.has_perm("people.change_person", person)
    readable = _readable_units(request)
    guest_at = person.guest_at.select_related("meeting__unit__level", "meeting__term")
    memberships = list(queries.person_memberships(person))
    if readable is not None:  # only what happened in units the reader reads
        guest_at = guest_at.filter(meeting__unit__in=readable)
        ids = set(readable.values_list("pk", flat=True))
        memberships = [m for m in memberships if m.unit_id in ids]
    sensitive = None
    if request.user.has_perm("people.view_sensitive", person):
        sensitive = actions.do_read_sensitive(person, acting_user=request.user)
    context = {
        "person": person,
        "posts": person.posts.order_by("-start", "order"),
        "memberships": memberships,
        "guest_at": guest_at.order_by("-meeting__starts_at"),
        "sensitive": sensitive,
        "can_change": can_change,
        "post_form": forms.PostForm() if can_change else None,
    }
    return render(request, "people/person_detail.html", context)


def _readable_units(request: HttpRequest) -> QuerySet[Unit] | None:
    """The units the reader reads (None: all, for a superuser)."""
    if request.user.is_superuser:
        return None
    profile = profile_of(request.user)
    return Unit.objects.filter(scope_q(profile.unit_id)) if profile else Unit.objects.none()


@login_required
def person_post_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = fetch(request, PERSONS, person_id, "people.change_person")
    form = forms.PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_person_post(person, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm chức vụ."))
            return redirect("people:person", person.pk)
    return _form(
        request, person.unit, form, _("Thêm chức vụ của %(person)s") % {"person": person.full_name}, _("Thêm")
    )


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = fetch(request, PERSONS, person_id, "people.change_person")
    initial = {f: getattr(person, f) for f in actions.PERSON_FIELDS if f not in actions.SENSITIVE_FIELDS}
    if request.method != "POST":  # the form shows the sensitive fields to edit them: a read, audited
        initial.update(actions.do_read_sensitive(person, acting_user=request.user, purpose="sửa hồ sơ"))
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_person(person, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("people:person", person.pk)
    return _form(
        request, person.unit, form, _("Sửa thông tin %(person)s") % {"person": person.full_name}, _("Lưu")
    )


@login_required
def committee_export(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = fetch(request, UNITS, unit_id, "people.view_committee")
    day = _day(request)
    sensitive = {}
    if request.user.has_perm("people.view_sensitive", unit):
        members = [m.person for m in queries.committee_list(unit, day)]
        sensitive = actions.do_read_sensitive_of_committee(unit, members, acting_user=request.user)
    return xlsx_response(excel.export_committee(unit, day, sensitive), f"uy-vien-{unit.pk}-{day:%Y%m%d}.xlsx")


@login_required
def committee_import(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = fetch(request, UNITS, unit_id, "people.manage_committee")
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    if not terms:
        messages.warning(request, _("Đơn vị chưa có nhiệm kỳ: hãy mở nhiệm kỳ trước."))
        return redirect("people:term_create", unit.pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None, terms=terms)

    def run(data: dict[str, Any]) -> actions.ImportResult:
        term = next(t for t in terms if t.pk == data["term"])
        upload = data["file"]
        return actions.do_import_committee(
            acting_user=request.user, term=term, data=upload.read(), file_name=upload.name
        )

    def done(result: actions.ImportResult) -> HttpResponse:
        ended = _("; cho thôi %(n)s ủy viên") % {"n": len(result.ended)} if result.ended else ""
        messages.success(
            request,
            _("Đã nhập %(created)s ủy viên %(term)s%(ended)s.")
            % {
                "created": len(result.created),
                "term": result.term.label if result.term else "",
                "ended": ended,
            },
        )
        return redirect("people:committee", unit.pk)

    return upload_page(
        request, form, run=run, errors=lambda result: result.errors, done=done,
        template="people/import.html", context={"unit": unit}, submit=_("Nhập"),
        cancel=reverse("people:committee", args=[unit.pk]),
    )  # fmt: skip
