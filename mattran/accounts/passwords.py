"""A password validator for what people here guess first: the product's and the Front's words with a year.

"mattran2025", "MatTran@2024", "Mặt trận Tổ quốc 2024", "mttq123", "matran-2025", "ubmttq.hanoi2025" are
among the first guesses against any account of this system. A password is refused when, folded (no
diacritics, lower case, letters and digits only), it is made of nothing but such words, numbers and the
usual filler words ("demo", "admin", "matkhau", a place name of the unit is not known here, so it is not
counted) — whatever order and separators.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mattran.core.text import fold

# The product's and the Front's words (folded): any password must hold more than these and numbers.
FRONT_WORDS = (
    "mattrantoquocvietnam",
    "mattrantoquoc",
    "ubmttqvn",
    "ubmttq",
    "mttqvn",
    "mttq",
    "mattran",
    "matran",
    "mattranto",
    "toquoc",
    "fatherland",
    "frontvn",
    "vietnam",
    "dandoanket",
    "daidoanket",
    "congtacmattran",
    "ctmt",
)
# Words that add nothing to such a password.
FILLER_WORDS = (
    "matkhau",
    "password",
    "passwd",
    "pass",
    "admin",
    "quantri",
    "canbo",
    "demo",
    "test",
    "thu",
    "abc",
    "qwerty",
    "vn",
)
_WORDS = sorted(FRONT_WORDS + FILLER_WORDS, key=len, reverse=True)


def _folded(password: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(password).lower())


def is_front_words_with_numbers(password: str) -> bool:
    """Whether the password is only Front/product words, filler words and digits (with a Front word)."""
    text = _folded(password)
    if not any(word in text for word in FRONT_WORDS):
        return False
    rest = text
    for word in _WORDS:
        rest = rest.replace(word, " ")
    rest = re.sub(r"\d+", " ", rest)
    # a letter or two left over ("mattran2025a") does not make it stronger
    return len(rest.replace(" ", "")) <= 2


class FrontWordsValidator:
    """Refuse "mattran2025" and the like (see the module's docstring)."""

    def validate(self, password: str, user: object = None) -> None:
        if is_front_words_with_numbers(password):
            raise ValidationError(
                _(
                    "Mật khẩu này quá dễ đoán: chỉ gồm tên phần mềm hoặc tên Mặt trận và các con số. "
                    "Hãy dùng một câu dài mà chỉ bạn biết."
                ),
                code="password_front_words",
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm tên phần mềm, tên Mặt trận và con số (như mattran2025).")
