"""The biên lai as PDF, from the page and from the API, with the same content as the DOCX."""

from __future__ import annotations

import datetime as dt
import io

import docx

from mattran.accounts.actions import do_issue_token
from mattran.funds import actions
from mattran.funds.documents import receipt_document
from tests.conftest import SYSTEM
from tests.core.pdftext import pdf_flat, pdf_text


def _receipt(fund):
    return actions.do_record_receipt(
        acting_user=SYSTEM, fund=fund, received_on=dt.date(2025, 3, 2), method="cash", donor_kind="person",
        donor_name="Nguyễn Văn A", amount=1_800_000_000,
    )  # fmt: skip


def test_it_prints_the_receipt_as_pdf_with_the_amount_in_words(client, people, funds) -> None:
    receipt = _receipt(funds.commune)
    client.force_login(people.ward_editor)
    assert f"/quy/bien-lai/{receipt.pk}/pdf/" in client.get(f"/quy/{funds.commune.pk}/").content.decode()
    response = client.get(f"/quy/bien-lai/{receipt.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bien-lai-2025-0001.pdf"'
    text = pdf_text(response.content)
    for expected in ("BIÊN LAI THU", "Số: 0001/2025/BL", "Nguyễn Văn A", "1.800.000.000 đồng",
                     "Một tỷ tám trăm triệu đồng", "NGƯỜI NỘP", "NGƯỜI THU"):  # fmt: skip
        assert expected in text, expected


def test_it_serves_the_receipt_pdf_from_the_api_within_the_rules(client, people, funds) -> None:
    receipt = _receipt(funds.district)
    _, ward_token = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="t")
    refused = client.get(
        f"/api/v1/funds/receipts/{receipt.pk}/pdf", headers={"Authorization": f"Bearer {ward_token}"}
    )
    assert refused.status_code == 403
    mine = _receipt(funds.commune)
    ok = client.get(
        f"/api/v1/funds/receipts/{mine.pk}/pdf", headers={"Authorization": f"Bearer {ward_token}"}
    )
    assert ok.status_code == 200 and ok.content.startswith(b"%PDF-")
    bad = client.get(
        f"/api/v1/funds/receipts/{mine.pk}/odt", headers={"Authorization": f"Bearer {ward_token}"}
    )
    assert bad.status_code in (400, 422)


def test_it_heads_the_receipt_with_the_committee_and_the_decrees_date(people, funds) -> None:
    receipt = _receipt(funds.commune)
    doc = receipt_document(receipt)
    left, right = docx.Document(io.BytesIO(doc.to_bytes())).tables[0].rows[0].cells
    header = [p.text for p in left.paragraphs if p.text]
    assert header[:2] == ["ỦY BAN MTTQ VIỆT NAM", receipt.unit.name.upper()]
    assert right.paragraphs[-1].text.endswith("ngày 02 tháng 3 năm 2025")
    assert "ngày 02 tháng 3 năm 2025" in pdf_flat(doc.to_pdf())
