"""The data that ships with the app: the field catalogue and the deadline rules (data/*.json).

Loaded by migration 0002; ``ensure`` loads it again where a test database was flushed. Rows an
administrator changed keep their values: only missing rows are added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def rows(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def ensure(field_model: Any = None, rule_model: Any = None) -> None:
    """Add the shipped fields and deadline rules that are missing (historical models from a migration)."""
    if field_model is None or rule_model is None:
        from .models import DeadlineRule, Field

        field_model, rule_model = Field, DeadlineRule
    for row in rows("fields"):
        field_model.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "order": row["order"]}
        )
    for row in rows("deadline_rules"):
        rule_model.objects.get_or_create(
            kind=row["kind"],
            urgency=row["urgency"],
            stage=row["stage"],
            defaults={"working_days": row["working_days"], "legal_basis": row["legal_basis"]},
        )
