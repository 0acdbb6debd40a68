"""The PDF reader against what real statement files do to text, each quirk made by the generator.

pdfium replaces a hyphen that ends a printed line by U+FFFE and removes the line break after it: a message
whose last line ends in "BINH-" was glued to the next row's date and amounts (two rows merged, the import
stopped on "500.0001.000.000"), and a message wrapped after "word-" lost its space. The reader reads rows
and columns from the characters' positions, so the lines come back as printed.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from mattran.funds.statements import open_statement
from mattran.funds.statements.model import normalise_text
from tests.funds.statement_generators import Options, generate

END_HYPHEN = "MBVCB.6970776943.NGUYEN VAN A chuyen tien ung ho dong bao mien Bac qua MTTQ-TINH HOA BINH-"
WRAP_HYPHEN = (
    "IBFT TRAN THI B ung ho dong bao bi lu lut tai Lao Cai Yen Bai Cao Bang Ha Giang Tuyen- Quang Thai Nguyen"
)
CUT_WORD = (
    "MBVCB.6970776943.UNG-HO-DONG-BAO-MIEN-BAC-KHAC-PHUC-HAU-QUA-BAO-SO-3-YAGI-TU-GIA-DINH-NGUYEN-VAN-A"
)


def _read(path: Path) -> list:
    return list(open_statement(path))


def _raw_text(path: Path) -> str:
    """pdfium's own text of every page, as a reader of joined text lines would see it."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [doc[i].get_textpage() for i in range(len(doc))]
        return "\n".join(page.get_text_range(0, page.count_chars()) for page in pages)
    finally:
        doc.close()


@pytest.mark.parametrize(
    "message,pdfium_says",
    [
        (END_HYPHEN, "BINH\ufffe01/09/2024"),  # glued to the next row's date
        (WRAP_HYPHEN, None),  # "Tuyen- " at a wrap: the space after the hyphen is gone in pdfium's text
        (CUT_WORD, None),  # a word too long for a line, cut inside it (after a hyphen or not)
    ],
)
def test_a_hyphen_at_a_line_end_neither_merges_rows_nor_loses_a_space(tmp_path: Path, message, pdfium_says):
    lines = (
        (0, 500_000, 0, message),
        (0, 1_000_000, 0, "ung ho dong bao mien Bac"),
        (0, 200_000, 0, "ung ho"),
    )
    path = tmp_path / "s.pdf"
    generate("vcb_pdf", path, Options(given=lines, days=1))
    if pdfium_says:
        assert pdfium_says in _raw_text(path), (
            "the generator makes pdfium glue the rows, as the real file does"
        )
    read = _read(path)
    assert [(line.credit, line.description) for line in read] == [
        (credit, normalise_text(text)) for _day, credit, _debit, text in lines
    ]


def test_statements_full_of_hyphens_read_back_line_for_line(tmp_path: Path) -> None:
    """Hundreds of rows over several pages, a third of the messages with hyphens wherever the wrap falls."""
    path = tmp_path / "s.pdf"
    generated = generate("vcb_pdf", path, Options(lines=600, seed=15, hyphens=0.35))
    expected = generated.lines or []
    assert sum(line.description.endswith("-") for line in expected) > 30
    raw = _raw_text(path)
    assert "\ufffe" in raw
    read = _read(path)
    assert len(read) == len(expected) == 600
    for got, want in zip(read, expected, strict=True):
        assert (got.date, got.reference, got.debit, got.credit, got.balance, got.description) == (
            want.date, want.reference, want.debit, want.credit, want.balance, want.description,
        ), f"page {got.page}, line {got.line}"  # fmt: skip
