"""Vietnamese text helpers: normalisation, search folding, collation, money and dates."""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "MONEY_EXAMPLE",
    "NameSortKey",
    "SortKey",
    "format_date_short",
    "format_date_vi",
    "format_money",
    "format_money_short",
    "fold",
    "money_in_words",
    "name_sort_key",
    "natural_key",
    "nfc",
    "parse_money",
    "vi",
    "vi_sort_key",
]


def vi(text) -> str:
    """``text`` (a translatable label) in Vietnamese, for what is stored or written to the record: a fund's
    default name, a ledger line, an audit summary stay Vietnamese whatever the user's interface language."""
    from django.utils import translation

    with translation.override("vi"):
        return str(text)


def nfc(s: str) -> str:
    """Return ``s`` NFC-normalised with runs of whitespace collapsed and the ends stripped."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def paragraphs(s: str | None) -> str:
    """Return ``s`` NFC-normalised keeping its paragraphs: spaces collapsed within each line, line breaks
    kept (``nfc`` would join the lines), ends stripped."""
    lines = unicodedata.normalize("NFC", s or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def clean_text(
    value: object,
    *,
    field: str | None = None,
    required: bool = False,
    max_length: int | None = None,
    multiline: bool = False,
    message: str | None = None,
) -> str:
    """The one way an action reads a text it is given: NFC, whitespace collapsed (paragraphs kept when
    ``multiline``), None as empty; refused with the field named when required and empty or too long."""
    from django.utils.translation import gettext as _

    from .errors import ActionError

    raw = "" if value is None else str(value)
    text = paragraphs(raw) if multiline else nfc(raw)
    if required and not text:
        raise ActionError(message or _("Không được để trống."), field=field)
    if max_length is not None and len(text) > max_length:
        raise ActionError(_("Tối đa %(count)s ký tự.") % {"count": max_length}, field=field)
    return text


# ---------------------------------------------------------------------------------------------------------
# Search folding


# Letters that carry no combining mark in Unicode, so NFD alone would not fold them.
_FOLD_SPECIAL = {"đ": "d", "ð": "d"}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFD", ch.lower()):
        if unicodedata.category(c).startswith("M"):
            continue
        c = _FOLD_SPECIAL.get(c, c)
        out.append(c if c.isalnum() else " ")
    return "".join(out)


def _build_fold_table() -> dict[int, str]:
    # Precomputed for ASCII, Latin-1/Extended-A/B, the combining diacritics (left standalone when NFC
    # cannot attach them) and Latin Extended Additional, which holds the Vietnamese tone letters.
    ranges = (range(0x0000, 0x0250), range(0x0300, 0x0370), range(0x1E00, 0x1F00))
    table: dict[int, str] = {}
    for block in ranges:
        for cp in block:
            folded = _fold_char(chr(cp))
            if folded.isascii():
                table[cp] = folded
    return table


_FOLD_TABLE = _build_fold_table()


def fold(s: str) -> str:
    """Return the search key of ``s``: lower case, no diacritics, Đ→d, punctuation as single spaces."""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    s = s.translate(_FOLD_TABLE)
    if not s.isascii():
        s = "".join(_fold_char(c) for c in s)
    return " ".join(s.split())


# ---------------------------------------------------------------------------------------------------------
# Collation
#
# Vietnamese dictionaries order syllable by syllable: the base letters of a syllable first, in the order of
# the Vietnamese alphabet (where ă, â, đ, ê, ô, ơ, ư are letters of their own), then its tone, in the
# dictionary order ngang (none), huyền, hỏi, ngã, sắc, nặng; only then the next syllable. Letters outside
# the Vietnamese alphabet (f, j, w, z) sit where the Latin alphabet puts them, and runs of digits compare as
# numbers so "Tổ 2" comes before "Tổ 10".

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: they make ă â ê ô ơ ư

_DIGIT, _LETTER, _OTHER = 0, 1, 2

Element = tuple[int, ...]
WordKey = tuple[tuple[Element, ...], tuple[int, ...]]
SortKey = tuple[tuple[WordKey, ...], str]
NameSortKey = tuple[WordKey, tuple[WordKey, ...], WordKey, str]


@lru_cache(maxsize=4096)
def _collate_char(ch: str) -> tuple[Element, int]:
    """Return the primary element and the tone rank of one letter."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in _TONE_MARKS:
            tone = _TONE_MARKS[mark]
        elif mark in _ALPHABET_MARKS:
            letter = unicodedata.normalize("NFC", letter + mark)
    rank = _LETTER_RANK.get(letter)
    if rank is None:
        rank = _LETTER_RANK.get(base)
    if rank is None:
        return (_OTHER, ord(base)), tone
    return (_LETTER, rank), tone


_WORD = re.compile(r"\d+|[^\W\d_]+")


def _word_key(word: str) -> WordKey:
    elements: list[Element] = []
    tones: list[int] = []
    for token in _WORD.findall(word):
        if token[0].isdecimal():
            # Python's \d also matches non-ASCII decimal digits, which int() understands.
            elements.append((_DIGIT, int(token), len(token)))
            continue
        for ch in token:
            element, tone = _collate_char(ch)
            elements.append(element)
            tones.append(tone)
    return tuple(elements), tuple(tones)


def _words(s: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", unicodedata.normalize("NFC", s)) if w]


_DIGITS = re.compile(r"[0-9]+")


def natural_key(s: str) -> str:
    """A text key that sorts numbers by value: ``to dan pho 0000000002`` before ``... 0000000010``."""
    return _DIGITS.sub(lambda m: m.group(0).lstrip("0").rjust(10, "0"), fold(s))


def vi_sort_key(s: str) -> SortKey:
    """Return a key that sorts strings in Vietnamese dictionary order."""
    return tuple(_word_key(w) for w in _words(s)), nfc(s)


_EMPTY_WORD: WordKey = ((), ())


def name_sort_key(full_name: str) -> NameSortKey:
    """Return a key that sorts Vietnamese names by given name, then middle names, then family name."""
    words = [_word_key(w) for w in _words(full_name)]
    if not words:
        return _EMPTY_WORD, (), _EMPTY_WORD, nfc(full_name)
    if len(words) == 1:
        return words[0], (), _EMPTY_WORD, nfc(full_name)
    return words[-1], tuple(words[1:-1]), words[0], nfc(full_name)


# ---------------------------------------------------------------------------------------------------------
# Money


def _require_int(amount: object) -> int:
    # bool is an int subclass but never an amount; floats would silently lose đồng.
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"Số tiền phải là số nguyên đồng (int), không phải {type(amount).__name__}")
    return amount


def _group_thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def format_money(amount: int) -> str:
    """Format whole đồng with dot thousands separators: ``1.800.000.000 đồng``."""
    amount = _require_int(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}{_group_thousands(abs(amount))} đồng"


_SHORT_UNITS = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"))


def format_money_short(amount: int) -> str:
    """Format đồng compactly with at most one decimal: ``1,8 tỷ đồng``, ``109 triệu đồng``."""
    amount = _require_int(amount)
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    chosen: tuple[int, str] | None = None
    tenths = 0
    for i, (unit, name) in enumerate(_SHORT_UNITS):
        if value < unit:
            continue
        tenths = (value * 10 + unit // 2) // unit
        # Rounding 999.960 up to "1.000 nghìn" reads better one unit higher as "1 triệu".
        if i > 0 and tenths >= 10_000:
            unit, name = _SHORT_UNITS[i - 1]
            tenths = (value * 10 + unit // 2) // unit
        chosen = (unit, name)
        break
    if chosen is None:
        return f"{sign}{value} đồng"
    whole, decimal = divmod(tenths, 10)
    number = _group_thousands(whole) + (f",{decimal}" if decimal else "")
    return f"{sign}{number} {chosen[1]} đồng"


_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _read_triple(n: int, full: bool) -> list[str]:
    """Read 0 < n < 1000; ``full`` reads the zero hundreds and tens an interior group needs."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGIT_WORDS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGIT_WORDS[units])
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _DIGIT_WORDS[units]))
    return words


def _read_number(n: int, full: bool) -> list[str]:
    """Read n > 0, recursing on tỷ so that 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ"."""
    if n >= 10**9:
        billions, rest = divmod(n, 10**9)
        words = [*_read_number(billions, full), "tỷ"]
        if rest:
            words += _read_number(rest, True)
        return words
    words = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = n // scale % 1000
        if not group:
            continue
        words += _read_triple(group, full)
        if name:
            words.append(name)
        full = True
    return words


def money_in_words(amount: int) -> str:
    """Read whole đồng in Vietnamese as on a receipt: ``Một tỷ tám trăm triệu đồng``."""
    amount = _require_int(amount)
    if amount == 0:
        return "Không đồng"
    words = _read_number(abs(amount), False)
    if amount < 0:
        words.insert(0, "âm")
    text = " ".join([*words, "đồng"])
    return text[0].upper() + text[1:]


_MONEY_SUFFIX = re.compile(r"\s*(?:đồng|đ|₫|vnđ|vnd)\s*$", re.IGNORECASE)
# Thousands may be grouped by dots (Vietnamese), commas (English) or spaces, but one kind per amount.
_GROUPED = re.compile(r"[0-9]{1,3}(?:([., \u00a0\u202f])[0-9]{3})?(?:\1[0-9]{3})*")
_DECIMAL = re.compile(r"[0-9]+(?:[., \u00a0\u202f][0-9]{3})*[.,][0-9]{1,2}")
# The words cadres and donors put after a number: "50k", "50 nghìn", "1,5 triệu", "1,8 tỷ".
_MONEY_UNITS = {
    "k": 10**3,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "ngan": 10**3,
    "nghin": 10**3,
    "tr": 10**6,
    "triệu": 10**6,
    "trieu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
}
_UNIT_PART = re.compile(
    r"\s*([0-9]+(?:[., ][0-9]+)*)\s*("
    + "|".join(sorted(_MONEY_UNITS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
MONEY_EXAMPLE = "50.000, 50000, 50k, 50 nghìn, 1,5 triệu, 1 tỷ 800 triệu"


def _unit_number(number: str, unit: int, text: str) -> int:
    """The đồng of one "<number> <unit>" part, read the Vietnamese way: dots group thousands ("1.500
    nghìn"), a comma is the decimal mark ("1,5 triệu"), and so is a point before one or two digits."""
    if re.fullmatch(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+", number):
        return int(re.sub(r"[^0-9]", "", number)) * unit
    m = re.fullmatch(r"([0-9]+)(?:,|\.(?=[0-9]{1,2}$))([0-9]+)", number)
    if not m:
        raise ValueError(f"Số tiền không hợp lệ: {text} (ví dụ hợp lệ: {MONEY_EXAMPLE})")
    scaled = int(m.group(1) + m.group(2)) * unit
    divisor = 10 ** len(m.group(2))
    if scaled % divisor:
        raise ValueError(f"Số tiền không hợp lệ: {text} (số tiền phải là số đồng nguyên, không có phần lẻ)")
    return scaled // divisor


def _parse_with_units(cleaned: str, text: str) -> int | None:
    """Read "50k", "1,5 triệu", "1 tỷ 800 triệu", "2 triệu 500 nghìn"; None when no unit word is there."""
    total, pos, last_unit = 0, 0, None
    parts = 0
    while pos < len(cleaned):
        m = _UNIT_PART.match(cleaned, pos)
        if not m:
            break
        unit = _MONEY_UNITS[m.group(2).lower()]
        if last_unit is not None and unit >= last_unit:
            raise ValueError(f"Số tiền không hợp lệ: {text} (ví dụ hợp lệ: {MONEY_EXAMPLE})")
        total += _unit_number(m.group(1), unit, text)
        last_unit, pos, parts = unit, m.end(), parts + 1
    if parts == 0:
        return None
    rest = cleaned[pos:].strip()
    if rest:
        # "1 triệu 5" is spoken shorthand whose meaning depends on the listener: ask for the full form.
        raise ValueError(
            f"Số tiền không hợp lệ: {text} (viết đủ đơn vị, ví dụ: 1,5 triệu hoặc 1 triệu 500 nghìn)"
        )
    return total


def parse_money(text: str) -> int:
    """Parse an amount of whole đồng as people write it; raise ValueError (in Vietnamese, with an example).

    Accepted: ``1.800.000.000 đồng``, ``1,800,000,000``, ``1800000đ``, ``50k``, ``50 nghìn``, ``1,5 triệu``,
    ``1,8 tỷ``, ``1 tỷ 800 triệu``. Refused: a bare decimal (``1,5``: is it 1,5 đồng or 1.500?), a fraction
    of a đồng, groups that are not thousands (``1.8000``), a unit out of order.
    """
    cleaned = _MONEY_SUFFIX.sub("", unicodedata.normalize("NFC", text).strip())
    if not cleaned:
        raise ValueError("Số tiền không hợp lệ: chưa nhập số tiền")
    sign = 1
    if cleaned[:1] in ("-", "\u2212"):
        sign, cleaned = -1, cleaned[1:].lstrip()
    if re.fullmatch(r"[0-9]+", cleaned) or _GROUPED.fullmatch(cleaned):
        return sign * int(re.sub(r"[^0-9]", "", cleaned))
    if _DECIMAL.fullmatch(cleaned):
        raise ValueError(f"Số tiền không hợp lệ: {text} (số tiền phải là số đồng nguyên, không có phần lẻ)")
    with_units = _parse_with_units(cleaned, text) if cleaned[:1].isdigit() else None
    if with_units is not None:
        return sign * with_units
    raise ValueError(f"Số tiền không hợp lệ: {text} (ví dụ hợp lệ: {MONEY_EXAMPLE})")


# ---------------------------------------------------------------------------------------------------------
# Dates


def format_date_vi(d: datetime.date, *, padded: bool = False) -> str:
    """Write a date in words: ``ngày 7 tháng 1 năm 2021``.

    ``padded`` follows Decree 30/2020/NĐ-CP, which writes a leading zero on days below 10 and on months
    1 and 2 so nothing can be added later: ``ngày 07 tháng 01 năm 2021``, ``ngày 15 tháng 3 năm 2021``.
    """
    if padded:
        day = f"{d.day:02d}"
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    else:
        day, month = str(d.day), str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def format_date_short(d: datetime.date) -> str:
    """Write a date as ``07/01/2021``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
