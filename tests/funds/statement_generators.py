"""Deterministic, realistic statement files for every layout, for tests and benchmarks.

The same seed gives the same transactions: Vietnamese donors with diacritics, bank trace numbers,
messages long enough to wrap, a few large debits to provinces, and a running balance. Each writer
returns the lines a parser must read back, so tests compare them one for one.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from mattran.funds.statements.model import StatementHeader, StatementLine, normalise_text
from mattran.funds.statements.parsing import format_amount
from mattran.funds.statements.pdfwriter import FONT_DIR, PdfFont, PdfWriter
from mattran.funds.statements.tabular import TableSpec

FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Đoàn", "Lương", "Cao", "Tạ", "Hà", "Lâm", "Kiều",
)  # fmt: skip
MIDDLE = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Hồng", "Kim", "Anh",
    "Hoài", "Bảo", "Gia", "Thế", "Phương", "Quốc", "Mỹ",
)  # fmt: skip
GIVEN = (
    "An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
    "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "My", "Nam", "Nga", "Ngọc", "Nhung",
    "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang",
    "Trung", "Tuấn", "Vân", "Việt", "Yến", "Đạt", "Ánh", "Ước",
)  # fmt: skip
PROVINCES = (
    "Yên Bái", "Lào Cai", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Thái Nguyên", "Quảng Ninh",
    "Hải Phòng", "Phú Thọ", "Lạng Sơn", "Bắc Giang", "Sơn La", "Bắc Kạn", "Điện Biên", "Lai Châu",
)  # fmt: skip
BANKS = ("MB", "TECHCOMBANK", "VPBANK", "ACB", "VIETCOMBANK", "AGRIBANK", "SACOMBANK", "TPBANK", "BIDV")
WISHES_ASCII = (
    "ung ho dong bao mien Bac",
    "chuyen tien",
    "ung ho",
    "quyen gop",
    "chung tay vuot qua bao Yagi",
    "cuu tro dong bao bi bao lu",
    "xin cam on",
    "gia dinh chuc dong bao binh an, vuot qua kho khan",
    "ung ho Lang Nu Lao Cai",
)
WISHES = (
    "ủng hộ đồng bào miền Bắc khắc phục hậu quả bão Yagi",
    "chung tay cùng đồng bào vùng lũ",
    "quyên góp cứu trợ bão số 3",
    "gia đình xin góp một chút tấm lòng, chúc bà con sớm ổn định cuộc sống",
    "ủng hộ bà con Làng Nủ, Lào Cai",
    "tập thể cán bộ công nhân viên ủng hộ đồng bào bị thiên tai",
)
SMALL_AMOUNTS = (2_000, 3_000, 5_000, 6_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000)
LARGE_AMOUNTS = (1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000, 1_000_000_000)
DEBIT_AMOUNTS = (50_000_000_000, 20_000_000_000, 10_000_000_000, 5_000_000_000, 2_000_000_000)


def to_ascii(text: str) -> str:
    """Strip Vietnamese diacritics the way bank transfer messages do (Đ becomes D)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Options:
    """What to generate; ``lines`` transactions, or for the PDF ``pages`` full pages."""

    seed: int = 2024
    lines: int | None = 100
    pages: int | None = None
    account: str = "0011001932418"
    holder: str = "MAT TRAN TO QUOC VN - BAN CUU TRO TW"
    period_from: dt.date = dt.date(2024, 9, 1)
    days: int = 10
    opening_balance: int = 10_847_182_843
    debit_share: float = 0.002
    balance_error_at: int | None = None
    invalid_amount_at: int | None = None
    invalid_amount: str = "12,5"
    summary: bool = True
    collect: bool = True
    # The share of credits that repeat an earlier donation of the same day word for word (same amount, same
    # message, no reference of its own in a layout without one): the real statements have thousands.
    repeats: float = 0.0
    # Exactly these transactions, in order, instead of random ones: (day offset, credit, debit, message).
    given: tuple[tuple[int, int, int, str], ...] | None = None
    # The share of messages with the hyphens of the real file: one ending in "word-" (pdfium glues it to
    # the next row), a "word- " or "MTTQ-TINH" wherever the wrap falls.
    hyphens: float = 0.0

    @property
    def period_to(self) -> dt.date:
        """Return the last day of the statement period."""
        return self.period_from + dt.timedelta(days=self.days - 1)


@dataclass(slots=True)
class GeneratedStatement:
    """A written statement file with what its parser must find in it."""

    path: Path
    layout: str
    header: StatementHeader
    count: int
    pages: int | None
    lines: list[StatementLine] | None


@dataclass(frozen=True, slots=True)
class Txn:
    """A generated transaction with the balance after it."""

    index: int
    date: dt.date
    time: dt.time
    reference: str
    debit: int
    credit: int
    balance: int
    description: str
    counterparty: str
    counterparty_account: str
    counterparty_bank: str


class _Donors:
    """Draws donors and messages from one seeded random source."""

    def __init__(self, rng: random.Random, options: Options) -> None:
        self.rng = rng
        self.options = options
        self.holder_ascii = to_ascii(options.holder)

    def name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def message(self, bank: str, date: dt.date, time: dt.time, name: str, account: str) -> str:
        text = self._message(bank, date, time, name, account)
        if self.options.hyphens and self.rng.random() < self.options.hyphens:
            province = to_ascii(self.rng.choice(PROVINCES)).upper()
            text = self.rng.choice(
                (
                    f"{text} {to_ascii(name).upper()}-TINH {province}-",
                    f"{text} MTTQ-{province.replace(' ', '-')}- GUI DONG BAO",
                    f"ung ho- {text}",
                )
            )
        return text

    def _message(self, bank: str, date: dt.date, time: dt.time, name: str, account: str) -> str:
        rng = self.rng
        upper = to_ascii(name).upper()
        ddmmyy = date.strftime("%d%m%y")
        hhmmss = time.strftime("%H%M%S")
        kind = rng.random()
        if kind < 0.35:
            return f"{rng.randint(0, 999999):06d}.{ddmmyy}.{hhmmss}.{upper} {rng.choice(WISHES_ASCII)}"
        if kind < 0.55:
            return (
                f"MBVCB.{rng.randint(6_900_000_000, 6_999_999_999)}.{upper} {rng.choice(WISHES_ASCII)}"
                f".CT tu {account} {upper} toi {self.options.account} {self.holder_ascii}"
            )
        if kind < 0.70:
            trace = f"0200970{rng.randint(10**12, 10**13 - 1)}{date:%Y}{rng.randint(10**7, 10**8 - 1)}"
            return (
                f"{trace}.{rng.randint(10000, 99999)}.{hhmmss}.Vietcombank:{self.options.account}:"
                f"{upper} {rng.choice(WISHES_ASCII)}"
            )
        if kind < 0.88:
            return f"{name} {rng.choice(WISHES)}"
        if kind < 0.95:
            return f"IBFT {upper} {rng.choice(WISHES_ASCII)} FT{rng.randint(10**13, 10**14 - 1)}"
        first = name.split()[-1]
        return (
            f"PARTNER.DIRECT_DEBITS_VCB.ZLP.ZP{rng.randint(10**9, 10**10 - 1):X}.{date:%Y%m%d}."
            f"{to_ascii(first)} chuyen tien qua Zalopay"
        )

    def reference(self, bank: str, date: dt.date) -> str:
        rng = self.rng
        if bank == "VCB":
            return f"{rng.randint(5000, 5400)}.{rng.randint(10000, 99999)}"
        if bank == "CTG":
            return f"{rng.randint(10**9, 10**10 - 1)}"
        return f"{date:%y%m%d}{rng.randint(0, 999999):06d}"


def transactions(options: Options, *, bank: str, expected: int | None = None) -> Iterator[Txn]:
    """Yield transactions in date and time order; endless when ``options.lines`` is None."""
    rng = random.Random(options.seed)
    donors = _Donors(rng, options)
    if options.given is not None:
        yield from _given(options, donors, bank)
        return
    total = options.lines if options.lines is not None else expected or 10_000
    per_day = max(1, -(-total // options.days))
    balance = options.opening_balance
    index = 0
    earlier: tuple[dt.date, list] | None = None  # the day's first donations, for options.repeats
    while options.lines is None or index < options.lines:
        day = min(index // per_day, options.days - 1)
        within = index - day * per_day
        seconds = min(int((within + rng.random()) * 86_400 / per_day), 86_399)
        date = options.period_from + dt.timedelta(days=day)
        time = dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
        index += 1
        name = donors.name()
        account = f"{rng.randint(10**9, 10**13 - 1)}"
        party_bank = rng.choice(BANKS)
        debit = credit = 0
        if rng.random() < options.debit_share and balance > DEBIT_AMOUNTS[-1]:
            debit = next((amount for amount in DEBIT_AMOUNTS if amount < balance // 2), DEBIT_AMOUNTS[-1])
            province = rng.choice(PROVINCES)
            description = (
                f"Chuyển tiền hỗ trợ Ủy ban MTTQ Việt Nam tỉnh {province} khắc phục hậu quả bão số 3 (Yagi)"
            )
            name = f"UBMTTQ TINH {to_ascii(province).upper()}"
        elif earlier and earlier[0] == date and rng.random() < options.repeats:
            _, credit, description, name, account = rng.choice(earlier[1])
        else:
            pool = LARGE_AMOUNTS if rng.random() < 0.08 else SMALL_AMOUNTS
            credit = rng.choice(pool)
            description = donors.message(bank, date, time, name, account)
        if credit and options.repeats:
            if not earlier or earlier[0] != date:
                earlier = (date, [])
            if len(earlier[1]) < 50:
                earlier[1].append((date, credit, description, name, account))
        balance += credit - debit
        yield Txn(
            index=index,
            date=date,
            time=time,
            reference=donors.reference(bank, date),
            debit=debit,
            credit=credit,
            balance=balance,
            description=normalise_text(description),
            counterparty=to_ascii(name).upper(),
            counterparty_account=account,
            counterparty_bank=party_bank,
        )


def _given(options: Options, donors: _Donors, bank: str) -> Iterator[Txn]:
    """The transactions of ``options.given``, with their running balance."""
    balance = options.opening_balance
    assert options.given is not None
    for index, (day, credit, debit, description) in enumerate(options.given, start=1):
        date = options.period_from + dt.timedelta(days=day)
        balance += credit - debit
        yield Txn(
            index=index,
            date=date,
            time=dt.time(8, 0, index % 60),
            reference=donors.reference(bank, date),
            debit=debit,
            credit=credit,
            balance=balance,
            description=normalise_text(description),
            counterparty="",
            counterparty_account="",
            counterparty_bank="",
        )


def _header(options: Options, bank: str) -> StatementHeader:
    return StatementHeader(
        bank=bank,
        account=options.account,
        holder=options.holder,
        currency="VND",
        period_from=options.period_from,
        period_to=options.period_to,
        opening_balance=options.opening_balance if options.summary else None,
    )


# --- Vietcombank PDF -------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
TABLE_LEFT, TABLE_RIGHT, TABLE_BOTTOM = 21.2, 576.6, 84.2
RULES = (102.1, 192.1, 288.1, 384.1)
FIRST_TABLE_TOP, TABLE_TOP, HEADER_ROW = 577.8, 820.8, 45.4
SIZE, LINE = 8.0, 12.0
DETAIL_X = RULES[3] + 6.0
# The published statement wraps messages at about 551.5 pt; the parser's cut test relies on it.
WRAP = 551.5 - DETAIL_X
SUMMARY_HEIGHT = 4 * LINE + 12.0


@dataclass(slots=True)
class _Row:
    txn: Txn
    lines: list[str]
    height: float
    print_balance: bool = False


class _VcbPdf:
    """Lays out and writes the Vietcombank statement, one page at a time."""

    def __init__(self, writer: PdfWriter | None, options: Options) -> None:
        self.writer = writer
        self.options = options
        if writer is not None:
            self.regular = writer.add_font(FONT_DIR / "LiberationSerif-Regular.ttf")
            self.bold = writer.add_font(FONT_DIR / "LiberationSerif-Bold.ttf")
            self.sans = writer.add_font(FONT_DIR / "LiberationSans-Regular.ttf")
        else:
            # Counting pages needs widths only; a throwaway writer gives the same metrics.
            import io

            probe = PdfWriter(io.BytesIO())
            self.regular = probe.add_font(FONT_DIR / "LiberationSerif-Regular.ttf")
            self.bold = self.sans = self.regular

    def wrap(self, text: str) -> list[str]:
        """Break a message into lines as the bank does: at spaces, or inside a word too long for a line."""
        widths = self.regular.widths
        space = widths[" "] * SIZE
        lines: list[str] = []
        current, current_width = "", 0.0
        for word in text.split(" "):
            word_width = sum(widths.get(ch, 0.5) for ch in word) * SIZE
            if current:
                if current_width + space + word_width <= WRAP:
                    current = f"{current} {word}"
                    current_width += space + word_width
                    continue
                # The trailing space tells a reader this was a word wrap, as on the published file.
                lines.append(current + " ")
                current, current_width = "", 0.0
            if word_width <= WRAP:
                current, current_width = word, word_width
                continue
            for ch in word:
                char_width = widths.get(ch, 0.5) * SIZE
                if current and current_width + char_width > WRAP:
                    lines.append(current)
                    current, current_width = "", 0.0
                current += ch
                current_width += char_width
        if current:
            lines.append(current)
        return lines

    def row(self, txn: Txn) -> _Row:
        lines = self.wrap(txn.description)
        return _Row(txn, lines, max(30.0, LINE * len(lines) + 6.0))

    def pages(self, txns: Iterator[Txn], page_limit: int | None) -> Iterator[tuple[int, list[_Row], bool]]:
        """Yield (page number, rows, is last) with balances marked on the last row of each day."""
        upcoming = next(txns, None)
        number = 0
        while True:
            number += 1
            last_page = page_limit is not None and number >= page_limit
            top = (FIRST_TABLE_TOP if number == 1 else TABLE_TOP) - HEADER_ROW
            room = top - TABLE_BOTTOM
            rows: list[_Row] = []
            pending = self.row(upcoming) if upcoming is not None else None
            while pending is not None:
                reserve = SUMMARY_HEIGHT if last_page and self.options.summary else 0.0
                if pending.height > room - reserve:
                    break
                rows.append(pending)
                room -= pending.height
                upcoming = next(txns, None)
                pending = self.row(upcoming) if upcoming is not None else None
            if pending is None and self.options.summary and room < SUMMARY_HEIGHT and rows:
                # The summary does not fit under the last rows: it gets a page of its own.
                self._mark_balances(rows, None)
                yield number, rows, False
                number += 1
                rows = []
                last_page = True
            finished = pending is None or last_page
            self._mark_balances(rows, None if finished else pending.txn)
            yield number, rows, finished
            if finished:
                return

    def _mark_balances(self, rows: list[_Row], following: Txn | None) -> None:
        for position, row in enumerate(rows):
            after = rows[position + 1].txn if position + 1 < len(rows) else following
            row.print_balance = after is None or after.date != row.txn.date
            if row.txn.index == self.options.balance_error_at:
                row.print_balance = True

    # Drawing --------------------------------------------------------------------------------------

    @staticmethod
    def text(out: list[str], font: PdfFont, size: float, x: float, y: float, value: str) -> None:
        out.append(f"BT /{font.resource} {size:g} Tf {x:.2f} {y:.2f} Td <{font.encode(value)}> Tj ET\n")

    def right(self, out: list[str], font: PdfFont, size: float, x: float, y: float, value: str) -> None:
        self.text(out, font, size, x - font.width(value, size), y, value)

    def centre(self, out: list[str], font: PdfFont, size: float, left: float, right: float, y: float, v: str):
        self.text(out, font, size, (left + right - font.width(v, size)) / 2, y, v)

    def account_block(self, out: list[str]) -> None:
        o = self.options
        bold, regular = self.bold, self.regular
        self.text(out, bold, 22, 45.0, 790.0, "Vietcombank")
        self.right(out, bold, 12, 570.0, 771.0, "SAO KÊ TÀI KHOẢN")
        self.right(out, bold, 12, 570.0, 753.0, "ACCOUNT STATEMENT")
        fields = (
            (24.1, 725.0, "Tên tài khoản/Account name:", 140.0, o.holder),
            (336.0, 725.0, "Ngày thực hiện/ Date:", 420.0, (o.period_to + dt.timedelta(days=1)).strftime("%d/%m/%Y")),
            (336.0, 707.0, "Chi nhánh thực hiện/ Branch:", 455.0, "SỞ GIAO DỊCH"),
            (24.1, 689.0, "Địa chỉ/ Address:", 90.0, "46 TRANG THI, HANOI"),
            (24.1, 659.0, "Số tài khoản/Account number:", 138.0, o.account),
            (24.1, 641.0, "CIF:", 156.0, "0002040837"),
            (24.1, 623.0, "Loại tiền/Currency:", 156.0, "VND"),
            (24.1, 605.0, "Từ/ From:", 68.0, o.period_from.strftime("%d/%m/%Y")),
            (156.0, 605.0, "Đến/ To:", 190.0, o.period_to.strftime("%d/%m/%Y")),
        )  # fmt: skip
        for x, y, label, value_x, value in fields:
            self.text(out, regular, 9, x, y, label)
            self.text(out, regular, 9, value_x, y, value)

    def table(self, out: list[str], top: float, bottom: float) -> None:
        regular = self.regular
        width = TABLE_RIGHT - TABLE_LEFT
        out.append(f"0.8 w {TABLE_LEFT} {bottom:.1f} {width:.1f} {top - bottom:.1f} re S\n")
        out.append(f"{TABLE_LEFT} {top - HEADER_ROW:.1f} m {TABLE_RIGHT} {top - HEADER_ROW:.1f} l S\n")
        for x in RULES:
            out.append(f"{x} {top:.1f} m {x} {bottom:.1f} l S\n")
        edges = (TABLE_LEFT, *RULES, TABLE_RIGHT)
        titles = (
            ("Ngày GD/", "TNX Date", "Số CT/ Doc No"),
            ("Số tiền ghi nợ/", "Debit"),
            ("Số tiền ghi có/", "Credit"),
            ("Số dư/", "Balance"),
            ("Nội dung chi tiết/", "Transactions in detail"),
        )
        for column, lines in enumerate(titles):
            for k, title in enumerate(lines):
                self.centre(out, regular, 8, edges[column], edges[column + 1], top - 12.0 - 10.5 * k, title)

    def footer(self, out: list[str], number: int, total: int) -> None:
        sans = self.sans
        self.right(out, sans, 9, 567.0, 24.0, f"Page {number} of {total}")
        for k, value in enumerate(("Postal address:", "198 TRAN QUANG KHAI AVENUE", "HANOI - S.R. VIETNAM")):
            self.text(out, sans, 7.5, 28.4, 75.0 - 11.0 * k, value)
        right_block = (
            "Telex : (0805) 411504 VCB - VT",
            "Swift : BFTV VNVX",
            "Website: www.vietcombank.com.vn",
            "Contact center: 1900.54.54.13",
        )
        for k, value in enumerate(right_block):
            self.text(out, sans, 7.5, 415.0, 75.0 - 11.0 * k, value)

    def page(self, number: int, total: int, rows: list[_Row], summary: StatementHeader | None) -> bytes:
        out: list[str] = []
        if number == 1:
            self.account_block(out)
        top = FIRST_TABLE_TOP if number == 1 else TABLE_TOP
        y = top - HEADER_ROW
        # On the last page the table closes under its last row and the summary follows it.
        bottom = y - sum(row.height for row in rows) - 2.0 if summary is not None else TABLE_BOTTOM
        self.table(out, top, bottom)
        regular, bold = self.regular, self.bold
        invalid_at = self.options.invalid_amount_at
        error_at = self.options.balance_error_at
        for row in rows:
            txn = row.txn
            self.text(out, bold, SIZE, 29.2, y - 9.0, txn.date.strftime("%d/%m/%Y"))
            self.text(out, bold, SIZE, 29.2, y - 19.8, txn.reference)
            if txn.debit:
                value = self.options.invalid_amount if txn.index == invalid_at else format_amount(txn.debit)
                self.right(out, regular, SIZE, RULES[0] + 86.0, y - 14.5, value)
            if txn.credit:
                value = self.options.invalid_amount if txn.index == invalid_at else format_amount(txn.credit)
                self.right(out, regular, SIZE, RULES[1] + 92.1, y - 14.5, value)
            if row.print_balance:
                balance = txn.balance + (1_000 if txn.index == error_at else 0)
                self.right(out, regular, SIZE, RULES[2] + 89.4, y - 14.5, format_amount(balance))
            for k, line in enumerate(row.lines):
                self.text(out, regular, SIZE, DETAIL_X, y - 15.5 - LINE * k, line)
            y -= row.height
        if summary is not None:
            figures = (
                ("Số dư đầu kỳ/Opening balance:", summary.opening_balance),
                ("Tổng phát sinh nợ/Total debit:", summary.total_debit),
                ("Tổng phát sinh có/Total credit:", summary.total_credit),
                ("Số dư cuối kỳ/Closing balance:", summary.closing_balance),
            )
            for k, (label, value) in enumerate(figures):
                self.text(out, bold, SIZE, 29.2, y - 16.0 - LINE * k, f"{label} {format_amount(value or 0)}")
        self.footer(out, number, total)
        return "".join(out).encode("latin-1")


def _count_pdf_pages(options: Options) -> int:
    layout = _VcbPdf(None, options)
    count = 0
    for number, _rows, _last in layout.pages(transactions(options, bank="VCB"), options.pages):
        count = number
    return count


def write_vcb_pdf(path: str | Path, options: Options | None = None) -> GeneratedStatement:
    """Write a Vietcombank 2024-layout statement PDF; ``options.pages`` fills exactly that many pages."""
    options = options or Options()
    path = Path(path)
    estimate = options.pages * 17 if options.pages is not None else None
    if options.pages is not None:
        options = replace(options, lines=None)
    total = options.pages if options.pages is not None else _count_pdf_pages(options)
    header = _header(options, "VCB")
    header.pages = total
    header.total_debit = header.total_credit = 0
    collected: list[StatementLine] | None = [] if options.collect else None
    count = 0
    balance = options.opening_balance
    with open(path, "wb") as handle:
        writer = PdfWriter(handle)
        layout = _VcbPdf(writer, options)
        txns = transactions(options, bank="VCB", expected=estimate)
        for number, rows, last in layout.pages(txns, total):
            for position, row in enumerate(rows, start=1):
                txn = row.txn
                count += 1
                header.total_debit += txn.debit
                header.total_credit += txn.credit
                balance = txn.balance
                if collected is not None:
                    printed = txn.balance + (1_000 if txn.index == options.balance_error_at else 0)
                    collected.append(
                        StatementLine(
                            bank="VCB",
                            account=options.account,
                            date=txn.date,
                            reference=txn.reference,
                            debit=txn.debit,
                            credit=txn.credit,
                            balance=printed if row.print_balance else None,
                            description=txn.description,
                            page=number,
                            line=position,
                        )
                    )
            summary = None
            if last and options.summary:
                header.closing_balance = balance
                summary = header
            content = layout.page(number, total, rows, summary)
            writer.add_page(content, PAGE_WIDTH, PAGE_HEIGHT)
        writer.finish(title=f"Sao kê tài khoản {options.account}")
    if not options.summary:
        header.total_debit = header.total_credit = header.closing_balance = None
    return GeneratedStatement(path, "vcb_pdf", header, count, total, collected)


# --- CSV and XLSX exports --------------------------------------------------------------------------


def _table_spec(layout: str) -> TableSpec:
    from mattran.funds.statements.layouts import bidv, vcb_amount, vcb_table, vietinbank

    specs = {module.SPEC.name: module.SPEC for module in (vcb_table, vcb_amount, vietinbank, bidv)}
    return specs[layout]


def _cell(value: int, *, thousands: str, xlsx: bool, signed: bool = False) -> object:
    if xlsx:
        return value
    text = format_amount(abs(value), thousands=thousands)
    return f"-{text}" if signed and value < 0 else text


def table_rows(
    layout: str, options: Options, kind: str
) -> Iterator[tuple[list[object], StatementLine | None]]:
    """Yield the rows of a CSV/XLSX export with the line each data row must parse to."""
    spec = _table_spec(layout)
    xlsx = kind == "xlsx"
    sep = spec.thousands
    keys = [column.key for column in spec.columns]
    width = len(keys)
    bank_names = {"VCB": "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM", "CTG": "NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM"}
    bank_names["BIDV"] = "NGÂN HÀNG TMCP ĐẦU TƯ VÀ PHÁT TRIỂN VIỆT NAM"
    # Summary rows leave the date column empty so a reader can tell them from transactions.
    label_at = next(i for i, key in enumerate(keys) if key != "date")
    value_at = next(i for i, key in enumerate(keys) if i > label_at and key != "date")

    def labelled(label: str, value: object) -> list[object]:
        row: list[object] = [None] * width
        row[label_at] = label
        row[value_at] = value
        return row

    def amount(value: int, *, signed: bool = False) -> object:
        return _cell(value, thousands=sep, xlsx=xlsx, signed=signed)

    yield [bank_names[spec.bank]], None
    yield [spec.preamble_title], None
    yield [f"Số tài khoản/Account number: {options.account}"], None
    yield [f"Tên tài khoản/Account name: {options.holder}"], None
    yield ["Loại tiền/Currency: VND"], None
    yield [f"Từ ngày {options.period_from:%d/%m/%Y} đến ngày {options.period_to:%d/%m/%Y}"], None
    if options.summary:
        yield labelled("Số dư đầu kỳ/Opening balance", amount(options.opening_balance)), None
    yield [], None
    yield [column.title for column in spec.columns], None
    total_debit = total_credit = 0
    balance = options.opening_balance
    with_time = spec.bank == "CTG"
    for number, txn in enumerate(transactions(options, bank=spec.bank), start=1):
        total_debit += txn.debit
        total_credit += txn.credit
        balance = txn.balance
        printed_balance = txn.balance + (1_000 if txn.index == options.balance_error_at else 0)
        date_text = f"{txn.date:%d/%m/%Y} {txn.time:%H:%M:%S}" if with_time else f"{txn.date:%d/%m/%Y}"
        values: dict[str, object] = {
            "no": number,
            "date": date_text,
            "reference": txn.reference,
            "debit": amount(txn.debit) if txn.debit else None,
            "credit": amount(txn.credit) if txn.credit else None,
            "amount": amount(txn.credit - txn.debit, signed=True),
            "balance": amount(printed_balance),
            "description": txn.description,
            "counterparty": txn.counterparty,
            "counterparty_account": txn.counterparty_account,
            "counterparty_bank": txn.counterparty_bank,
        }
        if txn.index == options.invalid_amount_at:
            key = "amount" if spec.signed_amount else ("debit" if txn.debit else "credit")
            values[key] = options.invalid_amount
        row = [values[key] for key in keys]
        if not xlsx:
            row = ["" if value is None else value for value in row]
        line = StatementLine(
            bank=spec.bank,
            account=options.account,
            date=txn.date,
            reference=txn.reference if "reference" in keys else "",
            debit=txn.debit,
            credit=txn.credit,
            balance=printed_balance if "balance" in keys else None,
            description=txn.description,
            page=None,
            line=0,
            time=txn.time.replace(microsecond=0) if with_time else None,
            counterparty=txn.counterparty if "counterparty" in keys else None,
            counterparty_account=txn.counterparty_account if "counterparty_account" in keys else None,
        )
        yield row, line
    if options.summary:
        if spec.signed_amount:
            yield labelled("Tổng ghi nợ/Total debit", amount(total_debit)), None
            yield labelled("Tổng ghi có/Total credit", amount(total_credit)), None
        else:
            total: list[object] = [None] * width
            total[label_at] = "Tổng cộng"
            total[keys.index("debit")] = amount(total_debit)
            total[keys.index("credit")] = amount(total_credit)
            yield total, None
        yield labelled("Số dư cuối kỳ/Closing balance", amount(balance)), None


def write_table(path: str | Path, layout: str, options: Options | None = None) -> GeneratedStatement:
    """Write a CSV or XLSX export (by the file suffix) of a table layout."""
    options = options or Options()
    path = Path(path)
    kind = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    spec = _table_spec(layout)
    header = _header(options, spec.bank)
    collected: list[StatementLine] | None = [] if options.collect else None
    count = 0
    total_debit = total_credit = 0

    def rows() -> Iterator[list[object]]:
        nonlocal count, total_debit, total_credit
        for number, (row, line) in enumerate(table_rows(layout, options, kind), start=1):
            if line is not None:
                count += 1
                total_debit += line.debit
                total_credit += line.credit
                if collected is not None:
                    collected.append(replace(line, line=number))
            yield row

    if kind == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Sao ke")
        for row in rows():
            sheet.append(row)
        workbook.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for row in rows():
                writer.writerow(row)
    if options.summary:
        header.total_debit, header.total_credit = total_debit, total_credit
        header.closing_balance = options.opening_balance + total_credit - total_debit
    return GeneratedStatement(path, layout, header, count, None, collected)


def generate(layout: str, path: str | Path, options: Options | None = None) -> GeneratedStatement:
    """Write a statement of ``layout`` to ``path``: .pdf for vcb_pdf, .csv or .xlsx for the others."""
    if layout == "vcb_pdf":
        return write_vcb_pdf(path, options)
    return write_table(path, layout, options)
