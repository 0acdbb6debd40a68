"""Social criticism (phản biện xã hội): a draft received, who took part, the Front's points, and the drafting
body's response to each point; a summary the unit may publish."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.org.models import Unit

from ..models import (
    CriticismDraft,
    CriticismForm,
    CriticismParticipant,
    CriticismPoint,
    CriticismStatus,
    PointResponse,
)
from .common import field_text, log, valid_date


def _require_status(draft: CriticismDraft, *allowed: str) -> None:
    if draft.status not in allowed:
        raise ActionError(
            _('Dự thảo đang ở bước "%(status)s"; thao tác này không làm được lúc này.')
            % {"status": draft.get_status_display()},
            code="wrong_step",
            status=409,
        )


@transaction.atomic
def do_receive_draft(
    *,
    acting_user: Actor,
    unit: Unit,
    title: str,
    drafting_body: str,
    received_on: dt.date,
    comments_due: dt.date,
    form: str,
    summary_of_draft: str = "",
) -> CriticismDraft:
    """Record a draft policy received for criticism, its deadline for comments and the chosen form."""
    authorize(acting_user, "oversight.manage", unit)
    title = field_text(CriticismDraft, "title", title, required=_("Nhập tên dự thảo."))
    body = field_text(CriticismDraft, "drafting_body", drafting_body, required=_("Nhập cơ quan soạn thảo."))
    received = valid_date(received_on, field="received_on", message=_("Nhập ngày nhận dự thảo."))
    due = valid_date(comments_due, field="comments_due", message=_("Nhập hạn gửi ý kiến phản biện."))
    if due < received:
        raise ActionError(_("Hạn gửi ý kiến không thể trước ngày nhận dự thảo."), field="comments_due")
    if form not in CriticismForm.values:
        raise ActionError(_("Chọn hình thức phản biện."), field="form")
    draft = CriticismDraft.objects.create(
        unit=unit,
        title=title,
        drafting_body=body,
        received_on=received,
        comments_due=due,
        form=form,
        summary_of_draft=field_text(CriticismDraft, "summary_of_draft", summary_of_draft),
    )
    log(
        "receive_draft",
        draft,
        acting_user,
        f"Nhận dự thảo để phản biện: {title}",
        after=audit.snapshot(draft),
    )
    return draft


@transaction.atomic
def do_add_criticism_participant(
    draft: CriticismDraft, *, acting_user: Actor, name: str, title: str = "", is_expert: bool = False
) -> CriticismParticipant:
    """Add a participant or expert of the criticism."""
    authorize(acting_user, "oversight.manage", draft)
    draft = lock(draft, related=["unit"])
    _require_status(draft, CriticismStatus.RECEIVED)
    participant = CriticismParticipant.objects.create(
        draft=draft,
        unit=draft.unit,
        name=field_text(CriticismParticipant, "name", name, required=_("Nhập họ tên người tham gia.")),
        title=field_text(CriticismParticipant, "title", title),
        is_expert=bool(is_expert),
    )
    log(
        "add_criticism_participant",
        participant,
        acting_user,
        f"Thêm người tham gia phản biện: {participant.name}",
    )
    return participant


@transaction.atomic
def do_add_criticism_point(draft: CriticismDraft, *, acting_user: Actor, content: str) -> CriticismPoint:
    """Add one numbered point to the Front's criticism."""
    authorize(acting_user, "oversight.manage", draft)
    draft = lock(draft, related=["unit"])
    _require_status(draft, CriticismStatus.RECEIVED)
    text = field_text(CriticismPoint, "content", content, required=_("Nhập nội dung ý kiến phản biện."))
    number = (draft.points.aggregate(m=Max("number"))["m"] or 0) + 1
    point = CriticismPoint.objects.create(draft=draft, unit=draft.unit, number=number, content=text)
    log("add_criticism_point", point, acting_user, f"Ý kiến phản biện số {number}")
    return point


@transaction.atomic
def do_send_criticism(
    draft: CriticismDraft, *, acting_user: Actor, sent_on: dt.date, document_number: str = ""
) -> CriticismDraft:
    """Send the criticism document to the drafting body; its points are then fixed."""
    authorize(acting_user, "oversight.manage", draft)
    draft = lock(draft, related=["unit"])
    _require_status(draft, CriticismStatus.RECEIVED)
    day = valid_date(sent_on, field="sent_on", message=_("Nhập ngày gửi văn bản phản biện."))
    if day < draft.received_on:
        raise ActionError(_("Ngày gửi không thể trước ngày nhận dự thảo."), field="sent_on")
    if not draft.points.exists():
        raise ActionError(_("Văn bản phản biện cần ít nhất một ý kiến."), code="no_points", status=409)
    draft.status, draft.sent_on = CriticismStatus.SENT, day
    draft.document_number = field_text(CriticismDraft, "document_number", document_number)
    draft.save(update_fields=["status", "sent_on", "document_number"])
    log("send_criticism", draft, acting_user, f"Gửi văn bản phản biện ngày {day:%d/%m/%Y}",
        after=audit.snapshot(draft, ["status", "sent_on", "document_number"]))  # fmt: skip
    return draft


@transaction.atomic
def do_record_point_response(
    point: CriticismPoint, *, acting_user: Actor, response: str, explanation: str = ""
) -> CriticismPoint:
    """Record the drafting body's response to one point; a point not (or partly) accepted needs the reason."""
    authorize(acting_user, "oversight.manage", point)
    draft = lock(point.draft, related=["unit"])
    _require_status(draft, CriticismStatus.SENT, CriticismStatus.RESPONDED)
    if response not in PointResponse.values or response == PointResponse.PENDING:
        raise ActionError(_("Chọn tiếp thu, tiếp thu một phần hoặc không tiếp thu."), field="response")
    text = field_text(CriticismPoint, "explanation", explanation)
    if response != PointResponse.ACCEPTED and not text:
        raise ActionError(
            _("Ghi giải trình của cơ quan soạn thảo khi không tiếp thu trọn ý kiến."), field="explanation"
        )
    before = audit.snapshot(point, ["response", "explanation"])
    point.response, point.explanation = response, text
    point.save(update_fields=["response", "explanation"])
    if not draft.points.filter(response=PointResponse.PENDING).exists():
        draft.status = CriticismStatus.RESPONDED
        draft.save(update_fields=["status"])
    log("record_point_response", point, acting_user, f"Giải trình ý kiến số {point.number}: {point.get_response_display()}",
        before=before, after=audit.snapshot(point, ["response", "explanation"]))  # fmt: skip
    return point


@transaction.atomic
def do_publish_criticism(
    draft: CriticismDraft, *, acting_user: Actor, public_summary: str, published: bool = True
) -> CriticismDraft:
    """Publish (or withdraw) a summary of the criticism and its response on the unit's public page."""
    authorize(acting_user, "oversight.manage", draft)
    draft = lock(draft, related=["unit"])
    summary = field_text(CriticismDraft, "public_summary", public_summary)
    if published:
        _require_status(draft, CriticismStatus.SENT, CriticismStatus.RESPONDED)
        if not summary:
            raise ActionError(_("Nhập phần tóm tắt để công khai."), field="public_summary")
    draft.public_summary, draft.published = summary or draft.public_summary, bool(published)
    draft.save(update_fields=["public_summary", "published"])
    log("publish_criticism", draft, acting_user, ("Công khai" if published else "Thôi công khai") + f" {draft.title}",
        after={"published": draft.published})  # fmt: skip
    return draft
