"""Beneficiary households: the Excel template, row-level errors with nothing written, duplicates, the pages."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from mattran.core.errors import ActionError
from mattran.funds import actions
from mattran.funds.actions import do_import_beneficiaries
from mattran.funds.beneficiaries import parse
from mattran.funds.models import Beneficiary
from tests.conftest import SYSTEM

from .helpers import household, sheet


def upload(data: bytes, name: str = "ds.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/vnd.ms-excel")


def test_it_offers_a_template_with_categories_and_the_units_areas(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    response = client.get(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/?mau=1")
    assert response.status_code == 200 and "mau-danh-sach-ho.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["Danh sách hộ"].iter_rows(values_only=True))
    assert rows[0] == ("Chủ hộ", "Diện", "Khu dân cư", "Địa chỉ", "Số nhân khẩu")
    assert rows[1][2] == tree.village.name
    validation = wb["Danh sách hộ"].data_validations.dataValidation[0]
    assert "cận nghèo" in validation.formula1 and "B2" in str(validation.sqref)
    guide = [r[0] for r in wb["Hướng dẫn"].iter_rows(values_only=True)]
    assert tree.village.name in guide
    # The template, filled in as given, imports.
    created, parsed = do_import_beneficiaries(acting_user=SYSTEM, unit=tree.commune, data=response.content)
    assert not parsed.errors and created[0].area == tree.village


def test_it_shows_row_errors_on_the_page_and_writes_nothing(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    bad = sheet(
        [
            ["Lê Văn C", "hộ nghèo", "Đông", "", 3],
            ["", "giàu", "Tây", "", "x"],
            ["Lê Văn C", "nghèo", "Đông", "", 2.5],
        ]
    )
    response = client.post(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/", {"file": upload(bad)})
    page = response.content.decode()
    assert response.status_code == 200 and "Không nhập hộ nào vì có 6 lỗi" in page
    assert "Diện &#x27;giàu&#x27; không hợp lệ." in page and "Trùng với dòng 2." in page
    assert "Số nhân khẩu &#x27;2.5&#x27; không hợp lệ." in page
    assert not Beneficiary.objects.exists()


def test_it_refuses_a_file_that_is_not_excel_and_writes_nothing(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    response = client.post(
        f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/", {"file": upload(b"Chu ho,Dien\n", "ds.csv")}
    )
    assert "Tệp không phải Excel (.xlsx) hoặc bị hỏng." in response.content.decode()
    wrong_header = sheet([["A", "hộ nghèo"]], headers=["Tên", "Loại"])
    response = client.post(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/", {"file": upload(wrong_header)})
    assert "Dòng đầu phải là tiêu đề" in response.content.decode()
    assert not Beneficiary.objects.exists()


def test_it_imports_a_good_list_once_and_reports_the_second_import(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    good = sheet([["Lê Văn C", "hộ nghèo", "Đông", "Xóm 1", 3.0], ["Phạm Thị D", "cận nghèo", "", "", None]])
    response = client.post(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/", {"file": upload(good)})
    assert response.status_code == 302
    assert sorted(Beneficiary.objects.values_list("head_name", "members")) == [
        ("Lê Văn C", 3),
        ("Phạm Thị D", None),
    ]
    again = client.post(f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/", {"file": upload(good)})
    assert "Hộ Lê Văn C đã có trong danh sách." in again.content.decode()
    assert Beneficiary.objects.count() == 2


def test_it_treats_households_with_the_same_name_elsewhere_as_different(tree) -> None:
    household(tree.commune, "Nguyễn Văn A", address="Xóm 1")
    parsed = parse(
        tree.commune,
        sheet([["Nguyễn Văn A", "nghèo", "", "Xóm 2", 1], ["nguyen van a", "nghèo", "", "xom 1", 1]]),
    )
    assert [(e.row, e.message) for e in parsed.errors] == [(3, "Hộ nguyen van a đã có trong danh sách.")]


def test_it_forbids_imports_to_readers_and_other_units(client, people, tree) -> None:
    good = sheet([["Lê Văn C", "hộ nghèo", "", "", 3]])
    for persona, unit in (
        ("ward_leader", tree.commune),
        ("ward_editor", tree.sibling),
        ("district_leader", tree.commune),
    ):
        client.force_login(getattr(people, persona))
        response = client.post(f"/quy/don-vi/{unit.pk}/ho-duoc-ho-tro/", {"file": upload(good)})
        assert response.status_code == 403, persona
    assert not Beneficiary.objects.exists()


def test_it_adds_one_household_from_the_page(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    url = f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/them/"
    data = {"head_name": "  Trần   Thị Bình ", "category": "policy", "area": tree.village.pk, "members": "4"}
    assert client.post(url, data).status_code == 302
    home = Beneficiary.objects.get()
    assert (home.head_name, home.area, home.members, home.category) == (
        "Trần Thị Bình",
        tree.village,
        4,
        "policy",
    )
    again = client.post(url, data)
    assert "đã có trong danh sách" in again.content.decode() and Beneficiary.objects.count() == 1


def test_it_filters_the_household_list(client, people, tree) -> None:
    household(tree.commune, "Trần Thị Bình", "poor", area=tree.village)
    household(tree.commune, "Lê Văn An", "policy")
    client.force_login(people.ward_leader)
    url = f"/quy/don-vi/{tree.commune.pk}/ho-duoc-ho-tro/"
    by_name = client.get(url, {"q": "tran binh"}).content.decode()
    assert "Trần Thị Bình" not in by_name  # words in order: "tran binh" is not a substring
    by_name = client.get(url, {"q": "thi binh"}).content.decode()
    assert "Trần Thị Bình" in by_name and "Lê Văn An" not in by_name
    by_category = client.get(url, {"dien": "policy"}).content.decode()
    assert "Lê Văn An" in by_category and "Trần Thị Bình" not in by_category
    by_area = client.get(url, {"khu": tree.village.pk}).content.decode()
    assert "Trần Thị Bình" in by_area and "Lê Văn An" not in by_area


@pytest.mark.parametrize("members", [0, 100, -1, True])
def test_it_refuses_an_impossible_household_size(tree, members) -> None:
    with pytest.raises(ActionError):
        actions.do_add_beneficiary(
            acting_user=SYSTEM, unit=tree.commune, head_name="A", category="poor", members=members
        )
    assert not Beneficiary.objects.exists()
