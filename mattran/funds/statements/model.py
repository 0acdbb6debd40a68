"""Statement lines, headers and the errors raised while reading bank statements."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

_SPACES = re.compile(r"\s+")


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with runs of whitespace collapsed to one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if _ODD_SPACE.search(text) is None:
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def location(page: int | None, line: int | None) -> str:
    """Describe a page/line position in Vietnamese, e.g. "trang 3, dòng 17"."""
    parts = []
    if page is not None:
        parts.append(f"trang {page}")
    if line is not None:
        parts.append(f"dòng {line}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One transaction as printed on a bank statement; money in whole đồng."""

    bank: str
    account: str
    date: dt.date
    reference: str
    debit: int
    credit: int
    balance: int | None
    description: str
    page: int | None
    line: int
    time: dt.time | None = None
    counterparty: str | None = None
    counterparty_account: str | None = None

    @property
    def amount(self) -> int:
        """Return the signed movement: credit positive, debit negative."""
        return self.credit - self.debit

    @property
    def fingerprint(self) -> str:
        """Return a stable sha256 of the fields that identify the transaction across imports."""
        # page/line and the printed balance are left out: re-exports of the same statement paginate
        # differently and print balances on different lines.
        key = "\x1f".join(
            (
                self.bank,
                self.account,
                self.date.isoformat(),
                self.reference,
                str(self.debit),
                str(self.credit),
                self.description,
            )
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class StatementHeader:
    """What the statement file says about itself; fields stay None where the file is silent.

    Readers fill it as they go: the account and period come from the first page or rows, the closing
    balance and totals only once the summary at the end of the file has been read.
    """

    bank: str = ""
    account: str | None = None
    holder: str | None = None
    currency: str | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    opening_balance: int | None = None
    closing_balance: int | None = None
    total_debit: int | None = None
    total_credit: int | None = None
    pages: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


class StatementError(Exception):
    """A statement file that cannot be read; the message is Vietnamese and names the position."""

    def __init__(self, message: str, *, page: int | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page
        self.line = line


class CorruptFileError(StatementError):
    """The file is damaged or not of the kind its name says."""

    def __init__(
        self,
        message: str = "Tệp PDF bị hỏng hoặc không đọc được",
        *,
        page: int | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message, page=page, line=line)


class EncryptedFileError(StatementError):
    """The file is protected by a password."""

    def __init__(self, message: str = "Tệp PDF có mật khẩu", *, page: int | None = None) -> None:
        super().__init__(message, page=page)


class WrongLayoutError(StatementError):
    """The file is readable but is not a statement of the expected layout."""


class AmountError(StatementError):
    """An amount cell that is not a whole number of đồng, or that is blank where an amount must be."""

    def __init__(
        self,
        raw: str,
        *,
        page: int | None = None,
        line: int | None = None,
        field: str | None = None,
        blank: bool = False,
    ) -> None:
        where = ", ".join(filter(None, (location(page, line), f"cột «{field}»" if field else "")))
        if blank:
            message = (
                f"Thiếu số tiền ở {where or 'một dòng'}: ô để trống. Mọi giao dịch trên sao kê phải có số tiền; "
                "hãy tải xuống lại sao kê từ ngân hàng (tệp có thể bị cắt hoặc sửa tay) rồi tải lên lại."
            )
        else:
            prefix = f"Số tiền không hợp lệ ở {where}" if where else "Số tiền không hợp lệ"
            message = (
                f"{prefix}: '{raw}'. Số tiền phải là số đồng nguyên, ví dụ 500.000; hãy kiểm tra ô này "
                "trong tệp hoặc tải xuống lại sao kê từ ngân hàng."
            )
        super().__init__(message, page=page, line=line)
        self.raw = raw
        self.field = field
