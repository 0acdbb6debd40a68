"""`mattran worker`: the background worker (several processes, a time limit per task; see core.tasks)."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from mattran.core import tasks


class Command(BaseCommand):
    help = "Run the background worker: MATTRAN_WORKERS processes, each task under MATTRAN_TASK_TIME_LIMIT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--processes", type=int, default=None, help="worker processes (MATTRAN_WORKERS)")
        parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)

    def handle(
        self, *args: Any, processes: int | None = None, child: int | None = None, **options: Any
    ) -> None:
        if child is not None:
            tasks.run_child(child)
            return
        count = processes or settings.TASK_WORKERS
        self.stdout.write(
            f"Worker: {count} process(es), at most {settings.TASK_TIME_LIMIT} s per task. Ctrl-C stops it."
        )
        tasks.Supervisor(count, out=self.stdout).run()
