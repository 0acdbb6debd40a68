"""The background worker (core.tasks), with a statement import as its task: a task past its time limit is stopped and fails with the reason; a task row left
RUNNING by a dead worker process is marked failed (and a statement import with it), not left forever."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mattran.core.tasks import HOST, make_worker, reconcile_tasks, worker_id
from mattran.funds.actions import do_create_statement
from mattran.funds.models import BankStatement, StatementStatus
from tests.conftest import SYSTEM


def _row(
    task_path: str, args: list, *, status: str = "READY", worker_ids=(), started_at=None
) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=task_path, args_kwargs={"args": args, "kwargs": {}}, status=status, queue_name="default",
        backend_name="default", run_after=timezone.now(), worker_ids=list(worker_ids), started_at=started_at,
        exception_class_path="", traceback="",
    )  # fmt: skip


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def queued(settings):
    """Tasks queued in the database, as the worker takes them in production."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}
    }


def test_a_task_past_its_time_limit_is_stopped_with_the_reason(db, settings, queued) -> None:
    settings.TASK_TIME_LIMIT = 1
    row = _row("tests.core.slow_tasks.wait", [30])
    row.claim(worker_id(0))
    started = time.monotonic()
    make_worker(0).run_task(row)
    assert time.monotonic() - started < 5
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert row.exception_class_path == "mattran.core.tasks.TaskTimeLimit"
    assert "quá thời gian cho phép (1 giây)" in row.traceback


def test_a_task_within_its_limit_succeeds(db, settings, queued) -> None:
    settings.TASK_TIME_LIMIT = 5
    row = _row("tests.core.slow_tasks.wait", [0.01])
    row.claim(worker_id(0))
    make_worker(0).run_task(row)
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL" and row.return_value == "done"


def test_a_row_left_running_by_a_dead_worker_is_marked_failed_and_its_statement_too(funds) -> None:
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        handle.write(b"x")
    statement = do_create_statement(acting_user=SYSTEM, account=funds.account, path=Path(handle.name))
    BankStatement.objects.filter(pk=statement.pk).update(status=StatementStatus.RUNNING)
    dead = _row(
        "mattran.funds.tasks.import_statement", [statement.pk, None], status="RUNNING",
        worker_ids=[f"{HOST}:{_dead_pid()}:0"], started_at=timezone.now(),
    )  # fmt: skip
    alive = _row(
        "tests.core.slow_tasks.wait", [1], status="RUNNING", worker_ids=[f"{HOST}:{os.getpid()}:1"],
        started_at=timezone.now(),
    )  # fmt: skip
    elsewhere = _row(
        "tests.core.slow_tasks.wait", [1], status="RUNNING", worker_ids=["another-host:12345:0"],
        started_at=timezone.now() - dt.timedelta(hours=3),
    )  # fmt: skip

    assert reconcile_tasks(alive=set()) == 1
    dead.refresh_from_db(), alive.refresh_from_db(), elsewhere.refresh_from_db()
    assert (dead.status, alive.status, elsewhere.status) == ("FAILED", "RUNNING", "RUNNING")
    statement.refresh_from_db()
    assert statement.status == StatementStatus.FAILED and "dừng giữa chừng" in statement.error
    # rows of other machines only by age
    assert reconcile_tasks(alive=set(), older_than=dt.timedelta(hours=1)) == 1
    elsewhere.refresh_from_db()
    assert elsewhere.status == "FAILED"
    os.unlink(handle.name)


@pytest.mark.django_db(transaction=True)
def test_the_reconcile_command_reports_what_it_did(capsys) -> None:
    from django.core.management import call_command

    _row("tests.core.slow_tasks.wait", [1], status="RUNNING", worker_ids=[f"{HOST}:{_dead_pid()}:0"],
         started_at=timezone.now())  # fmt: skip
    call_command("reconcile-tasks")
    assert "1 task(s) marked failed." in capsys.readouterr().out
