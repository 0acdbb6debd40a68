"""The committee of a unit as of a date with its history, terms, members, and a person's page."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError
from mattran.core.web import fetch, form_error, require
from mattran.org.models import MemberOrganization, Unit
from mattran.org.queries import ancestors, scope_q

from . import actions, excel, forms, queries
from .models import Membership, Person, Term


def _unit(request, unit_id: int, perm: str = "people.view_committee") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level"), pk=unit_id)
    require(request, perm, unit)
    return unit


def _day(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def committee(request, unit_id: int):
    """The committee on a day (default today), the unit's terms, and every change of the shown term."""
    unit = _unit(request, unit_id)
    day = _day(request)
    members = queries.committee_list(unit, day)
    term = queries.term_on(unit, day) or (members[0].term if members else None)
    history = list(queries.committee_history(unit, term)[:300]) if term else []
    return render(
        request,
        "people/committee.html",
        {
            "unit": unit,
            "chain": ancestors(unit),
            "day": day,
            "members": members,
            "term": term,
            "terms": Term.objects.filter(unit=unit)
            .annotate(n_members=Count("memberships"))
            .order_by("-start"),
            "history": history,
            "can_manage": request.user.has_perm("people.manage_committee", unit),
        },
    )


@login_required
def term_create(request, unit_id: int):
    unit = _unit(request, unit_id, "people.manage_committee")
    form = forms.TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = actions.do_create_term(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã mở %(term)s.") % {"term": term.display})
            return redirect(reverse("people:committee", args=[unit.pk]) + f"?ngay={term.start:%Y-%m-%d}")
    return _form(request, unit, form, "Mở nhiệm kỳ mới", "Mở nhiệm kỳ")


@login_required
def member_add(request, unit_id: int):
    unit = _unit(request, unit_id, "people.manage_committee")
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    orgs = list(MemberOrganization.objects.filter(unit=unit, valid_to__isnull=True))
    form = forms.MembershipForm(request.POST or None, terms=terms, member_orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = actions.do_add_member_by_name(
                acting_user=request.user,
                term=next(t for t in terms if t.pk == data["term"]),
                full_name=data["full_name"],
                position=data["position"],
                start=data["start"],
                represents=data["represents"],
                member_org=next((o for o in orgs if o.pk == data["member_org"]), None),
                represents_detail=data["represents_detail"],
                start_decision=data["start_decision"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(person)s.") % {"person": membership.person.full_name})
            if "tiep" in request.POST:
                return redirect("people:member_add", unit.pk)
            return redirect(
                reverse("people:committee", args=[unit.pk]) + f"?ngay={membership.start:%Y-%m-%d}"
            )
    if not terms:
        messages.warning(request, _("Đơn vị chưa có nhiệm kỳ: hãy mở nhiệm kỳ trước."))
        return redirect("people:term_create", unit.pk)
    return _form(request, unit, form, "Thêm ủy viên", "Thêm", again=True)


@login_required
def member_end(request, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("person", "unit", "term"), pk=membership_id
    )
    unit = _unit(request, membership.unit_id, "people.manage_committee")
    form = forms.EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_end_membership(membership, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi %(person)s thôi.") % {"person": membership.person.full_name})
            return redirect("people:committee", unit.pk)
    return _form(
        request, unit, form, f"{membership.person.full_name} thôi {membership.get_position_display()}", "Lưu"
    )


def _form(request, unit, form, title, submit, *, again=False, multipart=False):
    return render(
        request,
        "people/form.html",
        {
            "unit": unit,
            "form": form,
            "title": title,
            "submit": submit,
            "again": again,
            "multipart": multipart,
        },
    )


@login_required
def person_detail(request, person_id: int):
    person = fetch(request, Person.objects.select_related("unit"), person_id, "people.view_person")
    readable = _readable_units(request)
    guest_at = person.guest_at.select_related("meeting__unit__level", "meeting__term").order_by(
        "-meeting__starts_at"
    )
    memberships = list(queries.person_memberships(person))
    if readable is not None:  # only what happened in units the reader reads
        guest_at = guest_at.filter(meeting__unit__in=readable)
        memberships = [m for m in memberships if m.unit_id in set(readable.values_list("pk", flat=True))]
    sensitive = None
    if request.user.has_perm("people.view_sensitive", person):
        sensitive = actions.do_read_sensitive(person, acting_user=request.user)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "posts": person.posts.order_by("-start", "order"),
            "memberships": memberships,
            "guest_at": guest_at,
            "sensitive": sensitive,
            "can_change": request.user.has_perm("people.change_person", person),
            "post_form": forms.PostForm() if request.user.has_perm("people.change_person", person) else None,
        },
    )


def _readable_units(request):
    """The units the reader reads (None: all, for a superuser)."""
    if request.user.is_superuser:
        return None
    profile = profile_of(request.user)
    return Unit.objects.filter(scope_q(profile.unit_id)) if profile else Unit.objects.none()


@login_required
def person_post_add(request, person_id: int):
    person = get_object_or_404(Person.objects.select_related("unit"), pk=person_id)
    require(request, "people.change_person", person)
    form = forms.PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_person_post(person, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm chức vụ."))
            return redirect("people:person", person.pk)
    return _form(request, person.unit, form, f"Thêm chức vụ của {person.full_name}", "Thêm")


@login_required
def person_edit(request, person_id: int):
    person = get_object_or_404(Person.objects.select_related("unit"), pk=person_id)
    require(request, "people.change_person", person)
    initial = {f: getattr(person, f) for f in actions.PERSON_FIELDS if f not in actions.SENSITIVE_FIELDS}
    if request.method != "POST":  # the form shows the sensitive fields to edit them: a read, audited
        initial.update(actions.do_read_sensitive(person, acting_user=request.user, purpose="sửa hồ sơ"))
    form = forms.PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            actions.do_update_person(person, acting_user=request.user, **data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("people:person", person.pk)
    return _form(request, person.unit, form, f"Sửa thông tin {person.full_name}", "Lưu")


@login_required
def committee_export(request, unit_id: int):
    unit = _unit(request, unit_id)
    day = _day(request)
    sensitive = {}
    if request.user.has_perm("people.view_sensitive", unit):
        members = [m.person for m in queries.committee_list(unit, day)]
        sensitive = actions.do_read_sensitive_of_committee(unit, members, acting_user=request.user)
    response = HttpResponse(excel.export_committee(unit, day, sensitive), content_type=excel.XLSX)
    response["Content-Disposition"] = f'attachment; filename="uy-vien-{unit.pk}-{day:%Y%m%d}.xlsx"'
    return response


@login_required
def committee_import(request, unit_id: int):
    unit = _unit(request, unit_id, "people.manage_committee")
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    if not terms:
        messages.warning(request, _("Đơn vị chưa có nhiệm kỳ: hãy mở nhiệm kỳ trước."))
        return redirect("people:term_create", unit.pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None, terms=terms)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        term = next(t for t in terms if t.pk == form.cleaned_data["term"])
        try:
            result = excel.do_import_committee(
                acting_user=request.user, term=term, data=upload.read(), file_name=upload.name
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            if result.errors:
                errors = result.errors
            else:
                ended = _("; cho thôi %(n)s ủy viên") % {"n": len(result.ended)} if result.ended else ""
                messages.success(
                    request,
                    _("Đã nhập %(created)s ủy viên %(term)s%(ended)s.")
                    % {"created": len(result.created), "term": term.label, "ended": ended},
                )
                return redirect("people:committee", unit.pk)
    return render(request, "people/import.html", {"unit": unit, "form": form, "errors": errors})
