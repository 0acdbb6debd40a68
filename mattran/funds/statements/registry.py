"""Registry of statement layouts and detection of a file's layout."""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from .model import CorruptFileError, StatementHeader, StatementLine, WrongLayoutError

FileKind = Literal["pdf", "csv", "xlsx"]
HEAD_ROWS = 40


@dataclass(frozen=True, slots=True)
class FileHead:
    """The first part of a file, read once and shown to every layout's sniffer."""

    path: Path
    kind: FileKind
    text: str
    rows: tuple[tuple[str, ...], ...] = ()


class ParseFunction(Protocol):
    def __call__(self, path: str | Path, *, header: StatementHeader | None = None) -> Iterator[StatementLine]:
        """Stream the statement lines of ``path``, filling ``header`` as the file reveals it."""
        ...


@dataclass(frozen=True, slots=True)
class Layout:
    """A bank statement layout: how to recognise it and how to stream its lines."""

    name: str
    bank: str
    title: str
    kinds: frozenset[str]
    sniff: Callable[[FileHead], bool]
    parse: ParseFunction
    description: str = ""
    columns: tuple[str, ...] = field(default=())

    def matches(self, source: str | Path | FileHead) -> bool:
        """Return whether ``source`` (a path or an already read head) looks like this layout."""
        head = source if isinstance(source, FileHead) else read_head(source)
        return head.kind in self.kinds and self.sniff(head)


_LAYOUTS: dict[str, Layout] = {}
_LAYOUT_MODULES = ("vcb_pdf", "vcb_table", "vcb_amount", "vietinbank", "bidv")


def register(layout: Layout) -> Layout:
    """Add ``layout`` to the registry under its name."""
    _LAYOUTS[layout.name] = layout
    return layout


def _load() -> None:
    for module in _LAYOUT_MODULES:
        importlib.import_module(f"{__package__}.layouts.{module}")


def all_layouts() -> list[Layout]:
    """Return every registered layout, in registration order."""
    _load()
    return list(_LAYOUTS.values())


def get_layout(name: str) -> Layout:
    """Return the layout called ``name``."""
    _load()
    try:
        return _LAYOUTS[name]
    except KeyError:
        raise WrongLayoutError(f"Không có mẫu sao kê '{name}'") from None


def file_kind(path: str | Path) -> FileKind:
    """Tell PDF, XLSX and CSV apart by their first bytes rather than by the file name."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(1024)
    except OSError:
        # The name only: a cadre on the web need not see the server's folders.
        raise CorruptFileError(
            f"Không đọc được tệp {Path(path).name}: tệp không còn hoặc không mở được"
        ) from None
    if b"%PDF-" in start:
        return "pdf"
    if start.startswith(b"PK\x03\x04"):
        return "xlsx"
    if not start:
        raise CorruptFileError("Tệp rỗng")
    return "csv"


def detect_encoding(path: str | Path) -> str:
    """Return utf-8-sig for UTF-8 files, else Windows Vietnamese (cp1258) as older exports use."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            decoder.decode(handle.read(1 << 16), final=False)
        except UnicodeDecodeError:
            return "cp1258"
    return "utf-8-sig"


def sniff_delimiter(sample: str) -> str:
    """Return the delimiter among , ; and tab that splits the sample most consistently."""
    lines = [line for line in sample.splitlines() if line.strip()][:HEAD_ROWS]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        score = max(widths, default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_head(path: str | Path) -> FileHead:
    """Read the first page or rows of ``path`` for sniffing."""
    path = Path(path)
    kind = file_kind(path)
    if kind == "pdf":
        from .pdfsource import PageText, pdf_document

        with pdf_document(path) as doc:
            page = PageText(doc, 0)
            try:
                return FileHead(path, kind, page.text)
            finally:
                page.close()
    if kind == "xlsx":
        rows = tuple(tuple(_cell_text(cell) for cell in row) for row in iter_xlsx_rows(path, limit=HEAD_ROWS))
        return FileHead(path, kind, "\n".join("\t".join(row) for row in rows), rows)
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        sample = "".join(line for _, line in zip(range(HEAD_ROWS), handle, strict=False))
    delimiter = sniff_delimiter(sample)
    rows = tuple(
        tuple(cell.strip() for cell in row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
    )
    return FileHead(path, kind, sample, rows)


def iter_xlsx_rows(path: str | Path, *, limit: int | None = None) -> Iterator[tuple[object, ...]]:
    """Stream the rows of the first worksheet of an XLSX file as tuples of cell values."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise CorruptFileError("Tệp Excel bị hỏng hoặc không đọc được") from None
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if limit is not None and number > limit:
                break
            yield row
    finally:
        workbook.close()


def detect_layout(path: str | Path) -> Layout:
    """Return the registered layout that recognises ``path`` or raise WrongLayoutError."""
    head = read_head(path)
    for layout in all_layouts():
        if head.kind in layout.kinds and layout.sniff(head):
            return layout
    raise WrongLayoutError("Tệp không đúng mẫu sao kê nào được hỗ trợ")


class Statement:
    """A statement file opened for streaming; ``header`` fills in while the lines are read."""

    def __init__(self, path: str | Path, layout: Layout) -> None:
        self.path = Path(path)
        self.layout = layout
        self.header = StatementHeader(bank=layout.bank)

    def __iter__(self) -> Iterator[StatementLine]:
        return self.layout.parse(self.path, header=self.header)


def open_statement(path: str | Path, *, layout: str | None = None) -> Statement:
    """Open ``path`` with the named layout, or the detected one when no name is given."""
    chosen = get_layout(layout) if layout else detect_layout(path)
    return Statement(path, chosen)
