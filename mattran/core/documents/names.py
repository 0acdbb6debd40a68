"""The header's names, the number and the signers: wrapping issuing-body names between whole name parts,
the header size, the number line with room for a handwritten number, repeated names printed once, and the
TM./KT. signer forms."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Length, Pt

from .blocks import SignatureBlock
from .layout import CELL_MARGIN, HEADER_LEFT_WIDTH, HEADER_SIZE, _text_width

# --- the header's names, the number, the signers -----------------------------------------------------------

# Phrases a header line never splits: the Front's and the State's names and the administrative words that
# open a place name ("THÀNH PHỐ", which also binds the place's own name when it ends the body's name).
_GLUED = (
    "MẶT TRẬN TỔ QUỐC VIỆT NAM", "ỦY BAN TRUNG ƯƠNG", "MTTQ VIỆT NAM", "BAN THƯỜNG TRỰC", "BAN THƯỜNG VỤ",
    "CỤM THI ĐUA", "KHỐI THI ĐUA", "TRỰC THUỘC", "TRUNG ƯƠNG", "ỦY BAN", "VIỆT NAM", "MẶT TRẬN", "TỔ QUỐC",
    "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU",
)  # fmt: skip
_PLACE_PREFIXES = ("THÀNH PHỐ", "TỈNH", "QUẬN", "HUYỆN", "THỊ XÃ", "PHƯỜNG", "XÃ", "THỊ TRẤN", "ĐẶC KHU")
# The header column less Word's cell margins and a little slack for the width estimate.
_HEADER_TEXT_WIDTH = Length(int((HEADER_LEFT_WIDTH - 2 * CELL_MARGIN) * 0.97))
# The decree allows 12 to 13 pt for the issuing body: 12 pt when a whole name part is too wide at 13.
HEADER_SMALL_SIZE = Pt(12)
BLANK = "……"  # a blank to fill by hand in the place-and-date line
_NUMBER_ROOM = "\u00a0" * 12  # room for a number written by hand (about 2 cm), kept by Word and the PDF


def _words(text: str) -> list[str]:
    """Split ``text`` into words, keeping the glued phrases whole."""
    words: list[str] = []
    rest = text.split()
    while rest:
        for phrase in _GLUED:
            size = len(phrase.split())
            if rest[:size] == phrase.split():
                words.append(phrase)
                del rest[:size]
                break
        else:
            words.append(rest.pop(0))
    return words


def name_parts(name: str) -> list[str]:
    """Split an upper-case body name into the parts a header line may break between.

    "ỦY BAN MTTQ VIỆT NAM QUẬN LÊ CHÂN" → ["ỦY BAN", "MTTQ VIỆT NAM", "QUẬN LÊ CHÂN"]: a place name that
    ends the body's name stays whole with its administrative word.
    """
    words = _words(" ".join(name.upper().split()))
    for index, word in enumerate(words):
        if word in _PLACE_PREFIXES and index + 1 < len(words):
            tail = words[index + 1 :]
            if not any(w in _PLACE_PREFIXES or w in _GLUED for w in tail):
                return [*words[:index], " ".join([word, *tail])]
    return words


def header_size(names: Sequence[str], *, width: Length = _HEADER_TEXT_WIDTH) -> Length:
    """13 pt for the header's names, or 12 pt (the decree allows 12 to 13) when that takes fewer lines."""

    def lines_at(size: Length) -> int:
        return sum(len(header_lines(name, width=width, size=size)) for name in names)

    return HEADER_SMALL_SIZE if lines_at(HEADER_SMALL_SIZE) < lines_at(HEADER_SIZE) else HEADER_SIZE


def header_lines(
    name: str, *, bold: bool = True, width: Length = _HEADER_TEXT_WIDTH, size: Length = HEADER_SIZE
) -> list[str]:
    """Wrap a body's name (upper case) to the header column, breaking only between whole name parts.

    A part wider than the column on its own is split between its words, the glued phrases still whole.
    """
    parts = name_parts(name)
    lines: list[str] = []
    for part in parts:
        pieces = [part] if _text_width(part, size, bold=bold) <= width else _words(part)
        for piece in pieces:
            candidate = f"{lines[-1]} {piece}" if lines else piece
            if lines and _text_width(candidate, size, bold=bold) <= width:
                lines[-1] = candidate
            else:
                lines.append(piece)
    return lines


def number_line(number: str) -> str:
    """The "Số:" line: "Số: 12/BC-MTTQ" as given, or "Số:   /BB-MTTQ" with room for the number by hand."""
    text = number.strip()
    if text.lower().startswith("số"):
        text = text[2:].lstrip(" :")
    if not text or text.startswith("/"):
        return f"Số:{_NUMBER_ROOM}{text}"
    return f"Số: {text}"


def without_repeats(text: str) -> str:
    """Drop a word sequence repeated right after itself: "TM. THANH TRA QUẬN THANH TRA QUẬN" → "TM. THANH TRA QUẬN"."""
    words = text.split()
    changed = True
    while changed:
        changed = False
        for size in range(len(words) // 2, 1, -1):
            for start in range(len(words) - 2 * size + 1):
                if [w.lower() for w in words[start : start + size]] == [
                    w.lower() for w in words[start + size : start + 2 * size]
                ] and any(w.isalpha() for w in words[start : start + size]):
                    del words[start + size : start + 2 * size]
                    changed = True
                    break
            if changed:
                break
    return " ".join(words)


def signature_lines(signer: SignatureBlock) -> list[str]:
    """The authority and position lines of a signer, upper case, without a name said twice in a row.

    The authority may take two lines ("TM. BAN THƯỜNG TRỰC\nKT. CHỦ TỊCH") for a deputy signing for the
    head on behalf of the board; see ``on_behalf``.
    """
    roles = [without_repeats(" ".join(line.split()).upper()) for line in signer.role.split("\n")]
    title = without_repeats(" ".join(signer.title.split()).upper())
    if title and roles and roles[-1].endswith(title):
        title = ""
    elif title and roles and title.endswith(f" {roles[-1]}") and len(roles) > 1:
        # "CHỦ TỊCH ỦY BAN MTTQ VIỆT NAM QUẬN" under "ỦY BAN MTTQ VIỆT NAM QUẬN": the body once.
        title = title[: -len(roles[-1])].strip()
    return [line for line in (*roles, title) if line]


def on_behalf(board: str, title: str, name: str, *, head: str = "Chủ tịch") -> SignatureBlock:
    """A signer for a board: "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH", or with "KT. CHỦ TỊCH" for a deputy
    ("Phó Chủ tịch") signing for the head, as the decree's forms write it."""
    authority = f"TM. {board}"
    if title.strip().lower().startswith("phó") and head.lower() in title.lower():
        authority += f"\nKT. {head}"
    return SignatureBlock(authority, title, name)


def _is_official_letter_summary(subtitle: str | None) -> bool:
    return subtitle is not None and subtitle.strip().lower().startswith("v/v")
