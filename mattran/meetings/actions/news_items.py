"""News items (tin bài) about a meeting: drafted from its record, edited, published on the unit's public news
page, taken off it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock

from ..models import Meeting, NewsItem, NewsStatus
from ..news import compose
from ._common import PUBLISH, RECORD, lock_meeting, log, text_for

TEXT_FIELDS = ["title", "lead", "body", "author"]


def _text(title: str, lead: str, body: str, author: str) -> dict[str, str]:
    """The item's text as stored, refused without a title or a lead."""
    text = {
        "title": text_for(NewsItem, "title", title),
        "lead": text_for(NewsItem, "lead", lead),
        "body": text_for(NewsItem, "body", body),
        "author": text_for(NewsItem, "author", author),
    }
    if not text["title"]:
        raise ActionError(_("Cần nhập tiêu đề."), field="title")
    if not text["lead"]:
        raise ActionError(_("Cần nhập sa-pô."), field="lead")
    return text


def _lock_item(item: NewsItem) -> NewsItem:
    return lock(item, related=("meeting", "unit"))


@transaction.atomic
def do_generate_news_item(meeting: Meeting, *, acting_user: Actor) -> NewsItem:
    """Draft a news item (tin bài) from the meeting's record."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    draft = compose(meeting)
    item = NewsItem.objects.create(
        meeting=meeting,
        unit=meeting.unit,
        title=draft.title,
        lead=draft.lead,
        body=draft.body,
        created_by=user_or_none(acting_user),
    )
    log("meetings.generate_news", meeting, acting_user, item, f"Soạn tin: {item.title[:100]}")
    return item


@transaction.atomic
def do_regenerate_news_item(item: NewsItem, *, acting_user: Actor) -> NewsItem:
    """Redraft a news item from its meeting's record as it stands now (e.g. once programs are linked)."""
    authorize(acting_user, PUBLISH, item.unit)
    item = _lock_item(item)
    if item.meeting_id is None:
        raise ActionError(_("Tin này không gắn với hội nghị nào."), code="no_meeting")
    fields = ["title", "lead", "body"]
    before = audit.snapshot(item, fields)
    draft = compose(
        Meeting.objects.select_related("unit", "unit__level", "term", "cluster").get(pk=item.meeting_id)
    )
    item.title, item.lead, item.body = draft.title, draft.lead, draft.body
    item.save(update_fields=[*fields, "updated_at"])
    audit.record(
        "meetings.regenerate_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        before=before,
        after=audit.snapshot(item, fields),
        summary=f"Soạn lại tin: {item.title[:100]}",
    )
    return item


@transaction.atomic
def do_update_news_item(
    item: NewsItem, *, acting_user: Actor, title: str, lead: str, body: str, author: str = ""
) -> NewsItem:
    """Edit a news item before (or after) publishing."""
    authorize(acting_user, PUBLISH, item.unit)
    item = _lock_item(item)
    text = _text(title, lead, body, author)
    before = audit.snapshot(item, TEXT_FIELDS)
    for field, value in text.items():
        setattr(item, field, value)
    item.save()
    audit.record(
        "meetings.update_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        before=before,
        after=audit.snapshot(item, TEXT_FIELDS),
        summary=f"Sửa tin: {item.title[:100]}",
    )
    return item


@transaction.atomic
def do_publish_news_item(
    item: NewsItem, *, acting_user: Actor, title: str, lead: str, body: str, author: str = ""
) -> NewsItem:
    """Publish a news item on the unit's public news page with the text the editor last read.

    The text is stored in the same step, so what goes public is what the editor saw when publishing,
    even if someone saved another version meanwhile.
    """
    authorize(acting_user, PUBLISH, item.unit)
    item = _lock_item(item)
    if item.is_published:
        raise ActionError(_("Tin đã được đăng."), code="already_published", status=409)
    text = _text(title, lead, body, author)
    before = audit.snapshot(item, [*TEXT_FIELDS, "status"])
    for field, value in text.items():
        setattr(item, field, value)
    item.status = NewsStatus.PUBLISHED
    item.published_at = timezone.now()
    item.save()
    audit.record(
        "meetings.publish_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        before=before,
        after=audit.snapshot(item, [*TEXT_FIELDS, "status"]),
        summary=f"Đăng tin: {item.title[:100]}",
    )
    return item


@transaction.atomic
def do_unpublish_news_item(item: NewsItem, *, acting_user: Actor) -> NewsItem:
    """Take a news item off the public page (back to draft)."""
    authorize(acting_user, PUBLISH, item.unit)
    item = _lock_item(item)
    if not item.is_published:
        raise ActionError(_("Tin chưa được đăng."), code="not_published", status=409)
    item.status = NewsStatus.DRAFT
    item.save(update_fields=["status"])
    audit.record(
        "meetings.unpublish_news",
        actor=acting_user,
        unit=item.unit,
        obj=item,
        after={"status": item.status},
        summary=f"Gỡ tin: {item.title[:100]}",
    )
    return item
