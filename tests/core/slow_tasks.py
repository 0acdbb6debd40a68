"""A task for the worker's tests: it only waits."""

from __future__ import annotations

import time

from django_tasks import task


@task()
def wait(seconds: float) -> str:
    time.sleep(seconds)
    return "done"
