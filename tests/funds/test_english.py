"""In English every interface string of the funds staff pages is English: what stays Vietnamese is data (unit,
fund and person names), which the check skips by name."""

from __future__ import annotations

from django.urls import reverse

from tests.web.test_english import assert_english

from .helpers import decision, fill, house, household


def test_it_shows_the_funds_pages_in_english(english, tree, people, funds) -> None:
    fill(funds.commune)
    home = household(tree.commune, "Lò Văn Pấng")
    built = house(funds.commune, decision(tree.commune), home)
    data = [
        tree.commune.name, tree.district.name, tree.province.name, tree.village.name, "Lò Văn Pấng",
        funds.commune.name, "Quỹ", "QĐ-MTTQ", "đồng", people.ward_editor.profile.full_name, "Cứu trợ",
        "Công ty Hòa Bình", "Hỗ trợ hộ nghèo", "Nguyễn Văn Chủ",  # the helpers' donor, decision and signer
    ]  # fmt: skip
    unit = tree.commune.pk
    pages = [
        reverse("funds:index"),
        reverse("funds:fund", args=[funds.commune.pk]),
        reverse("funds:receipt_new", args=[funds.commune.pk]),
        reverse("funds:disbursement_new", args=[funds.commune.pk]),
        reverse("funds:unit_disbursements", args=[unit]),
        reverse("funds:disbursement", args=[built.pk]),
        reverse("funds:houses", args=[unit]),
        reverse("funds:beneficiaries", args=[unit]),
        reverse("funds:beneficiary_new", args=[unit]),
    ]
    assert_english(english, pages, data)


def test_it_keeps_documents_and_the_record_vietnamese_for_an_english_reader(english, funds) -> None:
    """The receipt (biên lai) and the ledger line stay Vietnamese when the cadre works in English."""
    import io

    from docx import Document

    response = english.post(
        reverse("funds:receipt_new", args=[funds.commune.pk]),
        {"method": "cash", "donor_kind": "person", "donor_name": "Lê Thị Hoa", "amount": "250000",
         "received_on": "2025-03-01"},
    )  # fmt: skip
    assert response.status_code == 302
    receipt = funds.commune.receipts.get()
    assert "tiền mặt" in receipt.entry.description
    docx = english.get(reverse("funds:receipt_docx", args=[receipt.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Hình thức: Tiền mặt." in text and "Cash" not in text


def test_it_explains_a_refused_action_in_the_readers_language(client, english, funds) -> None:
    """A wrong value is refused with the same message in the cadre's language, in the API as on the pages;
    nothing is posted either way."""
    from django.conf import settings

    from mattran.funds.models import LedgerEntry

    url = f"/api/v1/funds/{funds.commune.pk}/entries"
    bad = {"kind": "receipt", "amount": 0, "date": "2025-03-01", "description": "Thu"}
    response = english.post(url, bad, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "The amount must be greater than 0."
    page = english.post(
        reverse("funds:receipt_new", args=[funds.commune.pk]),
        {"method": "transfer", "donor_kind": "person", "donor_name": "Lê Thị Hoa", "amount": "250000",
         "received_on": "2025-03-01"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "The fund has no bank account to receive transfers." in page.content.decode()
    english.cookies.pop(settings.LANGUAGE_COOKIE_NAME)  # Vietnamese, the default
    response = english.post(url, bad, content_type="application/json")
    assert response.json()["message"] == "Số tiền phải lớn hơn 0."
    assert not LedgerEntry.objects.filter(fund=funds.commune).exists()
