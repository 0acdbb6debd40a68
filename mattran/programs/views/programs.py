"""A coordination program's pages: creating one, its page, one URL per change, copying it forward, its
document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.web import document_response, fetch, require
from mattran.people.models import Person

from .. import actions, documents, forms, queries
from ..models import ParticipantKind, Program, ProgramStatus, ProgramTask
from .common import award_persons, command, meetings_of, press, require_own_unit, submit

MANAGE = "programs.manage_program"


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    unit = require_own_unit(request)
    require(request, "programs.create_program", unit)
    form = forms.ProgramForm(request.POST or None)

    def page(form: forms.ProgramForm) -> HttpResponse:
        ctx = {"form": form, "title": _("Chương trình phối hợp mới"), "submit": _("Tạo")}
        return render(request, "programs/form.html", ctx)

    if request.method != "POST":
        return page(form)
    return submit(
        request,
        form,
        lambda f: actions.do_create_program(acting_user=request.user, unit=unit, **f.cleaned_data),
        done=lambda program: reverse("programs:program", args=[program.pk]),
        page=page,
        success=_("Đã tạo dự thảo chương trình."),
    )


def _signatory_persons(program: Program) -> dict[int, QuerySet[Person]]:
    """Who may be chosen to sign for each party: the persons kept by the party's unit, else by the program's."""
    persons = Person.objects.prefetch_related("posts").order_by("search_name", "pk")
    return {
        party.pk: persons.filter(
            unit_id=party.unit_id if party.kind == ParticipantKind.UNIT else program.unit_id
        )
        for party in program.participants.all()
    }


def _tasks(program: Program) -> QuerySet[ProgramTask]:
    return ProgramTask.objects.filter(content__program=program).select_related("content")


# The program page's forms, each made for a program and (when posted) a request's data and files.
FORMS: dict[str, Callable[[Program, Any, Any], django_forms.Form]] = {
    "participant_form": lambda program, post, files: forms.ParticipantForm(
        post, member_orgs=program.unit.member_organizations.filter(valid_to__isnull=True)
    ),
    "content_form": lambda program, post, files: forms.ContentForm(post),
    "task_form": lambda program, post, files: forms.TaskForm(post, program=program),
    "sign_form": lambda program, post, files: forms.SignProgramForm(
        post,
        program=program,
        meetings=meetings_of([program.unit_id], program.year),
        persons_by_party=_signatory_persons(program),
    ),
    "progress_form": lambda program, post, files: forms.ProgressForm(post, files, tasks=_tasks(program)),
    "review_form": lambda program, post, files: forms.ReviewForm(
        post, meetings=meetings_of([program.unit_id], program.year)
    ),
}


def _page(request: HttpRequest, program: Program, **posted: django_forms.Form) -> HttpResponse:
    """The program page; ``posted`` is a form just sent, shown again with its errors."""
    can_manage = request.user.has_perm(MANAGE, program)
    page_forms = {name: make(program, None, None) for name, make in FORMS.items()} if can_manage else {}
    program = queries.program_with_tree(program.pk)
    by_content, by_party = queries.program_progress(program)
    signers = [getattr(p, "signatory", None) for p in program.participants.all()]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "award_persons": award_persons(request, [s.person for s in signers if s and s.person_id]),
            "by_content": by_content,
            "by_party": by_party,
            "can_manage": can_manage,
            "is_draft": program.status == ProgramStatus.DRAFT,
            "statuses": dict(queries.ProgressStatus.choices),
            **page_forms,
            **posted,
        },
    )


@login_required
@require_safe
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = fetch(request, Program.objects.select_related("unit"), program_id, "programs.view_program")
    return _page(request, program)


def _command(
    request: HttpRequest, program_id: int, name: str, call: Callable[[Program, Any], object]
) -> HttpResponse:
    """Send the program page's form ``name`` to one action (``call(program, form)``)."""
    program = fetch(request, Program.objects.select_related("unit"), program_id, MANAGE)
    return submit(
        request,
        FORMS[name](program, request.POST, request.FILES),
        lambda form: call(program, form),
        done=lambda _result: reverse("programs:program", args=[program.pk]),
        page=lambda form: _page(request, program, **{name: form}),
    )


@login_required
@command("programs:program")
def program_add_participant(request: HttpRequest, program_id: int) -> HttpResponse:
    return _command(
        request,
        program_id,
        "participant_form",
        lambda program, f: actions.do_add_participant(program, acting_user=request.user, **f.cleaned_data),
    )


@login_required
@command("programs:program")
def program_add_content(request: HttpRequest, program_id: int) -> HttpResponse:
    return _command(
        request,
        program_id,
        "content_form",
        lambda program, f: actions.do_add_content(program, acting_user=request.user, **f.cleaned_data),
    )


@login_required
@command("programs:program")
def program_add_task(request: HttpRequest, program_id: int) -> HttpResponse:
    def add(program: Program, form: forms.TaskForm) -> object:
        data = dict(form.cleaned_data)
        return actions.do_add_task(data.pop("content"), acting_user=request.user, **data)

    return _command(request, program_id, "task_form", add)


@login_required
@command("programs:program")
def program_sign(request: HttpRequest, program_id: int) -> HttpResponse:
    def sign(program: Program, form: forms.SignProgramForm) -> object:
        return actions.do_sign_program(
            program,
            acting_user=request.user,
            signed_on=form.cleaned_data["signed_on"],
            meeting=form.cleaned_data["meeting"],
            signatories=form.signatories(),
        )

    return _command(request, program_id, "sign_form", sign)


@login_required
@command("programs:program")
def program_record_progress(request: HttpRequest, program_id: int) -> HttpResponse:
    def record(program: Program, form: forms.ProgressForm) -> object:
        data = dict(form.cleaned_data)
        return actions.do_record_progress(data.pop("task"), acting_user=request.user, **data)

    return _command(request, program_id, "progress_form", record)


@login_required
@command("programs:program")
def program_review(request: HttpRequest, program_id: int) -> HttpResponse:
    return _command(
        request,
        program_id,
        "review_form",
        lambda program, f: actions.do_review_program(program, acting_user=request.user, **f.cleaned_data),
    )


@login_required
@command("programs:program")
def program_copy_forward(request: HttpRequest, program_id: int) -> HttpResponse:
    program = fetch(request, Program, program_id, MANAGE)
    return press(
        request,
        lambda: actions.do_copy_program_forward(program, acting_user=request.user),
        back=reverse("programs:program", args=[program.pk]),
        done=lambda new: reverse("programs:program", args=[new.pk]),
        success=_("Đã tạo dự thảo năm %(year)s từ chương trình năm %(year2)s.")
        % {"year": program.year + 1, "year2": program.year},
    )


@login_required
@require_safe
def program_docx(request: HttpRequest, program_id: int, fmt: str = "docx") -> HttpResponse:
    program = fetch(request, Program, program_id, "programs.view_program")
    doc = documents.program_document(queries.program_with_tree(program.pk))
    return document_response(doc, f"chuong-trinh-{program.year}", fmt)
