"""Files of a meeting (reports, signed programs, photos), checked before they are stored."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.uploads import check_document

from ..models import Attachment, Meeting
from ._common import RECORD, lock_meeting, log, text_for


@transaction.atomic
def do_add_attachment(
    meeting: Meeting, *, acting_user: Actor, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Store a file of the meeting after checking its size, extension and content."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    description = text_for(Attachment, "description", description)
    name, ext, content_type = check_document(upload, kind="attachment")
    attachment = Attachment(
        meeting=meeting,
        original_name=name[:255],
        description=description,
        size=upload.size or 0,
        content_type=content_type,
        uploaded_by=user_or_none(acting_user),
    )
    # The stored name is ours (the extension checked above); the user's name is kept for display only.
    attachment.file.save(f"{meeting.pk}{ext}", upload, save=False)
    attachment.save()
    log("meetings.add_attachment", meeting, acting_user, attachment, f"Tệp {name}")
    return attachment
