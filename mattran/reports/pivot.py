"""Pivot tables (indicators × periods for a unit, or child units × periods for an indicator) and bar charts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext

from mattran.org.models import Unit

from . import periods as P
from . import queries
from .models import Indicator, ReportForm

MAX_COLUMNS = 24


@dataclass
class PivotSpec:
    unit: Unit
    form: ReportForm
    kind: str
    first: P.Period
    last: P.Period
    mode: str  # "chi-tieu" (indicators × periods) or "don-vi" (children × periods for one indicator)
    indicator: Indicator | None = None

    @classmethod
    def from_query(cls, params: Mapping[str, str], unit: Unit, today: dt.date) -> PivotSpec:
        form = (
            ReportForm.objects.filter(code=params.get("bieu") or "BM-THANG").first()
            or ReportForm.objects.first()
        )
        if form is None:
            raise Http404(gettext("Chưa có biểu mẫu báo cáo nào."))
        kind = params.get("ky") or P.MONTH
        if kind not in (P.MONTH, P.QUARTER, P.HALF, P.YEAR) or P.KINDS.index(kind) < P.KINDS.index(
            form.period_kind
        ):
            kind = form.period_kind if form.period_kind != P.WEEK else P.MONTH
        year_start = dt.date(today.year, 1, 1)
        try:
            first = (
                P.Period.containing(kind, P.Period.from_key(params["tu"]).start) if params.get("tu") else None
            )
            last = (
                P.Period.containing(kind, P.Period.from_key(params["den"]).start)
                if params.get("den")
                else None
            )
        except ValueError:
            first = last = None
        first = first or P.Period.containing(kind, year_start)
        last = last or P.Period.containing(kind, dt.date(today.year, 12, 1))
        if last < first:
            first, last = last, first
        span = P.periods_between(kind, first.start, last.start)
        if len(span) > MAX_COLUMNS:
            first = span[-MAX_COLUMNS]
        inds = queries.form_indicators(form)
        indicator = next((i for i in inds if i.code == params.get("chi-tieu")), None)
        mode = "don-vi" if params.get("xem") == "don-vi" else "chi-tieu"
        if mode == "don-vi" and indicator is None:
            indicator = inds[0] if inds else None
        return cls(unit, form, kind, first, last, mode, indicator)

    def columns(self) -> list[queries.Column]:
        cols = [queries.Column.of(p) for p in P.periods_between(self.kind, self.first.start, self.last.start)]
        if len(cols) > 1:
            total = queries.Column.span(self.first, self.last, self.form.period_kind)
            cols.append(queries.Column("total", "Cả kỳ", total.pieces))
        return cols


@dataclass
class Cell:
    text: str
    raw: float | int | Decimal | None
    share: int = 0  # 0–100, the bar drawn behind the number


@dataclass
class Row:
    label: str
    cells: list[Cell]
    unit_id: int | None = None
    indicator: Indicator | None = None
    is_total: bool = False
    note: str = ""


@dataclass
class Table:
    title: str
    corner: str
    columns: list[queries.Column]
    rows: list[Row] = field(default_factory=list)


def _cells(
    ind: Indicator, result: queries.Rollup, group: int | str, columns: Sequence[queries.Column]
) -> list[Cell]:
    raw = [result.get(group, ind.pk, c.key) for c in columns]
    peak = max(
        (abs(v) for v, c in zip(raw, columns, strict=True) if v is not None and c.key != "total"), default=0
    )
    out = []
    for v, c in zip(raw, columns, strict=True):
        display = ind.to_display(v)
        share = int(abs(v) * 100 / peak) if v is not None and peak and c.key != "total" else 0
        out.append(
            Cell(ind.format(v), float(display) if display is not None and ind.decimals else display, share)
        )
    return out


def build(spec: PivotSpec) -> Table:
    columns = spec.columns()
    if spec.mode == "chi-tieu":
        inds = queries.form_indicators(spec.form)
        result = queries.rollup(inds, [spec.unit.pk], columns)
        table = Table(f"{spec.form.name} — {spec.unit.name}", "Chỉ tiêu", columns)
        for ind in inds:
            table.rows.append(
                Row(f"{ind.name} ({ind.get_measure_display()})", _cells(ind, result, spec.unit.pk, columns),
                    indicator=ind)
            )  # fmt: skip
        return table
    if spec.indicator is None:  # a form without indicators
        return Table(f"{spec.form.name} — {spec.unit.name}", "Đơn vị", columns)
    ind = spec.indicator
    kids: list[Unit] = list(
        queries.children_for(spec.unit, spec.first.start, spec.last.end).order_by("sort_name")
    )
    groups: list[int | str] = [spec.unit.pk, queries.OWN, *[k.pk for k in kids]]
    result = queries.rollup([ind], groups, columns, own_of=spec.unit.pk)
    table = Table(f"{ind.name} ({ind.get_measure_display()}) — {spec.unit.name}", "Đơn vị", columns)
    table.rows.append(Row(f"Toàn {spec.unit.name}", _cells(ind, result, spec.unit.pk, columns), spec.unit.pk,
                          is_total=True))  # fmt: skip
    own = _cells(ind, result, queries.OWN, columns)
    if any(c.raw is not None for c in own):
        table.rows.append(Row(f"Số liệu của chính {spec.unit.name}", own, note="gồm đơn vị cũ đã sáp nhập"))
    for kid in kids:
        table.rows.append(Row(kid.name, _cells(ind, result, kid.pk, columns), kid.pk))
    return table


@dataclass
class Bar:
    label: str
    text: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Tick:
    """A value on the vertical axis, with its grid line's height in the drawing."""

    y: float
    text: str


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    width: int = 640
    height: int = 200
    ticks: list[Tick] = field(default_factory=list)
    left: int = 0  # the axis's x: the labels of the values are to its left
    base: float = 0  # the axis's y: the zero line


def _nice_step(peak: float, count: int = 4) -> float:
    """A round step (1, 2 or 5 × 10^n) that cuts 0..peak into about ``count`` parts."""
    raw = peak / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def bar_chart(
    title: str,
    items: list[tuple[str, float | None, str]],
    *,
    width: int = 640,
    height: int = 220,
    axis_text: Callable[[float], str] = lambda v: f"{v:,.0f}".replace(",", "."),
) -> Chart:
    """Vertical bars laid out for an inline SVG (no JavaScript): a value axis with round steps and grid
    lines at the left, each bar's value printed above it, each bar's period below."""
    left, top, bottom = 56, 18, 24
    plot = height - top - bottom
    peak = max((v for _, v, _ in items if v), default=0) or 1
    step_value = _nice_step(peak)
    ceiling = step_value * math.ceil(peak / step_value)
    base = top + plot
    ticks = [
        Tick(base - k * step_value * plot / ceiling, axis_text(k * step_value))
        for k in range(int(round(ceiling / step_value)) + 1)
    ]
    step = (width - left) / max(len(items), 1)
    bars = []
    for index, (label, value, text) in enumerate(items):
        h = (value or 0) * plot / ceiling
        bars.append(Bar(label, text, left + index * step + step * 0.15, base - h, step * 0.7, h))
    return Chart(title, bars, width, height, ticks, left, base)


def dashboard_chart(unit: Unit, today: dt.date, code: str = "QUA-SUAT") -> Chart | None:
    """The last 12 months of one headline indicator for the unit's subtree."""
    ind = Indicator.objects.filter(code=code).first()
    if ind is None:
        return None
    months = P.periods_between(P.MONTH, P.Period.containing(P.MONTH, today).start.replace(day=1), today)
    last = P.Period.containing(P.MONTH, today).previous()
    months = [last]
    for _ in range(11):
        months.insert(0, months[0].previous())
    cols = [queries.Column.of(m) for m in months]
    result = queries.rollup([ind], [unit.pk], cols)
    items = [(m.short_label, result.get(unit.pk, ind.pk, m.key), ind.format(result.get(unit.pk, ind.pk, m.key)))
             for m in months]  # fmt: skip
    if not any(v for _, v, _ in items):
        return None
    title = gettext("%(indicator)s (%(measure)s), 12 tháng gần nhất") % {
        "indicator": ind.name,
        "measure": ind.get_measure_display(),
    }
    return bar_chart(title, items)
