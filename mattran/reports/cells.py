"""The cells of a report form and the rules its figures keep, read and checked without writing anything.

A cell is one figure of a form: an indicator, or one option of its breakdown (a ``CellKey`` is the
indicator's code and the option's code, "" when there is none). The entry page, the API and the Excel
upload all parse and check figures here, so a figure is refused for the same reason, in the same words,
wherever it is typed; the actions (``reports.actions``) then write what passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from mattran.core.text import nfc, parse_money
from mattran.org.models import Unit

from . import periods as P
from . import queries, registry
from .models import Indicator, IndicatorRule, Measure, ReportForm, Source, Submission

OUTLIER_FACTOR = 3
OUTLIER_FLOOR = 10  # below this a previous figure is too small to judge a jump by

CellKey = tuple[str, str]  # (indicator code, breakdown option code or "")
Parsed = dict[tuple[Indicator, str], int | None]
Where = Callable[[Indicator, str], str]
NoteWhere = Callable[[Indicator], str]


def _field(ind: Indicator, bd: str) -> str:
    return f"v__{ind.code}__{bd}"


def _note_field(ind: Indicator) -> str:
    return f"note__{ind.code}"


def parse_number(raw: object, indicator: Indicator) -> int | None:
    """Read a figure typed the Vietnamese way ("1.800.000", "12,5") into the stored integer; None if blank."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(_("không phải là số"))
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float | Decimal):
        number = Decimal(str(raw))
    else:
        if indicator.measure == Measure.DONG and nfc(str(raw)):
            # Money as cadres write it: "15.000.000", "15 triệu", "1,8 tỷ" (core.text.parse_money).
            try:
                return indicator.to_stored(Decimal(parse_money(str(raw))))
            except ValueError as exc:
                raise ValueError(_("không phải là số tiền (ví dụ: 15.000.000 hoặc 15 triệu)")) from exc
        text = nfc(str(raw)).replace(" ", "").replace("\u00a0", "")
        if text == "":
            return None
        number = _parse_text(text, indicator)
    if indicator.decimals == 0 and number != number.to_integral_value():
        raise ValueError(_("phải là số nguyên"))
    return indicator.to_stored(number)


def _parse_text(text: str, indicator: Indicator) -> Decimal:
    if indicator.decimals == 0:
        # Dots and commas are thousands separators in whole numbers: "1.800.000" or "1,800,000".
        if not re.fullmatch(r"-?\d{1,3}([.,]\d{3})*|-?\d+", text):
            raise ValueError(_("không phải là số nguyên"))
        text = text.replace(".", "").replace(",", "")
    else:
        if not re.fullmatch(r"-?\d+([.,]\d+)?", text):
            raise ValueError(_("không phải là số"))
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(_("không phải là số")) from exc


def form_cells(form: ReportForm) -> list[tuple[Indicator, str, str]]:
    """(indicator, breakdown option code, option name) for every enterable cell of a form, in order."""
    out = []
    for ind in queries.form_indicators(form):
        if not ind.is_entered:
            continue
        if ind.breakdown is not None:
            for opt in ind.breakdown.options.all():
                out.append((ind, opt.code, opt.name))
        else:
            out.append((ind, "", ""))
    return out


def computed_reason(ind: Indicator) -> str:
    """Why a figure cannot be typed: where it comes from."""
    if ind.is_ratio:
        return _("là tỷ lệ, được tính tự động từ hai chỉ tiêu khác, không nhập tay.")
    comp = registry.get(ind.computed_key)
    if comp is None:
        return _("được tính tự động từ dữ liệu trên hệ thống; không nhập tay.")
    label = str(comp.label)
    return _("được tính tự động — %(source)s; không nhập tay.") % {"source": label[:1].lower() + label[1:]}


def _bounds_error(ind: Indicator, stored: int) -> str | None:
    if ind.min_value is not None and stored < ind.min_value * ind.scale:
        return _("%(indicator)s: giá trị phải ≥ %(minimum)s.") % {
            "indicator": ind.name,
            "minimum": ind.min_value,
        }
    if ind.max_value is not None and stored > ind.max_value:
        return _("%(indicator)s: giá trị vượt quá %(maximum)s.") % {
            "indicator": ind.name,
            "maximum": ind.format(ind.max_value),
        }
    return None


def _parse_cells(form: ReportForm, raw: Mapping[CellKey, object], where: Where) -> tuple[Parsed, list[dict]]:
    """Each figure given for an enterable cell, read and within its indicator's bounds."""
    errors: list[dict] = []
    cells: Parsed = {}
    for ind, bd, _name in form_cells(form):
        if (ind.code, bd) not in raw:
            continue
        value = raw[(ind.code, bd)]
        try:
            stored = parse_number(value, ind)
        except ValueError as exc:
            errors.append(
                {
                    "field": where(ind, bd),
                    "message": _("%(indicator)s: “%(value)s” %(problem)s.")
                    % {"indicator": ind.name, "value": value, "problem": exc},
                }
            )
            continue
        problem = _bounds_error(ind, stored) if stored is not None else None
        if problem:
            errors.append({"field": where(ind, bd), "message": problem})
            continue
        cells[(ind, bd)] = stored
    return cells, errors


def _totals(cells: Parsed) -> tuple[dict[int, int], dict[int, Indicator]]:
    """Each indicator's total over its breakdown, and the indicators by id."""
    totals: dict[int, int] = {}
    by_pk: dict[int, Indicator] = {}
    for (ind, _bd), stored in cells.items():
        by_pk[ind.pk] = ind
        if stored is not None:
            totals[ind.pk] = totals.get(ind.pk, 0) + stored
    return totals, by_pk


def _rule_errors(form: ReportForm, cells: Parsed, where: Where) -> list[dict]:
    """The consistency rules (answered ≤ received…) that the given figures break."""
    totals, _by_pk = _totals(cells)
    by_pk = {ind.pk: ind for ind, _bd, _name in form_cells(form)}
    errors = []
    for rule in IndicatorRule.objects.filter(left__in=by_pk, right__in=by_pk):
        left, right = totals.get(rule.left_id), totals.get(rule.right_id)
        if left is not None and right is not None and not rule.holds(left, right):
            errors.append({"field": where(by_pk[rule.left_id], ""), "message": rule.message})
    return errors


def _outlier_errors(
    unit: Unit, period: P.Period, cells: Parsed, notes: Mapping[str, str], note_where: NoteWhere
) -> list[dict]:
    """Figures far from the previous period's that come without an explanation."""
    totals, by_pk = _totals(cells)
    previous = queries.previous_values(unit, [by_pk[i] for i in totals], period)
    errors = []
    for ind_pk, total in totals.items():
        ind, before = by_pk[ind_pk], previous.get(ind_pk)
        if before is None or before < OUTLIER_FLOOR * ind.scale or ind.aggregation == "last":
            continue
        jumped = total > before * OUTLIER_FACTOR or total * OUTLIER_FACTOR < before
        if jumped and not nfc(notes.get(ind.code, "")):
            message = _(
                "%(indicator)s: %(value)s chênh lệch lớn so với kỳ trước (%(previous)s); hãy ghi giải trình."
            ) % {"indicator": ind.name, "value": ind.format(total), "previous": ind.format(before)}
            errors.append({"field": note_where(ind), "message": message})
    return errors


def validate_cells(
    form: ReportForm,
    unit: Unit,
    period: P.Period,
    raw: Mapping[CellKey, object],
    notes: Mapping[str, str],
    *,
    where: Where = _field,
    note_where: NoteWhere = _note_field,
) -> tuple[Parsed, list[dict]]:
    """Parse and check a unit's figures for one period; return the cells and the list of errors.

    ``where`` names the place of a cell in error messages (a form field, or a sheet cell such as "C7").
    """
    derived = {ind.code: ind for ind in queries.form_indicators(form) if not ind.is_entered}
    errors = [
        {
            "field": where(ind, bd),
            "message": _("%(indicator)s: %(reason)s")
            % {"indicator": ind.name, "reason": computed_reason(ind)},
        }
        for code, bd in raw
        if (ind := derived.get(code)) is not None
    ]
    cells, parse_errors = _parse_cells(form, raw, where)
    errors += parse_errors
    errors += _rule_errors(form, cells, where)
    errors += _outlier_errors(unit, period, cells, notes, note_where)
    return cells, errors


def computed_answers(submission: Submission) -> dict[Indicator, dict[str, int]]:
    """What the registered queries answer now for the computed indicators of a report (stored scale)."""
    unit, period = submission.unit, submission.period
    out: dict[Indicator, dict[str, int]] = {}
    for ind in queries.form_indicators(submission.form):
        if ind.source != Source.COMPUTED or registry.get(ind.computed_key) is None:
            continue
        answers = registry.compute(ind.computed_key, unit, period)
        out[ind] = {bd: ind.to_stored(number) for bd, number in answers.items()}
    return out


def missing_cells(submission: Submission) -> list[str]:
    """Names of the entered cells a report still lacks."""
    have = queries.unit_values(submission.unit, queries.form_indicators(submission.form), submission.period)
    return [
        f"{ind.name}{' – ' + name if name else ''}"
        for ind, bd, name in form_cells(submission.form)
        if (ind.pk, bd) not in have
    ]


def entered_figures(cells: Iterable[tuple[tuple[Indicator, str], int | None]]) -> dict[str, object]:
    """The figures as the audit log shows them: "CODE/option" → the number as typed (None when cleared)."""
    return {
        f"{ind.code}{'/' + bd if bd else ''}": ind.to_display(v) if v is not None else None
        for (ind, bd), v in cells
    }
