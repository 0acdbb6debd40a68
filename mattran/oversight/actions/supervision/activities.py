"""The supervision activities from plan to conclusion: adding one (or a follow-up), its subjects and the
reading of the persons among them, the team, the plan, the notice, the sessions and their photos, the
findings and the conclusion. Each change locks the activity's row."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.uploads import check_document
from mattran.org.models import MemberOrganization, Unit, UnitClosure
from mattran.people.models import Person

from ...models import (
    ActivityForm,
    ActivityStatus,
    Finding,
    Session,
    SessionPhoto,
    Subject,
    SubjectKind,
    SupervisionActivity,
    SupervisionProgramme,
    TeamMember,
    TeamRole,
)
from ..common import field_text, log, valid_date
from .base import _lock_activity, _require_open

# --- activities ---------------------------------------------------------------------------------------------


def _participants(unit: Unit, orgs: Iterable[MemberOrganization]) -> list[MemberOrganization]:
    out = list(orgs)
    for org in out:
        if org.unit_id != unit.pk or org.valid_to is not None:
            raise ActionError(
                _("%(name)s không phải tổ chức thành viên hiện nay của đơn vị.") % {"name": org.name},
                field="participants",
            )
    return out


def _dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ActionError(_("Ngày kết thúc dự kiến trước ngày bắt đầu."), field="planned_end")


@transaction.atomic
def do_add_activity(
    programme: SupervisionProgramme,
    *,
    acting_user: Actor,
    title: str,
    form: str,
    planned_start: dt.date | None = None,
    planned_end: dt.date | None = None,
    participants: Sequence[MemberOrganization] = (),
    follows: SupervisionActivity | None = None,
) -> SupervisionActivity:
    """Plan an activity of the programme in one legal form, with the member organisations taking part."""
    authorize(acting_user, "oversight.manage", programme)
    programme = lock(programme, related=["unit"])
    title = field_text(SupervisionActivity, "title", title, required=_("Nhập nội dung giám sát."))
    if form not in ActivityForm.values:
        raise ActionError(_("Chọn một hình thức giám sát theo quy định."), field="form")
    _dates(planned_start, planned_end)
    orgs = _participants(programme.unit, participants)
    if follows is not None and follows.unit_id != programme.unit_id:
        raise ActionError(_("Hoạt động được giám sát lại không thuộc đơn vị này."), field="follows")
    activity = SupervisionActivity.objects.create(
        programme=programme,
        unit=programme.unit,
        title=title,
        form=form,
        planned_start=planned_start,
        planned_end=planned_end,
        follows=follows,
    )
    activity.participants.set(orgs)
    log(
        "add_activity", activity, acting_user, f"Thêm hoạt động giám sát: {title}",
        after={**audit.snapshot(activity), "participants": [o.pk for o in orgs]},
    )  # fmt: skip
    return activity


@transaction.atomic
def do_plan_follow_up(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    title: str = "",
    planned_start: dt.date | None = None,
) -> SupervisionActivity:
    """Plan a follow-up supervision of a concluded activity, in the programme of its planned year."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    if activity.status != ActivityStatus.CONCLUDED:
        raise ActionError(_("Chỉ giám sát lại sau khi đã kết luận."), code="not_concluded", status=409)
    year = planned_start.year if planned_start else activity.programme.year
    programme = SupervisionProgramme.objects.filter(unit_id=activity.unit_id, year=year).first()
    if programme is None:
        raise ActionError(
            _("Chưa có chương trình giám sát năm %(year)s để đưa việc giám sát lại vào.") % {"year": year},
            field="planned_start",
        )
    return do_add_activity(
        programme,
        acting_user=acting_user,
        title=title or f"Giám sát lại: {activity.title}",
        form=activity.form,
        planned_start=planned_start,
        participants=list(activity.participants.all()),
        follows=activity,
    )


def _person_in_scope(person: Person, unit: Unit) -> bool:
    """The person is kept by the unit or a unit below it (a ward names its own officials, not a stranger's)."""
    return (
        person.unit_id == unit.pk
        or UnitClosure.objects.filter(
            ancestor_id=unit.pk, descendant_id=person.unit_id, valid_to__isnull=True
        ).exists()
    )


@transaction.atomic
def do_add_subject(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    kind: str,
    name: str = "",
    position: str = "",
    person: Person | None = None,
) -> Subject:
    """Name a body or a person under supervision (a person may be one kept in ``people``)."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    if kind not in SubjectKind.values:
        raise ActionError(_("Chọn loại đối tượng giám sát."), field="kind")
    if person is not None:
        if kind != SubjectKind.PERSON:
            raise ActionError(_("Chỉ gắn cá nhân cho đối tượng là cá nhân."), field="person")
        if not _person_in_scope(person, activity.unit):
            raise ActionError(_("Cá nhân này không thuộc đơn vị hoặc cấp dưới của đơn vị."), field="person")
        name = name or person.full_name
    name = field_text(Subject, "name", name, required=_("Nhập tên cơ quan hoặc họ tên người được giám sát."))
    subject = Subject.objects.create(
        activity=activity,
        unit=activity.unit,
        kind=kind,
        name=name,
        position=field_text(Subject, "position", position),
        person=person,
    )
    log("add_subject", subject, acting_user, f"Thêm đối tượng giám sát vào {activity.title}")
    return subject


@transaction.atomic
def do_read_subject_persons(activity: SupervisionActivity, *, acting_user: Actor) -> list[Subject]:
    """The persons under supervision in an activity, to a reader whose role needs them; the read is audited."""
    authorize(acting_user, "oversight.view_persons", activity)
    persons = list(activity.subjects.filter(kind=SubjectKind.PERSON).order_by("pk"))
    if persons:
        audit.record(
            "oversight.read_subject_persons",
            actor=acting_user,
            unit=activity.unit,
            obj=activity,
            summary=f"Xem danh sách {len(persons)} cá nhân được giám sát",
        )
    return persons


@transaction.atomic
def do_establish_team(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    decision_number: str,
    decision_on: dt.date,
    members: Sequence[dict[str, Any]],
) -> SupervisionActivity:
    """Record the decision establishing the team; members come from the Front or a participating organisation.

    Each member is ``{"name", "title", "role", "member_org"}`` (``member_org`` None for the Front's own
    officials). The team has exactly one head.
    """
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    if activity.status != ActivityStatus.PLANNED:
        raise ActionError(_("Đoàn giám sát đã được thành lập."), code="team_exists", status=409)
    number = field_text(SupervisionActivity, "decision_number", decision_number)
    day = valid_date(decision_on, field="decision_on", message=_("Nhập ngày ký quyết định."))
    if not members:
        raise ActionError(_("Đoàn giám sát cần ít nhất một thành viên."), field="members")
    allowed = set(activity.participants.values_list("pk", flat=True))
    rows = []
    for i, member in enumerate(members, start=1):
        org = member.get("member_org")
        if org is not None and org.pk not in allowed:
            raise ActionError(
                _(
                    "Thành viên thứ %(i)s (%(org)s) không thuộc tổ chức thành viên tham gia giám sát; "
                    "chỉ cử người của Mặt trận hoặc của các tổ chức phối hợp."
                )
                % {"i": i, "org": org.name},
                field="members",
                code="not_participant",
            )
        role = member.get("role") or TeamRole.MEMBER
        if role not in TeamRole.values:
            raise ActionError(_("Nhiệm vụ trong đoàn không hợp lệ."), field="members")
        name = field_text(
            TeamMember, "name", member.get("name"), field="members",
            required=_("Nhập họ tên thành viên thứ %(i)s.") % {"i": i},
        )  # fmt: skip
        rows.append(
            TeamMember(
                activity=activity,
                unit=activity.unit,
                name=name,
                title=field_text(TeamMember, "title", member.get("title", ""), field="members"),
                role=role,
                member_org=org,
            )
        )
    if sum(1 for r in rows if r.role == TeamRole.HEAD) != 1:
        raise ActionError(_("Đoàn giám sát phải có đúng một Trưởng đoàn."), field="members")
    TeamMember.objects.bulk_create(rows)
    before = audit.snapshot(activity, ["status", "decision_number", "decision_on"])
    activity.decision_number, activity.decision_on = number, day
    activity.status = ActivityStatus.TEAM
    activity.save(update_fields=["decision_number", "decision_on", "status"])
    log(
        "establish_team", activity, acting_user, f"Thành lập đoàn giám sát ({len(rows)} thành viên)",
        before=before, after={**audit.snapshot(activity, ["status", "decision_number", "decision_on"]),
                              "members": [(r.name, r.role, r.member_org_id) for r in rows]},
    )  # fmt: skip
    return activity


@transaction.atomic
def do_record_plan(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    plan_on: dt.date,
    purpose: str,
    content: str,
    plan_number: str = "",
) -> SupervisionActivity:
    """Record the supervision plan: purpose and requirements, content, method and schedule."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    day = valid_date(plan_on, field="plan_on", message=_("Nhập ngày ban hành kế hoạch."))
    fields = ["plan_on", "plan_purpose", "plan_content", "plan_number"]
    before = audit.snapshot(activity, fields)
    activity.plan_on = day
    activity.plan_purpose = field_text(
        SupervisionActivity, "plan_purpose", purpose, field="purpose", required=_("Nhập mục đích, yêu cầu.")
    )
    activity.plan_content = field_text(
        SupervisionActivity, "plan_content", content, field="content",
        required=_("Nhập nội dung, phương pháp và tiến độ giám sát."),
    )  # fmt: skip
    activity.plan_number = field_text(SupervisionActivity, "plan_number", plan_number)
    activity.save(update_fields=fields)
    log("record_plan", activity, acting_user, "Ghi kế hoạch giám sát", before=before,
        after=audit.snapshot(activity, fields))  # fmt: skip
    return activity


@transaction.atomic
def do_notify_subject(
    activity: SupervisionActivity, *, acting_user: Actor, notice_on: dt.date
) -> SupervisionActivity:
    """Record the notice sent to the supervised body; the plan must exist first."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    day = valid_date(notice_on, field="notice_on", message=_("Nhập ngày gửi thông báo."))
    if activity.plan_on is None:
        raise ActionError(_("Ghi kế hoạch giám sát trước khi thông báo."), code="no_plan", status=409)
    if not activity.subjects.exists():
        raise ActionError(_("Thêm đối tượng giám sát trước khi thông báo."), code="no_subject", status=409)
    if activity.form == ActivityForm.TEAM and activity.status == ActivityStatus.PLANNED:
        raise ActionError(_("Thành lập đoàn giám sát trước khi thông báo."), code="no_team", status=409)
    before = audit.snapshot(activity, ["status", "notice_on"])
    activity.notice_on = day
    if activity.status in (ActivityStatus.PLANNED, ActivityStatus.TEAM):
        activity.status = ActivityStatus.NOTIFIED
    activity.save(update_fields=["notice_on", "status"])
    log("notify_subject", activity, acting_user, "Gửi thông báo giám sát", before=before,
        after=audit.snapshot(activity, ["status", "notice_on"]))  # fmt: skip
    return activity


@transaction.atomic
def do_record_session(
    activity: SupervisionActivity, *, acting_user: Actor, held_on: dt.date, place: str = "", notes: str = ""
) -> Session:
    """Record a working session with the supervised body; the activity is then under way."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    day = valid_date(held_on, field="held_on", message=_("Nhập ngày làm việc."))
    if activity.notice_on is None:
        raise ActionError(
            _("Gửi thông báo cho đối tượng giám sát trước buổi làm việc."), code="no_notice", status=409
        )
    if day < activity.notice_on:
        raise ActionError(_("Buổi làm việc không thể trước ngày thông báo."), field="held_on")
    session = Session.objects.create(
        activity=activity,
        unit=activity.unit,
        held_on=day,
        place=field_text(Session, "place", place),
        notes=field_text(Session, "notes", notes),
    )
    if activity.status != ActivityStatus.UNDER_WAY:
        activity.status = ActivityStatus.UNDER_WAY
        activity.save(update_fields=["status"])
    log(
        "record_session",
        session,
        acting_user,
        f"Buổi làm việc ngày {day:%d/%m/%Y}",
        after=audit.snapshot(session),
    )
    return session


IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png")


@transaction.atomic
def do_add_session_photo(
    session: Session, *, acting_user: Actor, file: UploadedFile, caption: str = ""
) -> SessionPhoto:
    """Keep a photo of a session (a site check): only a real JPEG or PNG within the image size limit."""
    authorize(acting_user, "oversight.manage", session)
    if file is None:
        raise ActionError(_("Chọn ảnh để tải lên."), field="file")
    name = os.path.basename(file.name or "")
    if os.path.splitext(name)[1].lower() not in IMAGE_EXTENSIONS:
        raise ActionError(_("Ảnh hiện trường phải là tệp JPG hoặc PNG."), field="file", code="file_type")
    clean, ext, _content_type = check_document(file, kind="image")
    photo = SessionPhoto(
        session=session, unit=session.unit, name=clean, caption=field_text(SessionPhoto, "caption", caption)
    )
    photo.file.save(f"{session.pk}{ext}", file, save=False)
    photo.save()
    log("add_session_photo", photo, acting_user, f"Ảnh hiện trường buổi làm việc {session.held_on:%d/%m/%Y}")
    return photo


@transaction.atomic
def do_add_finding(
    activity: SupervisionActivity, *, acting_user: Actor, text: str, is_shortcoming: bool = True
) -> Finding:
    """Record what the supervision found."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    finding = Finding.objects.create(
        activity=activity,
        unit=activity.unit,
        text=field_text(Finding, "text", text, required=_("Nhập nội dung phát hiện qua giám sát.")),
        is_shortcoming=bool(is_shortcoming),
    )
    log("add_finding", finding, acting_user, f"Ghi kết quả giám sát: {finding.text[:100]}")
    return finding


@transaction.atomic
def do_conclude_activity(
    activity: SupervisionActivity,
    *,
    acting_user: Actor,
    conclusion: str,
    concluded_on: dt.date,
    report_number: str = "",
) -> SupervisionActivity:
    """Conclude the activity (báo cáo kết quả giám sát); a team's needs at least one session first."""
    authorize(acting_user, "oversight.manage", activity)
    activity = _lock_activity(activity)
    _require_open(activity)
    day = valid_date(concluded_on, field="concluded_on", message=_("Nhập ngày kết luận."))
    text = field_text(SupervisionActivity, "conclusion", conclusion, required=_("Nhập kết luận giám sát."))
    if activity.form != ActivityForm.DOCUMENTS and not activity.sessions.exists():
        raise ActionError(_("Chưa có buổi làm việc nào để kết luận."), code="no_session", status=409)
    fields = ["status", "conclusion", "concluded_on", "report_number"]
    before = audit.snapshot(activity, fields)
    activity.conclusion, activity.concluded_on = text, day
    activity.report_number = field_text(SupervisionActivity, "report_number", report_number)
    activity.status = ActivityStatus.CONCLUDED
    activity.save(update_fields=fields)
    log("conclude_activity", activity, acting_user, f"Kết luận giám sát: {activity.title}", before=before,
        after=audit.snapshot(activity, fields))  # fmt: skip
    return activity
