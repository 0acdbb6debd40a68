"""What the petitions actions share: deadlines, dates, uploads, the people to notify."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import uploads
from mattran.core.errors import ActionError
from mattran.core.workdays import add_working_days

from ..models import Attachment, Case, DeadlineRule, Stage, Urgency

# When no rule is configured for a combination (an administrator deleted it): the shortest legal period.
FALLBACK_DAYS = {Stage.CLASSIFY: 7, Stage.ANSWER: 15, Stage.INFORM: 5}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png"}
MAX_FILES = 5


def today() -> dt.date:
    return timezone.localdate()


def rule_days(kind: str, urgency: str, stage: str) -> int:
    rule = DeadlineRule.objects.filter(kind=kind, urgency=urgency or Urgency.NORMAL, stage=stage).first()
    return rule.working_days if rule is not None else FALLBACK_DAYS[Stage(stage)]


def due(case: Case, stage: str, start: dt.date) -> dt.date:
    """The deadline of a stage that starts on ``start``: so many working days after it."""
    return add_working_days(start, rule_days(case.kind, case.urgency, stage))


def check_date(day: dt.date | None, *, field: str, not_before: dt.date | None = None) -> dt.date:
    """A date of an event that has happened: not in the future, not before the case's earlier step."""
    if day is None:
        raise ActionError(_("Nhập ngày."), field=field)
    if day > today():
        raise ActionError(
            _("Ngày không được sau hôm nay (%(d)s).") % {"d": f"{today():%d/%m/%Y}"}, field=field
        )
    if not_before is not None and day < not_before:
        raise ActionError(_("Ngày không được trước %(d)s.") % {"d": f"{not_before:%d/%m/%Y}"}, field=field)
    return day


def check_uploads(
    files: Iterable[UploadedFile], *, images_only: bool = False
) -> list[tuple[UploadedFile, str, str]]:
    """Every file checked before anything is written: photos (JPG, PNG) within the image limit, or documents."""
    checked = []
    files = list(files or [])
    if len(files) > MAX_FILES:
        raise ActionError(_("Tối đa %(n)s tệp.") % {"n": MAX_FILES}, field="files")
    for upload in files:
        name, ext, content_type = uploads.check_document(
            upload, kind="image" if ext_of(upload) in IMAGE_EXTENSIONS else "attachment"
        )
        if images_only and ext not in IMAGE_EXTENSIONS:
            raise ActionError(_("Ảnh phải là tệp JPG hoặc PNG."), field="files", code="file_type")
        checked.append((upload, name, content_type))
    return checked


def ext_of(upload: UploadedFile) -> str:
    name = (upload.name or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def save_uploads(case: Case, checked: list[tuple[UploadedFile, str, str]], role: str) -> list[Attachment]:
    out = []
    for upload, name, content_type in checked:
        upload.seek(0)
        attachment = Attachment(
            case=case, role=role, name=name, content_type=content_type, size=upload.size or 0
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        out.append(attachment)
    return out


def unit_cadres(unit_id: int) -> list[Any]:
    """The active editors and administrators of a unit (who receive its notices)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, profile__unit_id=unit_id, profile__role__in=["admin", "editor"])
    )


def case_url(case: Case) -> str:
    return reverse("petitions:case", args=[case.pk])


def recipients(case: Case) -> list[Any]:
    """The case's handlers, or the unit's cadres while nobody is assigned."""
    handlers = list(case.handlers.filter(is_active=True))
    return handlers or unit_cadres(case.unit_id)


def snapshot(case: Case) -> dict:
    """The case's audited values: never the submitters (a sealed identity must not reach the audit log)."""
    from mattran.core import audit

    return audit.snapshot(
        case,
        [
            "kind",
            "urgency",
            "field_id",
            "channel",
            "summary",
            "status",
            "due_on",
            "agency_id",
            "forwarded_on",
            "answered_on",
            "answer_due_on",
            "answer_reference",
            "informed_on",
            "closed_on",
            "satisfied",
            "reopen_count",
            "published",
            "sealed",
            "merged_into_id",
        ],
    )
