"""Drafting coordination programs: the program, its parties, numbered contents and tasks, and next year's
draft copied forward. A program is changed only while it is a draft; each change locks the program row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.org.history import require_open_during
from mattran.org.models import EmulationCluster, MemberOrganization, Unit
from mattran.people.models import Term

from ..models import (
    Campaign,
    ParticipantKind,
    Program,
    ProgramContent,
    ProgramParticipant,
    ProgramStatus,
    ProgramTask,
)
from .common import field_text, valid_year


def lock_program(program: Program) -> Program:
    return lock(program, related=["unit"])


def require_draft(program: Program) -> None:
    if program.status != ProgramStatus.DRAFT:
        raise ActionError(
            _("Chương trình đã ký kết; không sửa nội dung được nữa."), code="not_draft", status=409
        )


def log_program(
    action: str, program: Program, acting_user: Actor, obj: Model, summary: str, **kwargs: Any
) -> None:
    audit.record(action, actor=acting_user, unit=program.unit, obj=obj, summary=summary, **kwargs)


def front_party_name(unit: Unit) -> str:
    return f"Ban Thường trực {unit.committee_name}"


def _check_unique_title(unit: Unit, year: int, title: str) -> None:
    if Program.objects.filter(unit=unit, year=year, title=title).exists():
        raise ActionError(
            _("Đã có chương trình này năm %(year)s.") % {"year": year}, field="title", code="duplicate"
        )


@transaction.atomic
def do_create_program(
    *,
    acting_user: Actor,
    unit: Unit,
    year: int,
    title: str,
    cluster: EmulationCluster | None = None,
    term: Term | None = None,
    number: str = "",
    include_front: bool = True,
) -> Program:
    """Create a draft program of a unit for a year; the unit's standing board is its first party."""
    authorize(acting_user, "programs.create_program", unit)
    year = valid_year(year)
    require_open_during(unit, dt.date(year, 1, 1), dt.date(year, 12, 31), field="year")
    title = field_text(Program, "title", title, required=_("Nhập tên chương trình."))
    _check_unique_title(unit, year, title)
    if cluster is not None and not cluster.members.filter(pk=unit.pk).exists():
        raise ActionError(_("Đơn vị chủ trì phải là thành viên của cụm."), field="cluster")
    if term is not None and term.unit_id != unit.pk:
        raise ActionError(_("Nhiệm kỳ không thuộc đơn vị này."), field="term")
    program = Program.objects.create(
        unit=unit,
        year=year,
        title=title,
        cluster=cluster,
        term=term,
        number=field_text(Program, "number", number),
        created_by=user_or_none(acting_user),
    )
    if include_front:
        ProgramParticipant.objects.create(
            program=program,
            kind=ParticipantKind.FRONT,
            unit=unit,
            name=front_party_name(unit),
            short_name="MTTQ",
        )
    log_program(
        "programs.create_program", program, acting_user, program, f"Tạo chương trình {title}",
        after=audit.snapshot(program),
    )  # fmt: skip
    return program


def _party(
    program: Program, member_org: MemberOrganization | None, unit: Unit | None, name: str, short_name: str
) -> tuple[str, str, str]:
    """(kind, name, short name) of a new party: a member organisation, a peer unit or a body named freely."""
    if member_org is not None:
        if member_org.unit_id != program.unit_id:
            raise ActionError(_("Tổ chức thành viên không thuộc đơn vị chủ trì."), field="member_org")
        if member_org.valid_to is not None:
            raise ActionError(_("Tổ chức này đã thôi là thành viên."), field="member_org")
        return ParticipantKind.MEMBER_ORG, member_org.name, short_name or member_org.short_name
    if unit is not None:
        return ParticipantKind.UNIT, name or unit.committee_name, short_name
    if not name:
        raise ActionError(_("Nhập tên cơ quan tham gia."), field="name")
    return ParticipantKind.OTHER, name, short_name


@transaction.atomic
def do_add_participant(
    program: Program,
    *,
    acting_user: Actor,
    member_org: MemberOrganization | None = None,
    unit: Unit | None = None,
    name: str = "",
    short_name: str = "",
) -> ProgramParticipant:
    """Add a party: a member organisation of the unit, a peer unit, or another body named freely."""
    authorize(acting_user, "programs.manage_program", program)
    program = lock_program(program)
    require_draft(program)
    kind, name, short_name = _party(
        program,
        member_org,
        unit,
        field_text(ProgramParticipant, "name", name),
        field_text(ProgramParticipant, "short_name", short_name),
    )
    if program.participants.filter(name=name).exists():
        raise ActionError(
            _("%(name)s đã có trong chương trình.") % {"name": name}, field="name", code="duplicate"
        )
    order = (program.participants.aggregate(m=Max("order"))["m"] or 0) + 1
    party = ProgramParticipant.objects.create(
        program=program,
        kind=kind,
        member_org=member_org,
        unit=unit,
        name=name,
        short_name=short_name,
        order=order,
    )
    log_program("programs.add_participant", program, acting_user, party, f"Thêm {name}")
    return party


@transaction.atomic
def do_add_content(
    program: Program, *, acting_user: Actor, title: str, description: str = ""
) -> ProgramContent:
    """Add the next numbered content to a draft program."""
    authorize(acting_user, "programs.manage_program", program)
    program = lock_program(program)
    require_draft(program)
    title = field_text(ProgramContent, "title", title, required=_("Nhập nội dung."))
    number = (program.contents.aggregate(m=Max("number"))["m"] or 0) + 1
    content = ProgramContent.objects.create(
        program=program,
        number=number,
        title=title,
        description=field_text(ProgramContent, "description", description),
    )
    log_program("programs.add_content", program, acting_user, content, f"Nội dung {number}: {title}")
    return content


@transaction.atomic
def do_update_content(
    content: ProgramContent, *, acting_user: Actor, title: str, description: str = ""
) -> ProgramContent:
    """Change a content of a draft program (the "with changes" of a copied-forward program)."""
    authorize(acting_user, "programs.manage_program", content.program)
    program = lock_program(content.program)
    require_draft(program)
    before = audit.snapshot(content, ["title", "description"])
    content.title = field_text(ProgramContent, "title", title, required=_("Nhập nội dung."))
    content.description = field_text(ProgramContent, "description", description)
    content.save(update_fields=["title", "description"])
    log_program(
        "programs.update_content", program, acting_user, content, f"Sửa nội dung {content.number}",
        before=before, after=audit.snapshot(content, ["title", "description"]),
    )  # fmt: skip
    return content


@transaction.atomic
def do_add_task(
    content: ProgramContent,
    *,
    acting_user: Actor,
    title: str,
    responsible: ProgramParticipant,
    target: str = "",
    target_value: int | None = None,
    indicator_code: str = "",
    due_on: dt.date | None = None,
    campaign: Campaign | None = None,
) -> ProgramTask:
    """Add a task under a content of a draft program."""
    authorize(acting_user, "programs.manage_program", content.program)
    program = lock_program(content.program)
    require_draft(program)
    title = field_text(ProgramTask, "title", title, required=_("Nhập nhiệm vụ."))
    if responsible.program_id != program.pk:
        raise ActionError(_("Đơn vị chủ trì phải là một bên của chương trình."), field="responsible")
    if target_value is not None and target_value < 0:
        raise ActionError(_("Chỉ tiêu không được âm."), field="target_value")
    if due_on is not None and due_on.year not in (program.year, program.year + 1):
        raise ActionError(_("Thời hạn phải trong năm %(year)s.") % {"year": program.year}, field="due_on")
    order = (content.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = ProgramTask.objects.create(
        content=content,
        order=order,
        title=title,
        responsible=responsible,
        target=field_text(ProgramTask, "target", target),
        target_value=target_value,
        indicator_code=field_text(ProgramTask, "indicator_code", indicator_code),
        due_on=due_on,
        campaign=campaign,
    )
    log_program("programs.add_task", program, acting_user, task, f"Nhiệm vụ: {title}")
    return task


# --- next year's draft ----------------------------------------------------------------------------------


def _next_year_title(title: str, year: int) -> str:
    return title.replace(str(year), str(year + 1)) if str(year) in title else f"{title} năm {year + 1}"


def _shifted(day: dt.date | None, years: int) -> dt.date | None:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _copy_parties(source: Program, new: Program) -> dict[int, ProgramParticipant]:
    """The source's parties on the new program (old party id → new party), leaving out member
    organisations that have stopped being members."""
    parties: dict[int, ProgramParticipant] = {}
    for party in source.participants.select_related("member_org"):
        if party.member_org is not None and party.member_org.valid_to is not None:
            continue
        parties[party.pk] = ProgramParticipant.objects.create(
            program=new,
            kind=party.kind,
            member_org=party.member_org,
            unit=party.unit,
            name=party.name,
            short_name=party.short_name,
            order=party.order,
        )
    return parties


def _copy_contents(source: Program, new: Program, parties: dict[int, ProgramParticipant]) -> None:
    """The source's contents and tasks on the new program; a task whose party was left out goes to the
    Front (or is left out when the program has no Front party)."""
    front = next((p for p in parties.values() if p.kind == ParticipantKind.FRONT), None)
    shift = new.year - source.year
    for content in source.contents.prefetch_related("tasks"):
        copy = ProgramContent.objects.create(
            program=new, number=content.number, title=content.title, description=content.description
        )
        for task in content.tasks.all():
            responsible = parties.get(task.responsible_id) or front
            if responsible is None:
                continue
            ProgramTask.objects.create(
                content=copy,
                order=task.order,
                title=task.title,
                responsible=responsible,
                target=task.target,
                target_value=task.target_value,
                indicator_code=task.indicator_code,
                campaign=task.campaign,
                due_on=_shifted(task.due_on, shift),
            )


@transaction.atomic
def do_copy_program_forward(
    program: Program, *, acting_user: Actor, title: str | None = None, year: int | None = None
) -> Program:
    """Start next year's draft from a program: same parties (those still members), contents and tasks.

    Due dates move on by the same number of years; progress, signatories and reviews stay behind.
    """
    authorize(acting_user, "programs.manage_program", program)
    source = lock_program(program)
    year = valid_year(year if year is not None else source.year + 1)
    if year <= source.year:
        raise ActionError(_("Năm của chương trình mới phải sau năm của chương trình cũ."), field="year")
    title = field_text(Program, "title", title or _next_year_title(source.title, source.year))
    _check_unique_title(source.unit, year, title)
    new = Program.objects.create(
        unit=source.unit,
        year=year,
        title=title,
        term=source.term,
        previous=source,
        created_by=user_or_none(acting_user),
        cluster=None,
    )
    _copy_contents(source, new, _copy_parties(source, new))
    log_program(
        "programs.copy_program_forward", new, acting_user, new, f"Chép từ chương trình năm {source.year}"
    )
    return new
