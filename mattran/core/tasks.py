"""The background worker: several processes, a time limit per task, and no task left "running" forever.

``mattran worker`` (what scripts/run.sh starts, and restarts if it dies) keeps ``TASK_WORKERS`` child
processes taking tasks from the database queue (django-tasks-db), so one long import never holds up the
next. Each child runs one task at a time under ``TASK_TIME_LIMIT`` seconds: past it the task is interrupted
(``TaskTimeLimit`` raised inside it, so its own clean-up runs — an import rolls back and is marked failed
with the reason), and a child that does not stop within a grace period is killed by the parent.

A task row can be left RUNNING by a process that died (killed, out of memory, the machine restarted).
``reconcile_tasks`` marks such rows FAILED — the worker does it when it starts and whenever a child
dies — and sends ``task_abandoned`` so the module that queued the task can mark its own record (a
statement import "failed: the worker stopped"). Worker ids are ``host:pid:n``: a row whose worker process
no longer exists on this host is abandoned; rows of other hosts are left to their own workers, or to
``mattran reconcile-tasks --older-than`` once they are older than any task may run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone

logger = logging.getLogger("mattran.worker")

# Sent for each task row found abandoned: kwargs task_path (e.g. "mattran.funds.tasks.import_statement"),
# args, kwargs (the task's arguments) and reason (Vietnamese, for the record's report).
task_abandoned = Signal()

HOST = socket.gethostname()


class TaskTimeLimit(Exception):
    """A task ran past TASK_TIME_LIMIT and was interrupted."""


def worker_id(n: int, pid: int | None = None) -> str:
    return f"{HOST}:{pid or os.getpid()}:{n}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_dead(worker_ids: list[str], alive: set[str] | None) -> bool:
    """Whether the process that claimed a task row (its last worker id) is gone from this host."""
    if not worker_ids:
        return False
    last = str(worker_ids[-1])
    if alive is not None and last in alive:
        return False
    parts = last.split(":")
    if len(parts) != 3 or parts[0] != HOST or not parts[1].isdigit():
        return False  # another host's worker, or one not started by `mattran worker`
    return not _pid_alive(int(parts[1]))


def reconcile_tasks(
    *, alive: set[str] | None = None, older_than: dt.timedelta | None = None, reason: str = ""
) -> int:
    """Mark task rows left RUNNING by a dead worker process as FAILED; return how many.

    ``alive``: worker ids known to be running (the parent's children). ``older_than``: also rows of any host that started longer ago than this.
    """
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.running()
    abandoned = []
    now = timezone.now()
    for row in rows:
        stale = older_than is not None and row.started_at is not None and now - row.started_at > older_than
        if stale or _owner_dead(list(row.worker_ids or []), alive):
            abandoned.append(row)
    for row in abandoned:
        why = reason or "tiến trình chạy việc nền đã dừng giữa chừng"
        # Updated only if still RUNNING: a worker that finished it meanwhile wins.
        changed = DBTaskResult.objects.filter(pk=row.pk, status=row.status).update(
            status="FAILED",
            finished_at=now,
            exception_class_path="mattran.core.tasks.TaskAbandoned",
            traceback=f"{why} (worker {', '.join(map(str, row.worker_ids or []))})",
        )
        if changed:
            logger.warning("Task %s (%s) abandoned: %s", row.pk, row.task_path, why)
            task_abandoned.send(
                sender=DBTaskResult,
                task_path=row.task_path,
                args=list(row.args_kwargs.get("args", [])),
                kwargs=dict(row.args_kwargs.get("kwargs", {})),
                reason=why,
            )
    return len(abandoned)


# --- the child: one worker process -------------------------------------------------------------------


def _alarm(signum: int, frame: Any) -> None:
    raise TaskTimeLimit(f"quá thời gian cho phép ({settings.TASK_TIME_LIMIT} giây)")


def make_worker(n: int, *, interval: float = 1.0) -> Any:
    """A django-tasks-db worker whose every task runs under TASK_TIME_LIMIT (SIGALRM in this process)."""
    from django_tasks_db.management.commands.db_worker import Worker

    class LimitedWorker(Worker):
        def run_task(self, db_task_result: Any) -> None:
            previous = signal.signal(signal.SIGALRM, _alarm)
            signal.alarm(max(1, int(settings.TASK_TIME_LIMIT)))
            try:
                super().run_task(db_task_result)
            finally:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, previous)

    return LimitedWorker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=None,
        worker_id=worker_id(n),
        excluded_queue_names=[],
    )


def run_child(n: int, *, interval: float = 1.0) -> None:
    """Take and run tasks until told to stop (SIGTERM), each under the time limit."""
    worker = make_worker(n, interval=interval)
    worker.configure_signals()
    worker.run()


# --- the parent: keeps the children running ----------------------------------------------------------


def _stop_with_parent() -> None:
    """In a new child (Linux): be sent SIGTERM when the supervisor dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Supervisor:
    """Start ``processes`` children, restart any that dies, kill one that overruns its task's limit."""

    GRACE = 30  # seconds past the time limit before a child that has not stopped is killed

    def __init__(self, processes: int, *, out: Any = None) -> None:
        self.processes = max(1, processes)
        self.children: dict[int, subprocess.Popen] = {}
        self.running = True
        self.out = out or sys.stdout
        self.killed: set[int] = set()  # children killed for overrunning the time limit

    def _spawn(self, n: int) -> None:
        child = subprocess.Popen(
            [sys.executable, "-m", "mattran.cli", "worker", "--child", str(n)],
            start_new_session=True,  # its own process group: a kill reaches the statement reader too
            preexec_fn=_stop_with_parent,  # noqa: PLW1509 — only sets a flag of the new process
        )
        self.children[n] = child
        self.out.write(f"worker {n}: process {child.pid} started\n")
        self.out.flush()

    def _alive_ids(self) -> set[str]:
        return {worker_id(n, child.pid) for n, child in self.children.items() if child.poll() is None}

    def stop(self, signum: int = signal.SIGTERM, frame: Any = None) -> None:
        self.running = False

    def _overrunning(self) -> list[int]:
        """Children whose current task started longer ago than the limit and the grace."""
        from django_tasks_db.models import DBTaskResult

        limit = timezone.now() - dt.timedelta(seconds=settings.TASK_TIME_LIMIT + self.GRACE)
        ids = {worker_id(n, child.pid): n for n, child in self.children.items() if child.poll() is None}
        late = []
        for row in DBTaskResult.objects.running().filter(started_at__lt=limit):
            last = str((row.worker_ids or [""])[-1])
            if last in ids:
                late.append(ids[last])
        return late

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        found = reconcile_tasks(alive=set())
        if found:
            self.out.write(f"{found} task(s) left running by a stopped worker marked failed\n")
        for n in range(self.processes):
            self._spawn(n)
        last_check = 0.0
        try:
            while self.running:
                time.sleep(1)
                for n, child in list(self.children.items()):
                    if child.poll() is not None and self.running:
                        self.out.write(
                            f"worker {n}: process {child.pid} exited ({child.returncode}); restarting\n"
                        )
                        reason = (
                            f"quá thời gian cho phép ({settings.TASK_TIME_LIMIT} giây): việc bị dừng"
                            if n in self.killed
                            else ""
                        )
                        self.killed.discard(n)
                        reconcile_tasks(alive=self._alive_ids(), reason=reason)
                        self._spawn(n)
                if time.monotonic() - last_check > 10:
                    last_check = time.monotonic()
                    try:
                        for n in self._overrunning():
                            child = self.children[n]
                            self.out.write(
                                f"worker {n}: task over its time limit; killing process {child.pid}\n"
                            )
                            self.killed.add(n)
                            os.killpg(child.pid, signal.SIGKILL)
                    except Exception as exc:  # noqa: BLE001 — the database may be down a moment
                        logger.warning("Could not check running tasks: %s", exc)
        finally:
            for child in self.children.values():
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + 20
            for child in self.children.values():
                try:
                    child.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(child.pid, signal.SIGKILL)
            reconcile_tasks(alive=set())
