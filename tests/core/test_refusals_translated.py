"""Every refusal (ActionError) written in the code has its English text, so a cadre who switched the
interface to English reads why an action was refused in English (the API answers the same words)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "mattran"
MARKERS = {"_", "gettext", "gettext_lazy"}


def refusal_texts() -> list[tuple[str, str]]:
    """(where, msgid) of each translatable text in the message of an ActionError in the code."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ActionError" and node.args
            ):
                continue
            for inner in ast.walk(node.args[0]):
                if (
                    isinstance(inner, ast.Call)
                    and getattr(inner.func, "id", None) in MARKERS
                    and inner.args
                    and isinstance(inner.args[0], ast.Constant)
                ):
                    found.append((f"{path.relative_to(ROOT)}:{inner.lineno}", inner.args[0].value))
    return found


def test_every_refusal_has_its_english_text() -> None:
    texts = refusal_texts()
    assert len(texts) > 300  # the scan found the refusals (a broken scan would pass on nothing)
    with translation.override("en"):
        missing = [f"{where}: {text}" for where, text in texts if translation.gettext(text) == text]
    assert not missing, "\n".join(missing)


def test_no_refusal_is_written_as_a_bare_string() -> None:
    """A refusal's message goes through gettext; data in it is put in with %-placeholders."""
    bare = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ActionError" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant | ast.JoinedStr):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bare, bare
