"""A coordination program signed by its parties, then followed: each task's progress at the 6-month and
year-end reviews, and the reviews themselves (the year-end review closes the program)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.meetings.models import Meeting
from mattran.people.models import Person

from ..models import (
    Program,
    ProgramParticipant,
    ProgramReview,
    ProgramSignatory,
    ProgramStatus,
    ProgramTask,
    ProgressEntry,
    ProgressStatus,
    ReviewPeriod,
)
from ..queries import signatory_title
from .common import check_evidence, field_text
from .programs import lock_program, log_program, require_draft

# For each party: {"person": Person | None, "title": str, "authority": str}.
Signatories = Mapping[ProgramParticipant, Mapping[str, Any]]


def _signatory(party: ProgramParticipant, data: Mapping[str, Any], day: dt.date) -> ProgramSignatory:
    """The party's signatory as given; a person without a title signs with their post on ``day``."""
    person = data.get("person")
    title = field_text(ProgramSignatory, "title", data.get("title"), field="signatories")
    if person is not None and not isinstance(person, Person):
        raise ActionError(
            _("Người ký của %(party)s không hợp lệ.") % {"party": party.name}, field="signatories"
        )
    if not title and person is not None:
        title = signatory_title(person, day, party)
    if not title:
        raise ActionError(
            (
                _("Nhập chức vụ người ký của %(party)s (%(person)s không có chức vụ nào vào ngày ký).")
                if person
                else _("Nhập chức vụ người ký của %(party)s.")
            )
            % {"party": party.name, "person": person.full_name if person else ""},
            field="signatories",
        )
    authority = field_text(ProgramSignatory, "authority", data.get("authority"), field="signatories")
    return ProgramSignatory(participant=party, person=person, title=title, authority=authority)


def _check_signing(program: Program, signed_on: dt.date | None, meeting: Meeting | None) -> None:
    if not program.contents.exists():
        raise ActionError(_("Chương trình chưa có nội dung nào."), code="empty")
    if meeting is not None and meeting.date != signed_on:
        raise ActionError(_("Ngày ký phải là ngày của hội nghị ký kết."), field="signed_on")
    if signed_on is not None and signed_on.year not in (program.year - 1, program.year):
        raise ActionError(
            _("Chương trình năm %(year)s phải ký trong năm %(previous_year)s hoặc %(year)s.")
            % {"year": program.year, "previous_year": program.year - 1},
            field="signed_on",
        )


@transaction.atomic
def do_sign_program(
    program: Program,
    *,
    acting_user: Actor,
    signed_on: dt.date | None,
    signatories: Signatories,
    meeting: Meeting | None = None,
    number: str | None = None,
) -> Program:
    """Sign a draft program: every party needs a signatory (a title, and the person when known).

    ``signatories`` maps each party to ``{"person", "title", "authority"}``; a person chosen without a title
    signs with their post on the signing day (``queries.signatory_title``). ``signed_on`` may be left empty
    only for an old program whose signing date is not known (the posts of 1 January of its year are used).
    """
    authorize(acting_user, "programs.manage_program", program)
    program = lock_program(program)
    require_draft(program)
    _check_signing(program, signed_on, meeting)
    parties = list(program.participants.all())
    if len(parties) < 2:
        raise ActionError(_("Chương trình phối hợp cần ít nhất hai bên ký."), code="parties")
    by_pk = {p.pk: data for p, data in signatories.items()}
    missing = [p.name for p in parties if p.pk not in by_pk]
    if missing:
        raise ActionError(
            _("Thiếu người ký của: %(parties)s.") % {"parties": ", ".join(missing)}, field="signatories"
        )
    day = signed_on or dt.date(program.year, 1, 1)
    rows = [_signatory(party, by_pk[party.pk], day) for party in parties]
    ProgramSignatory.objects.bulk_create(rows)
    program.status, program.signed_on, program.signed_at = ProgramStatus.SIGNED, signed_on, meeting
    if number is not None:
        program.number = field_text(Program, "number", number)
    program.save(update_fields=["status", "signed_on", "signed_at", "number"])
    log_program(
        "programs.sign_program", program, acting_user, program, f"Ký kết {program.title}",
        after={**audit.snapshot(program), "signatories": [(r.participant.name, r.title) for r in rows]},
    )  # fmt: skip
    return program


def _check_progress(program: Program, period: str, status: str, achieved_value: int | None) -> None:
    if program.status == ProgramStatus.DRAFT:
        raise ActionError(_("Chương trình chưa ký kết."), code="not_signed", status=409)
    if period not in ReviewPeriod.values:
        raise ActionError(_("Kỳ đánh giá không hợp lệ."), field="period")
    if status not in ProgressStatus.values:
        raise ActionError(_("Tình trạng không hợp lệ."), field="status")
    if program.reviews.filter(period=ReviewPeriod.YEAR_END).exists():
        raise ActionError(
            _("Chương trình đã tổng kết năm; không sửa tiến độ được nữa."), code="reviewed", status=409
        )
    if achieved_value is not None and achieved_value < 0:
        raise ActionError(_("Kết quả không được âm."), field="achieved_value")


@transaction.atomic
def do_record_progress(
    task: ProgramTask,
    *,
    acting_user: Actor,
    period: str,
    status: str,
    achieved_value: int | None = None,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> ProgressEntry:
    """Record (or correct) a task's progress at the 6-month or year-end review of a signed program."""
    authorize(acting_user, "programs.manage_program", task.content.program)
    program = lock_program(task.content.program)
    _check_progress(program, period, status, achieved_value)
    note = field_text(ProgressEntry, "note", note)
    entry = ProgressEntry.objects.select_for_update().filter(task=task, period=period).first()
    before = audit.snapshot(entry, ["status", "achieved_value", "note"]) if entry else None
    entry = entry or ProgressEntry(task=task, period=period)
    entry.status, entry.achieved_value, entry.note = status, achieved_value, note
    entry.recorded_by = user_or_none(acting_user)
    if evidence is not None:
        name, ext, _content_type = check_evidence(evidence)
        entry.evidence.save(f"{task.pk}-{period}{ext}", evidence, save=False)
        entry.evidence_name = name
    entry.save()
    log_program(
        "programs.record_progress", program, acting_user, entry, f"{task.title}: {entry.get_status_display()}",
        before=before, after=audit.snapshot(entry, ["status", "achieved_value", "note"]),
    )  # fmt: skip
    return entry


@transaction.atomic
def do_review_program(
    program: Program,
    *,
    acting_user: Actor,
    period: str,
    held_on: dt.date,
    meeting: Meeting | None = None,
    summary: str = "",
) -> ProgramReview:
    """Record the 6-month or year-end review of a signed program (the year-end review closes it)."""
    authorize(acting_user, "programs.manage_program", program)
    program = lock_program(program)
    if program.status == ProgramStatus.DRAFT:
        raise ActionError(_("Chương trình chưa ký kết."), code="not_signed", status=409)
    if period not in ReviewPeriod.values:
        raise ActionError(_("Kỳ đánh giá không hợp lệ."), field="period")
    if program.reviews.filter(period=period).exists():
        raise ActionError(_("Kỳ này đã được đánh giá."), code="duplicate", status=409)
    if meeting is not None and meeting.date != held_on:
        raise ActionError(_("Ngày đánh giá phải là ngày của hội nghị."), field="held_on")
    if program.signed_on and held_on < program.signed_on:
        raise ActionError(_("Ngày đánh giá phải sau ngày ký."), field="held_on")
    review = ProgramReview.objects.create(
        program=program,
        period=period,
        meeting=meeting,
        held_on=held_on,
        summary=field_text(ProgramReview, "summary", summary),
    )
    if period == ReviewPeriod.YEAR_END:
        program.status = ProgramStatus.REVIEWED
        program.save(update_fields=["status"])
    log_program("programs.review_program", program, acting_user, review, str(review))
    return review
