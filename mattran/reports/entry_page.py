"""What the entry page of a report shows: its sections of figures (typed, stored or computed), their
errors, the roll-up of the unit's subtree, and who may do what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from mattran.org.queries import ancestors

from . import cells, queries
from .models import BreakdownOption, FormItem, Indicator, Source, Submission, SubmissionState, Value

Stored = Mapping[tuple[int, str], Value]


def _pending(ind: Indicator, answer: dict[str, int] | None, stored: Stored) -> str:
    """The fresh figure of a computed indicator when it differs from the stored one, else ""."""
    if answer is None:
        return ""
    have = {bd: v.value for (i, bd), v in stored.items() if i == ind.pk}
    if have == answer:
        return ""
    options = {o.code: o.name for o in ind.breakdown.options.all()} if ind.breakdown is not None else {}
    return "; ".join(
        f"{options[bd]}: {ind.format(v)}" if bd in options else ind.format(v) for bd, v in answer.items()
    )


def _subtree(ind: Indicator, total: float | int | None, stored: Stored) -> str:
    """The roll-up over the unit's subtree when it holds more than the unit's own computed figure."""
    if ind.is_entered or ind.is_ratio or total is None:
        return ""
    own = sum(v.value for (i, _bd), v in stored.items() if i == ind.pk)
    return ind.format(total) if total != own else ""


def _cells(
    ind: Indicator, stored: Stored, raw: Mapping[cells.CellKey, object] | None, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """The cells of one indicator's row: what to show in each, and its errors."""
    out = []
    options: list[BreakdownOption | None] = [None]
    if ind.breakdown is not None:
        options = list(ind.breakdown.options.all())
    for opt in options:
        bd = opt.code if opt else ""
        name = f"v__{ind.code}__{bd}"
        v = stored.get((ind.pk, bd))
        if not ind.is_entered:
            shown: object = ind.format(v.value) if v else ""
        elif raw is not None:
            shown = raw.get((ind.code, bd))
        else:
            shown = ind.to_display(v.value) if v else ""
        out.append(
            {"name": name, "label": opt.name if opt else "", "value": "" if shown is None else shown,
             "errors": errors.get(name, []), "source": v.source if v else ""}
        )  # fmt: skip
    return out


def _row(
    item: FormItem,
    *,
    sub: Submission,
    stored: Stored,
    roll: queries.Rollup,
    live: dict[Indicator, dict[str, int]],
    raw: Mapping[cells.CellKey, object] | None,
    notes: Mapping[str, str] | None,
    errors: dict[str, list[str]],
) -> dict[str, Any]:
    ind = item.indicator
    note_name = f"note__{ind.code}"
    if notes is not None:
        note = notes.get(ind.code)
    else:
        note = next((v.note for (i, _b), v in stored.items() if i == ind.pk and v.note), "")
    total = roll.get(sub.unit_id, ind.pk, sub.period.key)
    conference = any(i == ind.pk and v.source == Source.CONFERENCE for (i, _b), v in stored.items())
    return {
        "indicator": ind, "cells": _cells(ind, stored, raw, errors), "note_name": note_name, "note": note or "",
        "note_errors": errors.get(note_name, []), "computed": not ind.is_entered,
        "computed_from": cells.computed_reason(ind) if not ind.is_entered else "",
        "pending": None if conference else _pending(ind, live.get(ind), stored),
        "subtree": _subtree(ind, total, stored), "rollup": ind.format(total), "conference": conference,
    }  # fmt: skip


def _sections(
    sub: Submission, *, can_enter: bool, raw: Mapping[cells.CellKey, object] | None,
    notes: Mapping[str, str] | None, errors: dict[str, list[str]],
) -> list[dict[str, Any]]:  # fmt: skip
    unit, form, period = sub.unit, sub.form, sub.period
    inds = queries.form_indicators(form)
    stored = queries.unit_values(unit, inds, period)
    # The unit's own figures plus, for the ratios and a reader's check, the roll-up of its subtree.
    roll = queries.rollup(inds, [unit.pk], [queries.Column.of(period)])
    # While the report can change, say when the records behind a computed figure moved since it was stored.
    live = cells.computed_answers(sub) if can_enter else {}
    sections: list[dict[str, Any]] = []
    for item in form.items_in_order():
        if not sections or sections[-1]["title"] != item.section:
            sections.append({"title": item.section, "rows": []})
        row = _row(item, sub=sub, stored=stored, roll=roll, live=live, raw=raw, notes=notes, errors=errors)
        sections[-1]["rows"].append(row)
    return sections


def entry_context(
    request: HttpRequest,
    sub: Submission,
    *,
    raw: Mapping[cells.CellKey, object] | None = None,
    notes: Mapping[str, str] | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The entry page of a report, showing ``raw`` figures and ``errors`` after a refused save."""
    unit, period, user = sub.unit, sub.period, request.user
    by_field: dict[str, list[str]] = {}
    for e in errors or []:
        by_field.setdefault(e.get("field") or "", []).append(e["message"])
    can_enter = user.has_perm("reports.enter", unit) and sub.is_editable
    sections = _sections(sub, can_enter=can_enter, raw=raw, notes=notes, errors=by_field)
    return {
        "sub": sub, "unit": unit, "form": sub.form, "period": period, "sections": sections,
        "general_errors": by_field.get("", []), "can_enter": can_enter,
        "error_summary": _error_summary(sections) if can_enter else [],
        "can_submit": user.has_perm("reports.submit", unit) and sub.is_editable,
        "can_approve": user.has_perm("reports.approve", unit) and sub.state == SubmissionState.SUBMITTED,
        "can_reopen": user.has_perm("reports.reopen", unit) and sub.state == SubmissionState.APPROVED,
        "chain": ancestors(unit), "prev": period.previous(),
        "next": period.next() if period.next().start <= timezone.localdate() else None,
        "history": sub.pk and queries.submission_history(sub),
    }  # fmt: skip


def _error_summary(sections: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every refused figure and explanation, in the form's order, with the id of its box to jump to."""
    out: list[dict[str, Any]] = []
    for section in sections:
        for row in section["rows"]:
            name = row["indicator"].name
            for cell in row.get("cells") or []:
                if cell.get("errors"):
                    label = f"{name} — {cell['label']}" if cell.get("label") else name
                    out.append({"id": cell["name"], "label": label, "messages": cell["errors"]})
            if row.get("note_errors"):
                out.append(
                    {
                        "id": row["note_name"],
                        "label": f"{name} — {gettext('Giải trình')}",
                        "messages": row["note_errors"],
                    }
                )
    return out
