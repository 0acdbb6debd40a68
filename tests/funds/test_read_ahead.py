"""The statement reader runs one thread ahead of the writer: items in order, errors raised in order,
and an early stop ends the reading thread."""

from __future__ import annotations

import threading

import pytest

from mattran.funds.reading import read_ahead


def test_it_yields_everything_in_order() -> None:
    assert list(read_ahead(iter(range(1000)), depth=3)) == list(range(1000))
    assert list(read_ahead(iter([]))) == []


def test_an_error_of_the_reader_comes_after_what_it_read() -> None:
    def items():
        yield 1
        yield 2
        raise ValueError("trang 3 hỏng")

    seen = []
    with pytest.raises(ValueError, match="trang 3"):
        for item in read_ahead(items()):
            seen.append(item)
    assert seen == [1, 2]


def test_stopping_early_stops_the_reader() -> None:
    produced = []

    def items():
        for n in range(10_000):
            produced.append(n)
            yield n

    with pytest.raises(KeyboardInterrupt):
        for item in read_ahead(items(), depth=2):
            if item == 5:
                raise KeyboardInterrupt
    assert not any(t.name == "statement-reader" and t.is_alive() for t in threading.enumerate())
    assert len(produced) < 20  # it read only a few items ahead
