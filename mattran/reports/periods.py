"""Reporting periods as computed keys: a kind (week, month, quarter, half year, year) and a start date.

Nothing is stored for a period; ``Period`` knows its end, its key ("2025-03", "2025-Q1", "2025-H1",
"2025", "2025-W05"), its Vietnamese label and the periods it contains. A week belongs to the month of its
Monday, so weeks roll up into months without being counted twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEK, MONTH, QUARTER, HALF, YEAR = "W", "M", "Q", "H", "Y"
KINDS = [WEEK, MONTH, QUARTER, HALF, YEAR]
KIND_LABELS = {
    WEEK: "Tuần",
    MONTH: "Tháng",
    QUARTER: "Quý",
    HALF: "6 tháng",
    YEAR: "Năm",
}
# How many months a period of each kind spans (weeks are handled apart).
MONTHS = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_KEY = re.compile(r"^(\d{4})(?:-(W\d{2}|\d{2}|Q[1-4]|H[12]))?$")


def coarser(kind: str) -> list[str]:
    """The kinds a value of ``kind`` rolls up into (a week into months and up)."""
    return KINDS[KINDS.index(kind) + 1 :]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: dt.date

    # --- construction --------------------------------------------------------------------------------

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        """The period of a kind that contains a day."""
        if kind == WEEK:
            return cls(WEEK, day - dt.timedelta(days=day.weekday()))
        if kind == MONTH:
            return cls(MONTH, day.replace(day=1))
        if kind == QUARTER:
            return cls(QUARTER, dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
        if kind == HALF:
            return cls(HALF, dt.date(day.year, 1 if day.month <= 6 else 7, 1))
        if kind == YEAR:
            return cls(YEAR, dt.date(day.year, 1, 1))
        raise ValueError(f"Loại kỳ không hợp lệ: {kind!r}")

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Parse "2025", "2025-03", "2025-Q1", "2025-H2" or "2025-W05"."""
        match = _KEY.match((key or "").strip().upper())
        if not match:
            raise ValueError(f"Mã kỳ báo cáo không hợp lệ: {key!r}")
        year, rest = int(match.group(1)), match.group(2)
        if rest is None:
            return cls(YEAR, dt.date(year, 1, 1))
        if rest.startswith("W"):
            monday = dt.date.fromisocalendar(year, int(rest[1:]), 1)
            return cls(WEEK, monday)
        if rest.startswith("Q"):
            return cls(QUARTER, dt.date(year, (int(rest[1]) - 1) * 3 + 1, 1))
        if rest.startswith("H"):
            return cls(HALF, dt.date(year, 1 if rest[1] == "1" else 7, 1))
        month = int(rest)
        if not 1 <= month <= 12:
            raise ValueError(f"Mã kỳ báo cáo không hợp lệ: {key!r}")
        return cls(MONTH, dt.date(year, month, 1))

    # --- description ---------------------------------------------------------------------------------

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.kind == WEEK:
            return self.start + dt.timedelta(days=6)
        return _add_months(self.start, MONTHS[self.kind]) - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        y = self.start.year
        if self.kind == WEEK:
            iso = self.start.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.kind == MONTH:
            return f"{y}-{self.start.month:02d}"
        if self.kind == QUARTER:
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == HALF:
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        return str(y)

    @property
    def label(self) -> str:
        y = self.start.year
        if self.kind == WEEK:
            iso = self.start.isocalendar()
            return f"Tuần {iso.week}/{iso.year} ({self.start:%d/%m}–{self.end:%d/%m})"
        if self.kind == MONTH:
            return f"Tháng {self.start.month}/{y}"
        if self.kind == QUARTER:
            return f"Quý {ROMAN[(self.start.month - 1) // 3 + 1]}/{y}"
        if self.kind == HALF:
            return f"6 tháng đầu năm {y}" if self.start.month == 1 else f"6 tháng cuối năm {y}"
        return f"Năm {y}"

    @property
    def display(self) -> str:
        """``label`` in the interface language (``label`` stays Vietnamese: documents, audit, imports)."""
        from django.utils.translation import gettext as _

        y = self.start.year
        if self.kind == WEEK:
            iso = self.start.isocalendar()
            return _("Tuần %(week)s/%(year)s (%(start)s–%(end)s)") % {
                "week": iso.week, "year": iso.year, "start": f"{self.start:%d/%m}", "end": f"{self.end:%d/%m}",
            }  # fmt: skip
        if self.kind == MONTH:
            return _("Tháng %(month)s/%(year)s") % {"month": self.start.month, "year": y}
        if self.kind == QUARTER:
            return _("Quý %(quarter)s/%(year)s") % {
                "quarter": ROMAN[(self.start.month - 1) // 3 + 1],
                "year": y,
            }
        if self.kind == HALF:
            if self.start.month == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": y}
            return _("6 tháng cuối năm %(year)s") % {"year": y}
        return _("Năm %(year)s") % {"year": y}

    @property
    def short_label(self) -> str:
        if self.kind == MONTH:
            return f"T{self.start.month}/{self.start.year % 100:02d}"
        if self.kind == QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1}/{self.start.year % 100:02d}"
        if self.kind == HALF:
            return f"{'6T đầu' if self.start.month == 1 else '6T cuối'} {self.start.year}"
        if self.kind == WEEK:
            return f"T{self.start.isocalendar().week}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label

    # --- navigation ----------------------------------------------------------------------------------

    def next(self) -> Period:
        if self.kind == WEEK:
            return Period(WEEK, self.start + dt.timedelta(days=7))
        return Period(self.kind, _add_months(self.start, MONTHS[self.kind]))

    def previous(self) -> Period:
        if self.kind == WEEK:
            return Period(WEEK, self.start - dt.timedelta(days=7))
        return Period(self.kind, _add_months(self.start, -MONTHS[self.kind]))

    def parts(self, kind: str) -> list[Period]:
        """The periods of a finer kind inside this one (weeks by their Monday)."""
        if KINDS.index(kind) > KINDS.index(self.kind):
            raise ValueError("Chỉ chia được thành kỳ ngắn hơn.")
        out: list[Period] = []
        if kind == WEEK:
            monday = self.start + dt.timedelta(days=(7 - self.start.weekday()) % 7)
            while monday <= self.end:
                out.append(Period(WEEK, monday))
                monday += dt.timedelta(days=7)
            return out
        p = Period(kind, self.start)
        while p.start <= self.end:
            out.append(p)
            p = p.next()
        return out

    def parent(self, kind: str) -> Period:
        """The coarser period this one rolls up into (a week by the month of its Monday)."""
        return Period.containing(kind, self.start)


def periods_between(kind: str, first: dt.date, last: dt.date) -> list[Period]:
    """Consecutive periods of a kind from the one containing ``first`` to the one containing ``last``."""
    out, p = [], Period.containing(kind, first)
    end = Period.containing(kind, last)
    while p <= end:
        out.append(p)
        p = p.next()
    return out


def cover(kind_native: str, first: Period, last: Period) -> list[Period]:
    """Cover the months (or weeks) from ``first`` to ``last`` with the fewest aligned periods.

    Whole years, then halves, quarters and months are taken greedily, so a roll-up over a range reads the
    pre-aggregated totals of the largest pieces.
    """
    start, end = first.start, last.end
    out: list[Period] = []
    day = start
    while day <= end:
        for kind in (YEAR, HALF, QUARTER, MONTH):
            if KINDS.index(kind) < KINDS.index(kind_native):
                continue
            p = Period.containing(kind, day)
            if p.start == day and p.end <= end:
                out.append(p)
                day = p.end + dt.timedelta(days=1)
                break
        else:
            p = Period.containing(kind_native, day)
            out.append(p)
            day = p.end + dt.timedelta(days=1)
    return out
