"""The demo, composed: each installed app of mattran that has a ``demo`` module with ``load()`` adds its
records, in the order of INSTALLED_APPS (which is the order of the layers: organisation first)."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import transaction


def demo_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("mattran.") or config.name == __package__:
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


@transaction.atomic
def load_demo() -> list[str]:
    """Create the demo records that are not there yet (running it again adds nothing); say what was done."""
    done: list[str] = []
    for module in demo_modules():
        done += module.load()
    return done
