"""The terms of the statement search index on PostgreSQL (``search_vector``), in one place.

A line's folded text (``reading.search_text_of``) gives, for each word separated by single spaces:

- a one-letter word: the word itself (``a``);
- a longer word: its prefixes of 2 to PREFIX_LEXEME_MAX characters marked ``~`` (``ng~ … nguyen~``), those
  holding a digit at the lengths of DIGIT_PREFIXES only (``00~ 0011~ 001100~ 0011001932~``);
- each pair of neighbouring words: ``_`` + the first two characters of each (``_ng_va``).

A word longer than 200 characters or holding ``'`` or ``\\`` gives nothing and breaks the pairs (as does an
empty word between two spaces). The SQL function ``funds_search_vector()`` (migration 0010) computes the
same text; the importer computes it here, in its own process, and the database only reads it (migration
0011). ``tests/funds/test_public.py`` checks that both give the same terms.

No Django here: the statement reader's child process (``reading``) may import it.
"""

from __future__ import annotations

import re
from functools import lru_cache

PREFIX_LEXEME_MAX = 10
DIGIT_PREFIXES = (2, 4, 6, 10)  # the lengths a prefix holding a digit is indexed at
WORD_MAX = 200
NO_DIGITS = re.compile("[^0-9]*")
_SKIPPED = re.compile(r"['\\]")


def prefix_lexeme(word: str) -> str:
    """Return the longest prefix lexeme of ``word`` (two characters or more) that the index holds.

    Every line with a word starting ``word`` holds the lexeme returned.
    """
    head = NO_DIGITS.match(word).end()  # the prefixes this long hold no digit
    n = min(len(word), PREFIX_LEXEME_MAX)
    while n > head and n not in DIGIT_PREFIXES:
        n -= 1
    return f"{word[:n]}~"


def pair_term(first: str, second: str) -> str:
    return f"_{first[:2]}_{second[:2]}"


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> str:
    if len(word) == 1:
        return word
    head = NO_DIGITS.match(word).end()
    return " ".join(
        f"{word[:n]}~"
        for n in range(2, min(len(word), PREFIX_LEXEME_MAX) + 1)
        if n <= head or n in DIGIT_PREFIXES
    )


def vector_text(text: str) -> str:
    """Return the terms of a line's folded ``text`` as the text of a tsvector (PostgreSQL's input form)."""
    words = text.split(" ")
    if "'" not in text and "\\" not in text and "" not in words and len(max(words, key=len)) <= WORD_MAX:
        # Every word counts (nearly every line): the same as below, in fewer steps.
        return " ".join([*map(_word_terms, words), *map(pair_term, words, words[1:])])
    terms: list[str] = []
    pairs: list[str] = []
    previous = None
    for word in words:
        if not word or len(word) > WORD_MAX or _SKIPPED.search(word):
            previous = None
            continue
        terms.append(_word_terms(word))
        if previous is not None:
            pairs.append(pair_term(previous, word))
        previous = word
    return " ".join(terms + pairs)
