"""Amount and date parsing shared by the layouts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from .model import AmountError, WrongLayoutError

# "." groups thousands (Vietcombank, most Vietnamese exports); "," where the bank prints 1,000,000.
_DOT = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?")
_COMMA = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?")
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_amount(
    raw: object,
    *,
    thousands: str = ".",
    page: int | None = None,
    line: int | None = None,
    field: str | None = None,
) -> int:
    """Parse a printed or spreadsheet amount into whole đồng; blank is 0 (the caller decides whether a
    blank cell may stand for nothing), fractions and anything else raise AmountError."""
    if raw is None:
        return 0
    if isinstance(raw, bool):
        raise AmountError(str(raw), page=page, line=line, field=field)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float | Decimal):
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise AmountError(str(raw), page=page, line=line, field=field) from None
        if value != value.to_integral_value():
            raise AmountError(str(raw), page=page, line=line, field=field)
        return int(value)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return 0
    pattern = _DOT if thousands == "." else _COMMA
    if pattern.fullmatch(text) is None:
        raise AmountError(str(raw).strip(), page=page, line=line, field=field)
    decimal_mark = "," if thousands == "." else "."
    whole = text.split(decimal_mark, 1)[0]
    return int(whole.replace(thousands, ""))


def format_amount(value: int, *, thousands: str = ".") -> str:
    """Format whole đồng with the bank's thousands separator."""
    return f"{value:,}".replace(",", thousands)


def parse_date(raw: object, *, page: int | None = None, line: int | None = None) -> dt.date:
    """Parse dd/mm/yyyy (or a spreadsheet date) into a date."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    match = _DATE.search(str(raw or ""))
    if match is None:
        raise WrongLayoutError(f"Ngày giao dịch không hợp lệ: '{raw}'", page=page, line=line)
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise WrongLayoutError(f"Ngày giao dịch không hợp lệ: '{raw}'", page=page, line=line) from None


def parse_time(raw: object) -> dt.time | None:
    """Return the hh:mm[:ss] found in ``raw`` or None."""
    if isinstance(raw, dt.datetime):
        return raw.time()
    if isinstance(raw, dt.time):
        return raw
    match = _TIME.search(str(raw or ""))
    if match is None:
        return None
    hour, minute, second = match.group(1), match.group(2), match.group(3) or "0"
    return dt.time(int(hour), int(minute), int(second))
