"""The receipt (biên lai thu) of a donation as a Decree 30/2020 DOCX."""

from __future__ import annotations

from mattran.core.documents import AdminDocument, in_vietnamese
from mattran.core.text import format_money, money_in_words

from .models import Receipt, ReceiptMethod


def issuing_body(unit) -> list[str]:
    """The committee that receives, one name (the header wraps it between whole name parts)."""
    return [unit.committee_name]


@in_vietnamese
def receipt_document(receipt: Receipt) -> AdminDocument:
    """Lay out the biên lai (DOCX or PDF) of a receipt: number per unit and year, amount in figures and in words."""
    unit = receipt.unit
    doc = AdminDocument(
        issuing_body_lines=issuing_body(unit),
        parent_lines=0,
        number=f"{receipt.number:04d}/{receipt.year}/BL",
        place=unit.short_name,
        date=receipt.received_on,
        title="BIÊN LAI THU" + (" (ĐÃ HUỶ)" if receipt.cancelled else ""),
        subtitle=f"Ủng hộ {receipt.fund.name}",
    )
    doc.paragraph(f"Họ tên người nộp / tổ chức: {receipt.donor_label}.")
    if receipt.donor_address:
        doc.paragraph(f"Địa chỉ: {receipt.donor_address}.")
    if receipt.appeal_id:
        doc.paragraph(f"Theo lời kêu gọi: {receipt.appeal.title}.")
    doc.paragraph(f"Hình thức: {ReceiptMethod(receipt.method).label}.")
    if receipt.method == ReceiptMethod.IN_KIND:
        quantity = f", số lượng {receipt.goods_quantity}" if receipt.goods_quantity else ""
        doc.paragraph(f"Hiện vật: {receipt.goods}{quantity}; giá trị quy đổi như sau.")
    doc.paragraph(f"Số tiền: {format_money(receipt.amount)}.", bold=True)
    doc.paragraph(f"Viết bằng chữ: {money_in_words(receipt.amount)}.", italic=True)
    if receipt.note:
        doc.paragraph(f"Ghi chú: {receipt.note}.")
    doc.signature_block([("", "NGƯỜI NỘP", receipt.donor_name), ("", "NGƯỜI THU", "")])
    return doc
