"""Working days in Vietnam: Saturdays and Sundays off, the public holidays of the Labour Code (Tết
Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh — from PyPI ``holidays``), corrected
with the bridge days and the Saturdays worked in exchange that the library knows), corrected by the
administrator's ``DayOverride`` rows: extra days off the Government grants each year (the bridge days
around Tết) and the Saturdays worked in exchange, as the yearly notice of the Ministry announces them.

Legal deadlines count working days from the day after the day of receipt: a case received on Friday with
a 10-working-day deadline is due on the tenth working day after it, never on a weekend or a holiday.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _calendar(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, Saturdays worked in exchange) of one year as the library knows them."""
    table = holidays.country_holidays("VN", years=year)
    worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return frozenset(table.keys()), worked


def _statutory(year: int) -> frozenset[dt.date]:
    return _calendar(year)[0]


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The administrator's corrections between two dates (inclusive): date → "off" or "work"."""
    from .models import DayOverride

    return dict(DayOverride.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind"))


def _is_working(day: dt.date, overrides: dict[dt.date, str]) -> bool:
    kind = overrides.get(day)
    if kind == "work":
        return True
    if kind == "off":
        return False
    off, worked = _calendar(day.year)
    if day in worked:
        return True
    return day.weekday() < 5 and day not in off


def is_working_day(d: dt.date) -> bool:
    """Whether public offices work on this day."""
    return _is_working(d, _overrides(d, d))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (``start`` itself never counts); n = 0 gives ``start``.

    A negative n counts backwards (the working day n days before), used for "due in 2 working days".
    """
    if n == 0:
        return start
    step = ONE_DAY if n > 0 else -ONE_DAY
    remaining = abs(n)
    # Enough room for any run of holidays (Tết plus the bridge days is under two weeks).
    span = dt.timedelta(days=remaining * 2 + 30)
    low, high = (start, start + span) if n > 0 else (start - span, start)
    overrides = _overrides(low, high)
    day = start
    while remaining:
        day += step
        if not (low <= day <= high):  # past the window: widen it (very long deadlines)
            low, high = (day, day + span) if n > 0 else (day - span, day)
            overrides = _overrides(low, high)
        if _is_working(day, overrides):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """The working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
    if a == b:
        return 0
    if b < a:
        return -working_days_between(b, a)
    overrides = _overrides(a, b)
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        if _is_working(day, overrides):
            count += 1
    return count
