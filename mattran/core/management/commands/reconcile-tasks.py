"""`mattran reconcile-tasks`: mark background tasks left "running" by a stopped worker as failed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mattran.core.tasks import reconcile_tasks


class Command(BaseCommand):
    help = (
        "Mark task rows left RUNNING by a worker process that no longer exists on this host as FAILED; "
        "with --older-than MINUTES, also any host's rows running longer than that."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=float, default=None, metavar="MINUTES")

    def handle(self, *args: Any, older_than: float | None = None, **options: Any) -> None:
        age = dt.timedelta(minutes=older_than) if older_than is not None else None
        found = reconcile_tasks(alive=set(), older_than=age)
        self.stdout.write(f"{found} task(s) marked failed.")
