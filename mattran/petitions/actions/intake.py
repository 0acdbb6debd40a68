"""Receiving what citizens raise: cases from every channel, reception sessions, council sessions, the public
portal; and the same matter from many people made one case (merge) or one case made two (split)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.notifications import ASSIGNED, notify
from mattran.core.text import nfc
from mattran.meetings.models import Meeting, MeetingKind
from mattran.org.models import Level, Unit

from ..models import (
    PUBLIC_KINDS,
    Attachment,
    Case,
    Channel,
    CouncilSession,
    Field,
    Kind,
    ReceptionSession,
    Stage,
    Status,
    Submitter,
    Urgency,
)
from ._common import case_url, check_date, check_uploads, due, save_uploads, snapshot, today, unit_cadres

NAMED_KINDS = {Kind.COMPLAINT, Kind.DENUNCIATION}


def _clean_submitters(
    kind: str, submitters: Sequence[dict[str, Any]], anonymous: bool
) -> list[dict[str, str]]:
    people = []
    for raw in submitters or []:
        person = {
            "full_name": nfc(str(raw.get("full_name", "")))[:150],
            "phone": nfc(str(raw.get("phone", "")))[:30],
            "email": str(raw.get("email", "")).strip()[:254],
            "address": nfc(str(raw.get("address", "")))[:300],
        }
        if person["email"] and "@" not in person["email"]:
            raise ActionError(_("Địa chỉ thư điện tử không hợp lệ."), field="email")
        if any(person.values()):
            if not person["full_name"]:
                raise ActionError(_("Ghi họ và tên người gửi (hoặc chọn ẩn danh)."), field="full_name")
            people.append(person)
    if not people and not anonymous:
        raise ActionError(_("Ghi họ và tên người gửi, hoặc chọn ẩn danh."), field="full_name")
    if anonymous and kind in NAMED_KINDS:
        raise ActionError(
            _(
                "Khiếu nại, tố cáo phải ghi rõ họ tên, địa chỉ người gửi (Luật Khiếu nại 2011, Luật Tố cáo 2018); "
                "nội dung không rõ người gửi hãy ghi là phản ánh."
            ),
            field="anonymous",
        )
    return people


def _check_place(unit: Unit, residential_area: Unit | None) -> None:
    if residential_area is None:
        return
    if residential_area.parent_id != unit.pk or residential_area.level.code != Level.RESIDENTIAL:
        raise ActionError(_("Khu dân cư không thuộc đơn vị."), field="residential_area")


def _create_case(
    *,
    unit: Unit,
    kind: str,
    summary: str,
    text: str,
    received_on: dt.date,
    channel: str,
    field: Field | None,
    urgency: str,
    residential_area: Unit | None,
    address: str,
    reception: ReceptionSession | None,
    meeting: Meeting | None,
    council_session: CouncilSession | None,
    allow_publish: bool,
) -> Case:
    case = Case(
        unit=unit,
        province_key=unit.province_key,
        kind=kind,
        urgency=urgency,
        field=field,
        channel=channel,
        summary=summary,
        text=text,
        residential_area=residential_area,
        address=address,
        received_on=received_on,
        reception=reception,
        meeting=meeting,
        council_session=council_session,
        sealed=kind == Kind.DENUNCIATION,
        status=Status.RECEIVED,
        stage_started_on=received_on,
        allow_publish=allow_publish and kind != Kind.DENUNCIATION,
    )
    case.due_on = due(case, Stage.CLASSIFY, received_on)
    case.save()
    return case


@transaction.atomic
def do_receive_case(
    *,
    acting_user: Actor,
    unit: Unit,
    kind: str,
    summary: str,
    text: str,
    received_on: dt.date,
    channel: str,
    field: Field | None = None,
    urgency: str = Urgency.NORMAL,
    residential_area: Unit | None = None,
    address: str = "",
    submitters: Sequence[dict[str, Any]] = (),
    anonymous: bool = False,
    reception: ReceptionSession | None = None,
    meeting: Meeting | None = None,
    council_session: CouncilSession | None = None,
    allow_publish: bool = False,
    files: Sequence[UploadedFile] = (),
) -> Case:
    """Record a matter a citizen or voter raised, with its submitters and files; the deadline starts."""
    authorize(acting_user, "petitions.receive_case", unit)
    if kind not in Kind.values:
        raise ActionError(_("Chọn loại: ý kiến, kiến nghị, phản ánh, khiếu nại hoặc tố cáo."), field="kind")
    if urgency not in Urgency.values:
        raise ActionError(_("Mức độ không hợp lệ."), field="urgency")
    if channel not in Channel.values:
        raise ActionError(_("Kênh tiếp nhận không hợp lệ."), field="channel")
    summary, text, address = nfc(summary)[:300], nfc(text), nfc(address)[:300]
    if not text:
        raise ActionError(_("Ghi nội dung người dân nêu."), field="text")
    summary = summary or text[:120]
    check_date(received_on, field="received_on")
    _check_place(unit, residential_area)
    if reception is not None and reception.unit_id != unit.pk:
        raise ActionError(_("Buổi tiếp công dân không phải của đơn vị."), field="reception")
    if meeting is not None and (meeting.unit_id != unit.pk or meeting.kind != MeetingKind.VOTER_CONTACT):
        raise ActionError(_("Chọn một hội nghị tiếp xúc cử tri của đơn vị."), field="meeting")
    if channel == Channel.VOTER_MEETING and meeting is None:
        raise ActionError(_("Ý kiến cử tri cần gắn với hội nghị tiếp xúc cử tri."), field="meeting")
    if channel == Channel.RECEPTION and reception is None:
        raise ActionError(_("Chọn buổi tiếp công dân."), field="reception")
    people = _clean_submitters(kind, submitters, anonymous)
    checked = check_uploads(files)
    case = _create_case(
        unit=unit,
        kind=kind,
        summary=summary,
        text=text,
        received_on=received_on,
        channel=channel,
        field=field,
        urgency=urgency,
        residential_area=residential_area,
        address=address,
        reception=reception,
        meeting=meeting,
        council_session=council_session,
        allow_publish=allow_publish,
    )
    for person in people:
        Submitter.objects.create(case=case, added_on=received_on, **person)
    if anonymous and not people:
        Submitter.objects.create(case=case, anonymous=True, added_on=received_on)
    save_uploads(case, checked, Attachment.Role.EVIDENCE)
    audit.record(
        "petitions.receive_case",
        actor=acting_user,
        unit=unit,
        obj=case,
        after={**snapshot(case), "submitters": len(people) or 1},
    )
    return case


@transaction.atomic
def do_submit_public(
    *,
    acting_user: Actor,
    unit: Unit,
    kind: str,
    text: str,
    full_name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    place: str = "",
    field: Field | None = None,
    allow_publish: bool = False,
    photos: Sequence[UploadedFile] = (),
) -> Case:
    """A citizen's opinion, recommendation or report from the public portal; the unit's cadres are notified."""
    authorize(acting_user, "petitions.submit_public", unit)
    if kind not in PUBLIC_KINDS:
        raise ActionError(
            _(
                "Qua cổng thông tin chỉ gửi được ý kiến, kiến nghị, phản ánh; khiếu nại, tố cáo xin gửi đơn hoặc đến tiếp công dân."
            ),
            field="kind",
        )
    if not unit.is_open or unit.level.code not in (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        raise ActionError(_("Chọn xã, phường nơi nhận ý kiến."), field="unit")
    text = nfc(text)
    if len(text) < 10:
        raise ActionError(_("Nội dung quá ngắn: hãy mô tả sự việc, địa điểm, thời gian."), field="text")
    if len(text) > 5000:
        raise ActionError(_("Nội dung tối đa 5.000 ký tự."), field="text")
    if not (phone.strip() or email.strip()):
        raise ActionError(_("Ghi số điện thoại hoặc thư điện tử để cán bộ liên hệ khi cần."), field="phone")
    people = _clean_submitters(
        kind, [{"full_name": full_name, "phone": phone, "email": email, "address": address}], False
    )
    checked = check_uploads(photos, images_only=True)
    received_on = today()
    case = _create_case(
        unit=unit,
        kind=kind,
        summary=text[:120],
        text=text,
        received_on=received_on,
        channel=Channel.PORTAL,
        field=field,
        urgency=Urgency.NORMAL,
        residential_area=None,
        address=nfc(place)[:300],
        reception=None,
        meeting=None,
        council_session=None,
        allow_publish=allow_publish,
    )
    Submitter.objects.create(case=case, added_on=received_on, **people[0])
    save_uploads(case, checked, Attachment.Role.EVIDENCE)
    audit.record("petitions.submit_public", actor=acting_user, unit=unit, obj=case, after=snapshot(case))
    notify(
        unit_cadres(unit.pk),
        ASSIGNED,
        _("Ý kiến mới qua cổng thông tin: %(s)s") % {"s": case.summary[:80]},
        case_url(case),
        case,
    )
    return case


@transaction.atomic
def do_create_reception_session(
    *, acting_user: Actor, unit: Unit, held_on: dt.date, place: str, cadres: str, notes: str = ""
) -> ReceptionSession:
    """Open the register of a citizen reception session."""
    authorize(acting_user, "petitions.receive_case", unit)
    check_date(held_on, field="held_on")
    place, cadres = nfc(place)[:250], nfc(cadres)[:400]
    if not place:
        raise ActionError(_("Ghi địa điểm tiếp công dân."), field="place")
    if not cadres:
        raise ActionError(_("Ghi cán bộ tiếp công dân."), field="cadres")
    session = ReceptionSession.objects.create(
        unit=unit, held_on=held_on, place=place, cadres=cadres, notes=nfc(notes)
    )
    audit.record(
        "petitions.create_reception_session",
        actor=acting_user,
        unit=unit,
        obj=session,
        after=audit.snapshot(session),
    )
    return session


@transaction.atomic
def do_create_council_session(
    *, acting_user: Actor, unit: Unit, body: str, name: str, opens_on: dt.date
) -> CouncilSession:
    """Declare a People's Council or National Assembly session that voters' recommendations go to."""
    authorize(acting_user, "petitions.receive_case", unit)
    if body not in CouncilSession.Body.values:
        raise ActionError(_("Chọn Hội đồng nhân dân hoặc Quốc hội."), field="body")
    name = nfc(name)[:250]
    if not name:
        raise ActionError(_("Ghi tên kỳ họp."), field="name")
    session = CouncilSession.objects.create(unit=unit, body=body, name=name, opens_on=opens_on)
    audit.record(
        "petitions.create_council_session",
        actor=acting_user,
        unit=unit,
        obj=session,
        after=audit.snapshot(session),
    )
    return session


def _open_same_unit(cases: Sequence[Case], unit_id: int) -> None:
    for case in cases:
        if case.unit_id != unit_id:
            raise ActionError(_("Chỉ gộp các vụ việc của cùng một đơn vị."), field="duplicates")
        if case.status in (Status.MERGED, Status.ESCALATED, Status.CLOSED):
            raise ActionError(
                _("Vụ việc %(c)s đã %(s)s.")
                % {"c": case.display_code, "s": case.get_status_display().lower()},
                field="duplicates",
                status=409,
            )


@transaction.atomic
def do_merge_cases(primary: Case, *, acting_user: Actor, duplicates: Sequence[Case]) -> Case:
    """Make the same matter raised by many people one case: the duplicates' submitters and files join it."""
    authorize(acting_user, "petitions.handle_case", primary)
    for dup in duplicates:
        authorize(acting_user, "petitions.handle_case", dup)
    ids = sorted({d.pk for d in duplicates} - {primary.pk})
    if not ids:
        raise ActionError(_("Chọn ít nhất một vụ việc trùng để gộp."), field="duplicates")
    locked = list(Case.objects.select_for_update().filter(pk__in=[primary.pk, *ids]).order_by("pk"))
    primary = next(c for c in locked if c.pk == primary.pk)
    dups = [c for c in locked if c.pk != primary.pk]
    _open_same_unit([primary, *dups], primary.unit_id)
    before = snapshot(primary)
    Submitter.objects.filter(case__in=dups).update(case=primary)
    Attachment.objects.filter(case__in=dups).update(case=primary)
    if any(d.sealed for d in dups):
        primary.sealed = True  # one sealed submitter seals the whole case
    primary.received_on = min([primary.received_on, *(d.received_on for d in dups)])
    primary.save()
    for dup in dups:
        dup_before = snapshot(dup)
        dup.status, dup.merged_into, dup.due_on = Status.MERGED, primary, None
        dup.save(update_fields=["status", "merged_into", "due_on"])
        audit.record(
            "petitions.merged_away",
            actor=acting_user,
            unit=dup.unit,
            obj=dup,
            before=dup_before,
            after=snapshot(dup),
        )
    audit.record(
        "petitions.merge_cases",
        actor=acting_user,
        unit=primary.unit,
        obj=primary,
        before=before,
        after={**snapshot(primary), "merged": [d.display_code for d in dups]},
    )
    return primary


@transaction.atomic
def do_split_case(
    case: Case, *, acting_user: Actor, submitters: Sequence[Submitter], summary: str = ""
) -> Case:
    """Take some submitters (a different matter raised together) out into a new case of their own."""
    authorize(acting_user, "petitions.handle_case", case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    chosen = {s.pk for s in submitters}
    own = set(case.submitters.values_list("pk", flat=True))
    if not chosen or not chosen <= own:
        raise ActionError(_("Chọn người gửi của vụ việc này để tách."), field="submitters")
    if chosen == own:
        raise ActionError(_("Phải giữ lại ít nhất một người gửi ở vụ việc cũ."), field="submitters")
    if case.status in (Status.MERGED, Status.ESCALATED, Status.CLOSED):
        raise ActionError(_("Vụ việc đã kết thúc, không tách được."), status=409)
    new = _create_case(
        unit=case.unit,
        kind=case.kind,
        summary=nfc(summary)[:300] or case.summary,
        text=case.text,
        received_on=case.received_on,
        channel=case.channel,
        field=case.field,
        urgency=case.urgency,
        residential_area=case.residential_area,
        address=case.address,
        reception=case.reception,
        meeting=case.meeting,
        council_session=case.council_session,
        allow_publish=False,
    )
    if case.sealed and not new.sealed:
        new.sealed = True
        new.save(update_fields=["sealed"])
    Submitter.objects.filter(pk__in=chosen).update(case=new)
    new.handlers.set(case.handlers.all())
    audit.record(
        "petitions.split_case",
        actor=acting_user,
        unit=case.unit,
        obj=new,
        after={**snapshot(new), "split_from": case.display_code, "submitters": len(chosen)},
    )
    return new
