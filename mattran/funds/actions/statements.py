"""Bank statement uploads: keeping the file, queuing its import, queuing a stalled import again."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc
from mattran.core.uploads import check_pdf_pages, check_size, check_zip

from ..models import BankAccount, BankStatement, StatementStatus


def start_statement_import(statement, *, acting_user) -> None:
    """Queue the import as a background task (the page and the API poll its progress).

    With the database backend the task row commits with the caller's transaction and `mattran db_worker`
    runs it; with MATTRAN_TASKS=immediate it runs here and now.
    """
    from ..tasks import import_statement

    import_statement.enqueue(statement.pk, getattr(acting_user, "pk", None))


@transaction.atomic
def do_requeue_statement(*, acting_user: Actor, statement) -> None:
    """Queue a stalled statement import again.

    Stalled (``importing.stalled_since``): queued but taken by no run (no worker was running, or its
    task was lost), or running but silent for minutes (the worker was killed mid-import: its transaction
    died with it, so none of its lines was kept). A run still in hand is refused. Queuing twice is
    harmless: one run claims the import, another finds it taken or done, and a line is never counted
    twice (one per account and fingerprint).
    """
    authorize(acting_user, "funds.import_statement", statement.account)
    from ..importing import stalled_since

    statement = BankStatement.objects.select_for_update().select_related("account__unit").get(pk=statement.pk)
    if statement.status not in (StatementStatus.PENDING, StatementStatus.RUNNING):
        raise ActionError(_("Sao kê này không còn chờ nhập."), status=409, code="conflict")
    since = stalled_since(statement)
    if since is None:
        if statement.status == StatementStatus.RUNNING:
            raise ActionError(
                _("Sao kê này đang được nhập và vẫn báo tiến độ; chưa thể nhập lại."),
                status=409,
                code="conflict",
            )
        raise ActionError(
            _("Sao kê này vừa được xếp vào hàng đợi; hãy chờ thêm."), status=409, code="conflict"
        )
    was = statement.status
    statement.status = StatementStatus.PENDING
    statement.queued_at = timezone.now()
    statement.save(update_fields=["status", "queued_at"])
    audit.record(
        "funds.requeue_statement",
        actor=acting_user,
        unit=statement.account.unit,
        obj=statement,
        summary=(
            f"Nhập lại: lần nhập dừng từ {timezone.localtime(since):%H:%M %d/%m/%Y}"
            if was == StatementStatus.RUNNING
            else "Xếp lại vào hàng đợi"
        ),
    )
    start_statement_import(statement, acting_user=acting_user)


def _check_statement_file(path: Path) -> None:
    """Bounds checked before a worker reads the file: a PDF's pages, an XLSX's unpacked size."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF-"):
        check_pdf_pages(path)
    elif head.startswith(b"PK\x03\x04"):
        with path.open("rb") as handle:
            check_zip(handle, max_unpacked=settings.STATEMENT_MAX_UNPACKED_BYTES)


def do_upload_statement(*, acting_user: Actor, account: BankAccount, upload: UploadedFile):
    """Keep an uploaded statement file, register it on the account and start importing it."""
    authorize(acting_user, "funds.import_statement", account)
    from ..importing import do_create_statement

    # The layout is recognised from the content, not the name: any file may be tried, and a wrong one
    # ends as a failed import with its report, like on the page.
    name = Path(nfc(upload.name or "")).name or "sao-ke"
    suffix = Path(name).suffix.lower()[:10]
    check_size(upload.size, "statement")
    folder = Path(settings.MEDIA_ROOT) / "statements"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=suffix) as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        _check_statement_file(Path(out.name))
    except ActionError:
        Path(out.name).unlink(missing_ok=True)
        raise
    statement = do_create_statement(acting_user=acting_user, account=account, path=out.name, file_name=name)
    start_statement_import(statement, acting_user=acting_user)
    return statement
