"""VietQR payloads (NAPAS, EMVCo merchant-presented QR) for giving to an appeal's account, and their image.

The payload is a string of TLV fields (two-digit id, two-digit length, value) ending with a CRC16-CCITT
(polynomial 0x1021, initial value 0xFFFF) of everything before it, "6304" included. Field 38 carries
the NAPAS GUID, the bank's BIN and the account number, and the service "QRIBFTTA" (transfer to an
account); field 62.08 carries the transfer message, which banks only accept as plain ASCII.
"""

from __future__ import annotations

import io
import re

from mattran.core.text import fold

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
_NOT_ALLOWED = re.compile(r"[^A-Z0-9 ]+")


def tlv(tag: str, value: str) -> str:
    """Return one EMVCo field: id, length on two digits, value."""
    if len(value) > 99:
        raise ValueError(f"QR field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: str) -> str:
    """Return the CRC16-CCITT (0x1021, init 0xFFFF) of ``data`` as four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def ascii_message(text: str) -> str:
    """Return ``text`` as banks accept a transfer message: upper-case ASCII letters, digits and spaces."""
    return " ".join(_NOT_ALLOWED.sub(" ", fold(text).upper()).split())


def payload(*, bank_bin: str, account: str, amount: int | None = None, message: str = "") -> str:
    """Return the VietQR payload string for a transfer to ``account`` at the bank ``bank_bin``."""
    if not (bank_bin.isdigit() and len(bank_bin) == 6):
        raise ValueError("BIN must be six digits")
    if not account.isdigit():
        raise ValueError("account must be digits")
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    parts = [tlv("00", "01"), tlv("01", "12" if amount else "11"), tlv("38", merchant), tlv("53", "704")]
    if amount:
        parts.append(tlv("54", str(int(amount))))
    parts.append(tlv("58", "VN"))
    message = ascii_message(message)[:50]
    if message:
        parts.append(tlv("62", tlv("08", message)))
    body = "".join(parts) + "6304"
    return body + crc16_ccitt(body)


def parse(data: str) -> dict[str, str]:
    """Split a payload into its top-level fields (for checks and tests)."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        tag, length = data[i : i + 2], int(data[i + 2 : i + 4])
        fields[tag] = data[i + 4 : i + 4 + length]
        i += 4 + length
    return fields


def svg(data: str, *, scale: int = 5) -> str:
    """Return the QR code of ``data`` as an SVG document (segno, error correction M)."""
    import segno

    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="svg", scale=scale, border=2, xmldecl=False)
    return out.getvalue().decode("utf-8")
