"""Statement uploads are queued as django-tasks and imported by `mattran db_worker`, progress in the shared cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from mattran.funds import actions, importing
from mattran.funds.models import BankStatement, StatementLine, StatementStatus
from tests.conftest import SYSTEM
from tests.funds.statement_generators import Options, generate

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}}


@pytest.fixture
def account(tree, funds):
    return actions.do_create_bank_account(
        acting_user=SYSTEM, unit=tree.commune, fund=funds.commune, bank_bin="970436", number="123456789012",
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


def test_it_says_when_no_worker_takes_the_import_and_can_queue_it_again(
    client, people, account, queued, tmp_path
) -> None:
    import datetime as dt

    from django.utils import timezone

    from mattran.funds.tasks import import_statement

    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=10, seed=3, account="123456789012", holder="UBMTTQ XA AN"))
    client.force_login(people.ward_editor)
    _upload(client, account, path)
    statement = BankStatement.objects.get(account=account)
    assert 'id="stalled"' not in client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()

    BankStatement.objects.filter(pk=statement.pk).update(queued_at=timezone.now() - dt.timedelta(minutes=5))
    page = client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()
    assert 'id="stalled"' in page and "db_worker" in page and "xep-lai" in page
    assert client.post(f"/quy/sao-ke/{statement.pk}/xep-lai/").status_code == 302
    assert DBTaskResult.objects.count() == 2

    # Both tasks run: the first imports, the second finds it done and adds nothing.
    results = [import_statement.call(statement.pk), import_statement.call(statement.pk)]
    assert [r["status"] for r in results] == ["done", "skipped"]
    assert StatementLine.objects.filter(account=account).count() == 10
    assert client.post(f"/quy/sao-ke/{statement.pk}/xep-lai/").status_code == 302  # refused: not waiting
    assert DBTaskResult.objects.count() == 2


def test_an_import_whose_worker_died_can_be_imported_again(client, people, account, queued, tmp_path) -> None:
    import datetime as dt

    from django.utils import timezone

    from mattran.core.models import AuditEntry
    from mattran.funds.tasks import import_statement

    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=2500, seed=8, account="123456789012", holder="UBMTTQ XA AN"))
    client.force_login(people.ward_editor)
    _upload(client, account, path)
    statement = BankStatement.objects.get(account=account)

    # The worker is stopped (Ctrl-C, or killed) after its first batch of lines: the exception is not one
    # the task catches, so the import stays "running"; its transaction rolled back.
    def killed(lines, page):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        importing.run_import(statement, progress=killed)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.RUNNING and statement.started_at is not None
    assert not StatementLine.objects.exists()

    # A run that reported progress a minute ago is in hand: no warning, and queuing it again is refused.
    key = importing.progress_key(statement.pk)
    a_minute_ago = timezone.now() - dt.timedelta(minutes=1)
    BankStatement.objects.filter(pk=statement.pk).update(started_at=timezone.now() - dt.timedelta(minutes=30))
    importing.progress_cache().set(
        key, {"lines": 2000, "page": 3, "pages": 9, "at": a_minute_ago.timestamp()}
    )
    try:
        page = client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()
        assert 'id="stalled"' not in page
        api = client.get(f"/api/v1/funds/statements/{statement.pk}").json()
        assert api["stalled_since"] is None and api["progress"] == {"lines": 2000, "page": 3, "pages": 9}
        refused = client.post(f"/api/v1/funds/statements/{statement.pk}/requeue")
        assert refused.status_code == 409 and "báo tiến độ" in refused.json()["message"]
        response = client.post(f"/quy/sao-ke/{statement.pk}/xep-lai/", follow=True)
        assert "chưa thể nhập lại" in response.content.decode()
    finally:
        importing.progress_cache().delete(key)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.RUNNING and DBTaskResult.objects.count() == 1

    # Silent for 30 minutes: the page says the run stopped and offers to import again; so does the API.
    page = client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()
    assert 'id="stalled"' in page and "không báo tiến độ" in page and "Nhập lại" in page
    assert client.get(f"/api/v1/funds/statements/{statement.pk}").json()["stalled_since"]
    assert client.post(f"/quy/sao-ke/{statement.pk}/xep-lai/").status_code == 302
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PENDING and DBTaskResult.objects.count() == 2
    assert AuditEntry.objects.filter(action="funds.requeue_statement", object_id=str(statement.pk)).exists()
    assert 'id="stalled"' not in client.get(f"/quy/sao-ke/{statement.pk}/").content.decode()

    assert import_statement.call(statement.pk)["status"] == "done"
    assert StatementLine.objects.filter(account=account).count() == 2500


def test_the_requeue_api_refuses_a_finished_import_and_a_reader(
    client, people, account, queued, tmp_path
) -> None:
    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=5, seed=2, account="123456789012", holder="UBMTTQ XA AN"))
    statement = actions.do_import_statement(acting_user=SYSTEM, account=account, path=str(path))
    assert statement.status == StatementStatus.DONE
    client.force_login(people.ward_editor)
    response = client.post(f"/api/v1/funds/statements/{statement.pk}/requeue")
    assert response.status_code == 409 and "không còn chờ nhập" in response.json()["message"]
    client.force_login(people.outsider)
    assert client.post(f"/api/v1/funds/statements/{statement.pk}/requeue").status_code == 403


def test_it_marks_an_import_failed_when_the_task_breaks_and_one_run_at_a_time(
    account, queued, tmp_path, monkeypatch
) -> None:
    from mattran.core.errors import ActionError
    from mattran.funds.tasks import import_statement

    path = tmp_path / "vcb.csv"
    generate("vcb_table", path, Options(lines=10, seed=4, account="123456789012", holder="UBMTTQ XA AN"))
    statement = actions.do_create_statement(
        acting_user=SYSTEM, account=account, path=str(path), file_name="a.csv"
    )

    def broken(*args, **kwargs):
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(importing, "read_batches", broken)
    with pytest.raises(RuntimeError):
        import_statement.call(statement.pk)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.FAILED and "đĩa đầy" in statement.error
    assert not StatementLine.objects.exists()

    monkeypatch.undo()
    BankStatement.objects.filter(pk=statement.pk).update(status=StatementStatus.RUNNING)
    with pytest.raises(ActionError, match="đang được nhập"):
        importing.run_import(statement)
    assert import_statement.call(statement.pk)["status"] == "skipped"
