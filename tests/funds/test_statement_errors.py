"""Bad statement files fail with the right error, in Vietnamese, naming the page and line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from mattran.funds.statements import (
    AmountError,
    BalanceChecker,
    CorruptFileError,
    EncryptedFileError,
    StatementError,
    WrongLayoutError,
    detect_layout,
    get_layout,
    open_statement,
)
from tests.funds.statement_generators import Options, generate

AMOUNT_HINT = "Số tiền phải là số đồng nguyên, ví dụ 500.000; hãy kiểm tra ô này trong tệp hoặc tải xuống lại sao kê từ ngân hàng."

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def write_encrypted_pdf(path: Path, user_password: bytes, owner_password: bytes) -> None:
    """Write a one-page PDF protected with the standard security handler (RC4 40-bit, revision 2)."""
    file_id = hashlib.md5(b"mattran-test").digest()
    permissions = -44
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    owner_entry = _rc4(owner_key, (user_password + _PAD)[:32])
    key = hashlib.md5(
        (user_password + _PAD)[:32] + owner_entry + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    user_entry = _rc4(key, _PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    content = encrypt(4, b"BT /F1 12 Tf 72 720 Td (SAO KE TAI KHOAN) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
        xref,
    )
    path.write_bytes(bytes(out))


def test_it_reports_a_truncated_pdf_as_corrupt(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "full.pdf", Options(lines=60))
    data = written.path.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as raised:
        list(open_statement(truncated, layout="vcb_pdf"))
    assert raised.value.message == "Tệp PDF bị hỏng hoặc không đọc được"
    with pytest.raises(CorruptFileError):
        detect_layout(truncated)


def test_it_reports_a_password_protected_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    write_encrypted_pdf(path, b"secret", b"owner")
    # The file is a real encrypted PDF: it opens with its password.
    with pdfium.PdfDocument(str(path), password="secret") as doc:
        assert "SAO KE TAI KHOAN" in doc[0].get_textpage().get_text_range()
    with pytest.raises(EncryptedFileError) as raised:
        detect_layout(path)
    assert str(raised.value) == "Tệp PDF có mật khẩu"
    with pytest.raises(EncryptedFileError):
        list(open_statement(path, layout="vcb_pdf"))


def test_it_reports_an_invalid_amount_with_page_and_line_in_the_pdf(tmp_path: Path) -> None:
    reference = generate("vcb_pdf", tmp_path / "ok.pdf", Options(lines=50, seed=4))
    assert reference.lines is not None
    target = reference.lines[36]
    written = generate("vcb_pdf", tmp_path / "bad.pdf", Options(lines=50, seed=4, invalid_amount_at=37))
    parsed = []
    with pytest.raises(AmountError) as raised:
        parsed.extend(open_statement(written.path))
    error = raised.value
    assert (error.page, error.line) == (target.page, target.line)
    assert str(error).startswith(
        f"Số tiền không hợp lệ ở trang {target.page}, dòng {target.line}, cột «Số tiền ghi "
    ) and str(error).endswith(f"»: '12,5'. {AMOUNT_HINT}")
    # Lines before the bad one were streamed out before the error.
    assert parsed == reference.lines[: len(parsed)] and len(parsed) >= 30


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_reports_an_invalid_amount_with_its_row_in_a_table(tmp_path: Path, suffix: str) -> None:
    reference = generate("vietinbank", tmp_path / f"ok{suffix}", Options(lines=20))
    assert reference.lines is not None
    written = generate("vietinbank", tmp_path / f"bad{suffix}", Options(lines=20, invalid_amount_at=12))
    with pytest.raises(AmountError) as raised:
        list(open_statement(written.path))
    assert raised.value.page is None
    assert raised.value.line == reference.lines[11].line
    assert "'12,5'" in str(raised.value) and f"dòng {reference.lines[11].line}" in str(raised.value)


def test_it_reports_an_injected_balance_error_once_with_page_and_line(tmp_path: Path) -> None:
    written = generate("vcb_pdf", tmp_path / "bal.pdf", Options(lines=70, seed=8, balance_error_at=23))
    assert written.lines is not None
    target = written.lines[22]
    opened = open_statement(written.path)
    checker = BalanceChecker(opened, header=opened.header)
    assert sum(1 for _ in checker) == 70
    mismatches = checker.report.mismatches
    assert [(m.page, m.line, m.printed - m.expected) for m in mismatches] == [
        (target.page, target.line, 1_000)
    ]
    assert f"trang {target.page}, dòng {target.line}" in mismatches[0].message()


def test_it_reports_a_balance_error_in_a_csv_with_its_row(tmp_path: Path) -> None:
    written = generate("bidv", tmp_path / "bal.csv", Options(lines=40, balance_error_at=5))
    assert written.lines is not None
    opened = open_statement(written.path)
    checker = BalanceChecker(opened, header=opened.header)
    list(checker)
    assert [(m.page, m.line) for m in checker.report.mismatches] == [(None, written.lines[4].line)]


def test_it_refuses_another_banks_csv_in_the_wrong_parser(tmp_path: Path) -> None:
    written = generate("vietinbank", tmp_path / "ctg.csv", Options(lines=10))
    with pytest.raises(WrongLayoutError) as raised:
        list(get_layout("bidv").parse(written.path))
    assert str(raised.value) == "Tệp không đúng mẫu sao kê BIDV"
    with pytest.raises(WrongLayoutError):
        list(get_layout("vcb_table").parse(written.path))
    assert not get_layout("vcb_table").matches(written.path)
    assert get_layout("vietinbank").matches(written.path)


def test_it_refuses_a_csv_given_to_the_pdf_parser(tmp_path: Path) -> None:
    written = generate("vcb_table", tmp_path / "vcb.csv", Options(lines=5))
    with pytest.raises(StatementError):
        list(get_layout("vcb_pdf").parse(written.path))


def test_it_refuses_a_file_of_no_known_layout(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Ngày,Số tiền,Ghi chú\n01/09/2024,100000,abc\n", encoding="utf-8")
    with pytest.raises(WrongLayoutError) as raised:
        detect_layout(path)
    assert str(raised.value) == "Tệp không đúng mẫu sao kê nào được hỗ trợ"


def test_it_refuses_a_pdf_that_is_not_a_vietcombank_statement(tmp_path: Path) -> None:
    path = tmp_path / "not-a-statement.pdf"
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    document.save(str(path))
    with pytest.raises(WrongLayoutError) as raised:
        list(get_layout("vcb_pdf").parse(path))
    assert str(raised.value) == "Tệp không đúng mẫu sao kê Vietcombank"
    assert raised.value.page == 1
