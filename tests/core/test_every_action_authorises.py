"""Every action (each ``do_*`` in the code base) authorises its actor itself: called by an account without
the permission, or with no actor at all, it is refused (403) and changes nothing — so no view, API
endpoint, command or background task can skip the check.

The actions are found by scanning the code, so a new action is covered automatically: it needs a case in
``tests/<app>/action_cases.py`` (``CASES``: action name → a function that, given the test world, prepares
what the action needs and returns a call taking the actor). An action of the public portal, which anyone
may call, is listed in that module's ``PUBLIC`` with the reason instead.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

import mattran
from mattran.core.errors import PermissionDenied

ROOT = Path(mattran.__file__).resolve().parent
TESTS = Path(__file__).resolve().parents[1]


def action_modules() -> list[str]:
    """``mattran.<app>.actions`` and ``mattran.<app>.actions.<topic>`` modules."""
    found = []
    for info in pkgutil.walk_packages([str(ROOT)], prefix="mattran."):
        parts = info.name.split(".")
        if len(parts) >= 3 and parts[2] == "actions":
            found.append(info.name)
    return sorted(found)


def discovered_actions() -> dict[str, object]:
    """``"<app>.do_x"`` → the function, for every ``do_*`` defined in an actions module."""
    out = {}
    for name in action_modules():
        module = importlib.import_module(name)
        app = name.split(".")[1]
        for attr, fn in vars(module).items():
            if attr.startswith("do_") and inspect.isfunction(fn) and fn.__module__ == name:
                out[f"{app}.{attr}"] = fn
    return out


def case_modules() -> dict[str, object]:
    out = {}
    for path in sorted(TESTS.glob("*/action_cases.py")):
        out[path.parent.name] = importlib.import_module(f"tests.{path.parent.name}.action_cases")
    return out


def all_cases() -> tuple[dict, dict]:
    cases, public = {}, {}
    for app, module in case_modules().items():
        for name, case in getattr(module, "CASES", {}).items():
            cases[f"{app}.{name}"] = case
        for name, reason in getattr(module, "PUBLIC", {}).items():
            public[f"{app}.{name}"] = reason
    return cases, public


ACTIONS = discovered_actions()
CASES, PUBLIC = all_cases()


def test_it_finds_the_actions() -> None:
    assert len(ACTIONS) > 90  # a broken scan would pass on nothing


def test_it_has_no_action_outside_an_actions_module() -> None:
    """State changes live in ``<app>/actions.py`` or ``<app>/actions/<topic>.py``, nowhere else."""
    stray = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts or (len(rel.parts) >= 2 and rel.parts[1] in ("actions", "actions.py")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("do_"):
                stray.append(f"{rel}:{node.lineno} {node.name}")
    assert not stray, "\n".join(stray)


def test_every_action_has_a_case() -> None:
    missing = sorted(set(ACTIONS) - set(CASES) - set(PUBLIC))
    assert not missing, "add a case to tests/<app>/action_cases.py for:\n" + "\n".join(missing)
    unknown = sorted((set(CASES) | set(PUBLIC)) - set(ACTIONS))
    assert not unknown, "cases for actions that do not exist:\n" + "\n".join(unknown)


def fingerprint() -> str:
    """A digest of every row of every table of the project's apps and of the users."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if not (model.__module__.startswith("mattran.") or model._meta.label == "auth.User"):
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@dataclass
class World:
    """What a case builds on: the small tree of tests/conftest.py and its personas."""

    tree: object
    people: object


@pytest.fixture
def world(tree, people) -> World:
    return World(tree=tree, people=people)


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_refuses_an_actor_without_the_permission_and_changes_nothing(name: str, world: World) -> None:
    call = CASES[name](world)
    before = fingerprint()
    for actor in (world.people.outsider, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            call(actor)
        assert fingerprint() == before, f"{name} changed the database for {actor!r} before refusing"
