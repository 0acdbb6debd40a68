"""Background work of the funds module, run by the django-tasks worker (`mattran db_worker`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from .models import BankStatement, StatementStatus


@task(queue_name="imports")
def import_statement(statement_id: int, user_id: int | None = None) -> dict:
    """Import a registered statement file; a rerun after a crash starts again (the import is one transaction)."""
    from . import importing

    statement = BankStatement.objects.filter(pk=statement_id).first()
    if statement is None or statement.status == StatementStatus.DONE:
        return {"statement": statement_id, "status": "skipped"}
    if statement.status == StatementStatus.RUNNING:
        return {"statement": statement_id, "status": "skipped"}  # another run has it
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        statement = importing.run_import(statement, acting_user=user)
    except Exception as exc:
        # Whatever broke (a bug, the database gone for a moment), the statement must not stay "running":
        # it is marked failed with the reason, nothing of it was kept, and it can be imported again.
        importing.mark_failed(statement_id, f"Lỗi khi nhập: {exc}"[:500])
        raise
    return {"statement": statement.pk, "status": statement.status, "lines_added": statement.lines_added}


def on_task_abandoned(sender, *, task_path: str, args: list, kwargs: dict, reason: str, **_: object) -> None:
    """A statement import whose worker died or overran its time limit: mark it failed with the reason
    (nothing of it was kept: its transaction ended with the process), so it can be imported again."""
    from . import importing

    if task_path != f"{__name__}.import_statement" or not args:
        return
    importing.mark_failed(int(args[0]), f"Lỗi khi nhập: {reason}"[:500])
