"""Statement uploads are queued as django-tasks and imported by `mattran db_worker`, progress in the shared cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from mattran.funds import actions, importing
from mattran.funds.models import BankStatement, StatementLine, StatementStatus
from mattran.funds.statements.generators import Options, generate

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}}


@pytest.fixture
def account(tree, funds):
    return actions.do_create_bank_account(
        acting_user=None, unit=tree.commune, fund=funds.commune, bank_bin="970415", number="123456789012",
        holder="UBMTTQ XA AN",
    )  # fmt: skip


@pytest.fixture
def queued(settings, tmp_path: Path):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def _upload(client, account, path: Path, name: str = "sao-ke.csv"):
    return client.post(f"/quy/tai-khoan/{account.pk}/", {"file": SimpleUploadedFile(name, path.read_bytes())})


# The worker commits and closes its connection between tasks (`close_old_connections`), as it does in
# production; that needs real transactions rather than the test's rolled-back one.
@pytest.mark.django_db(transaction=True)
def test_it_queues_the_upload_and_the_worker_imports_it_once(
    client, people, account, queued, tmp_path
) -> None:
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=60, seed=11, account="123456789012", holder="UBMTTQ XA AN"))
    client.force_login(people.ward_editor)
    response = _upload(client, account, path)
    assert response.status_code == 302
    statement = BankStatement.objects.get(account=account)
    assert statement.status == StatementStatus.PENDING
    assert not StatementLine.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.queue_name == "imports" and task.args_kwargs["args"][0] == statement.pk

    page = client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()
    assert "hx-get" in page or "hx-trigger" in page  # the page polls while the import waits or runs

    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DONE, statement.error
    assert statement.lines_added == 60 == StatementLine.objects.filter(account=account).count()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    # Running the task again (a retry after a crash, say) adds nothing.
    from mattran.funds.tasks import import_statement

    assert import_statement.call(statement.pk)["status"] == "skipped"
    assert StatementLine.objects.filter(account=account).count() == 60


def test_it_shows_progress_written_by_another_process(client, people, account, queued, tmp_path) -> None:
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=20, seed=5, account="123456789012", holder="UBMTTQ XA AN"))
    client.force_login(people.ward_editor)
    _upload(client, account, path)
    statement = BankStatement.objects.get(account=account)
    importing.progress_cache().set(
        importing.progress_key(statement.pk), {"lines": 4000, "page": 120, "pages": 12028}
    )
    try:
        api = client.get(f"/api/v1/funds/statements/{statement.pk}").json()
        assert api["progress"] == {"lines": 4000, "page": 120, "pages": 12028}
        assert "12028" in client.get(f"/quy/sao-ke/{statement.pk}/").content.decode().replace(".", "")
    finally:
        importing.progress_cache().delete(importing.progress_key(statement.pk))
