"""The Excel batch: the template filled in and uploaded; every row or none, errors by row and column."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from mattran.petitions.actions.batch import HEADERS
from mattran.petitions.models import Case


def _sheet(*rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("y-kien.xlsx", out.getvalue())


GOOD = [
    "Kiến nghị",
    "Họp khu dân cư",
    "15/03/2025",
    "Hạ tầng, giao thông",
    "Đề nghị sửa đèn ngõ 5",
    "Nguyễn Văn An",
    "",
    "Tổ 3",
]
ANONYMOUS = [
    "Phản ánh",
    "Hòm thư góp ý",
    "16/03/2025",
    "",
    "Có người đổ phế thải xây dựng ra bờ sông",
    "",
    "",
    "",
]


def test_it_downloads_the_template_and_imports_every_row(client, people) -> None:
    client.force_login(people.ward_editor)
    template = client.get("/tieng-noi/nhap-excel/?mau=1")
    assert [
        c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))
    ] == HEADERS
    response = client.post("/tieng-noi/nhap-excel/", {"file": _sheet(GOOD, ANONYMOUS)})
    assert response.status_code == 302
    cases = list(Case.objects.order_by("id"))
    assert [(c.kind, c.channel, c.submitters.count()) for c in cases] == [
        ("kien_nghi", "hop_khu_dan_cu", 1),
        ("phan_anh", "hom_thu", 1),
    ]
    assert cases[1].submitters.get().anonymous


def test_a_wrong_row_imports_nothing_and_is_named(client, people) -> None:
    client.force_login(people.ward_editor)
    bad = ["Khiếu nại", "Bồ câu", "32/13/2025", "Hạ tầng, giao thông", "Khiếu nại về đền bù", "", "", ""]
    response = client.post("/tieng-noi/nhap-excel/", {"file": _sheet(GOOD, bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, cột Kênh" in page and "Dòng 3, cột Ngày tiếp nhận" in page
    assert not Case.objects.exists()
    anonymous_complaint = ["Khiếu nại", "Đơn thư", "15/03/2025", "", "Khiếu nại về đền bù", "", "", ""]
    response = client.post("/tieng-noi/nhap-excel/", {"file": _sheet(GOOD, anonymous_complaint)})
    assert "Dòng 3, cột Họ và tên" in response.content.decode()
    assert not Case.objects.exists()
