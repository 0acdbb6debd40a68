"""Vietnamese banks that receive donations, with the BIN (Bank Identification Number) VietQR uses.

BINs are those of the NAPAS/VietQR bank list; ``code`` is the short name used in statements and on
screen. The list covers the banks Front committees hold accounts with; add a row to support another.
"""

from __future__ import annotations

from typing import NamedTuple


class Bank(NamedTuple):
    bin: str
    code: str
    short_name: str
    name: str


BANKS: tuple[Bank, ...] = (
    Bank("970436", "VCB", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    Bank("970415", "CTG", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    Bank("970418", "BIDV", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    Bank("970405", "AGR", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    Bank("970407", "TCB", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    Bank("970422", "MB", "MB", "Ngân hàng TMCP Quân đội"),
    Bank("970416", "ACB", "ACB", "Ngân hàng TMCP Á Châu"),
    Bank("970432", "VPB", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    Bank("970403", "STB", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    Bank("970423", "TPB", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    Bank("970441", "VIB", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    Bank("970443", "SHB", "SHB", "Ngân hàng TMCP Sài Gòn - Hà Nội"),
    Bank("970437", "HDB", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh"),
    Bank("970448", "OCB", "OCB", "Ngân hàng TMCP Phương Đông"),
    Bank("970426", "MSB", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    Bank("970431", "EIB", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    Bank("970440", "SEAB", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    Bank("970428", "NAB", "Nam A Bank", "Ngân hàng TMCP Nam Á"),
    Bank("970429", "SCB", "SCB", "Ngân hàng TMCP Sài Gòn"),
    Bank("970454", "VCCB", "Bản Việt", "Ngân hàng TMCP Bản Việt"),
    Bank("970449", "LPB", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam"),
    Bank("970409", "BAB", "Bac A Bank", "Ngân hàng TMCP Bắc Á"),
    Bank("970412", "PVCB", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    Bank("970414", "OJB", "OceanBank", "Ngân hàng TNHH MTV Đại Dương"),
    Bank("970438", "BVB", "BaoViet Bank", "Ngân hàng TMCP Bảo Việt"),
    Bank("970452", "KLB", "KienlongBank", "Ngân hàng TMCP Kiên Long"),
    Bank("970430", "PGB", "PG Bank", "Ngân hàng TMCP Thịnh vượng và Phát triển"),
    Bank("970427", "VAB", "VietABank", "Ngân hàng TMCP Việt Á"),
    Bank("970406", "DOB", "DongA Bank", "Ngân hàng TMCP Đông Á"),
    Bank("970425", "ABB", "ABBANK", "Ngân hàng TMCP An Bình"),
    Bank("970433", "VIETBANK", "VietBank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    Bank("970400", "SGICB", "Saigonbank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    Bank("970419", "NCB", "NCB", "Ngân hàng TMCP Quốc Dân"),
    Bank("970439", "PBVN", "Public Bank", "Ngân hàng TNHH MTV Public Việt Nam"),
    Bank("970434", "IVB", "Indovina", "Ngân hàng TNHH Indovina"),
    Bank("970442", "HLBVN", "Hong Leong", "Ngân hàng TNHH MTV Hong Leong Việt Nam"),
    Bank("970421", "VRB", "VRB", "Ngân hàng Liên doanh Việt - Nga"),
    Bank("970457", "WVN", "Woori", "Ngân hàng TNHH MTV Woori Việt Nam"),
    Bank("970424", "SHBVN", "Shinhan", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
    Bank("970408", "GPB", "GPBank", "Ngân hàng TM TNHH MTV Dầu Khí Toàn Cầu"),
    Bank("970410", "SCVN", "Standard Chartered", "Ngân hàng TNHH MTV Standard Chartered Việt Nam"),
    Bank("970455", "IBK", "IBK", "Ngân hàng Công nghiệp Hàn Quốc - CN Hà Nội"),
    Bank("999888", "VBSP", "NHCSXH", "Ngân hàng Chính sách Xã hội"),
)

BY_BIN: dict[str, Bank] = {bank.bin: bank for bank in BANKS}
BY_CODE: dict[str, Bank] = {bank.code: bank for bank in BANKS}
CHOICES: list[tuple[str, str]] = [(bank.bin, f"{bank.short_name} — {bank.name}") for bank in BANKS]

# The bank names the statement readers put on each line (StatementLine.bank), mapped to a BIN.
STATEMENT_BANKS = {"VCB": "970436", "CTG": "970415", "BIDV": "970418"}


def bank_by_bin(bin_: str) -> Bank | None:
    """Return the bank with that BIN, or None."""
    return BY_BIN.get(bin_)
