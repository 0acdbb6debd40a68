"""Residential areas from a real .xlsx file: all rows or none, every bad row reported with row and column."""

from __future__ import annotations

import io
import random

import pytest
from openpyxl import Workbook

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.actions import do_import_residential_areas
from mattran.org.imports import (
    HEADERS,
    RowError,
    parse_workbook,
    template_workbook,
)
from mattran.org.models import Level, Unit, UnitKind
from tests.org.dbstate import unchanged


def xlsx(*rows, header=tuple(HEADERS)) -> bytes:
    wb = Workbook()
    ws = wb.active
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def areas(commune: Unit) -> dict[str, tuple]:
    return {
        u.name: (u.short_name, u.kind, u.code, u.notes, u.level.code)
        for u in Unit.objects.filter(parent=commune).select_related("level")
    }


def test_it_imports_every_row_of_a_clean_file(tree, people):
    data = xlsx(
        ["Tổ dân phố số 5", "tổ dân phố", "TDP5", "Khu tập thể"],
        ["Số 6", "Tổ dân phố", None, None],
        ["To dan pho so 7", "to dan pho", None, None],
        ["Thôn Nam", "thôn", None, None],
        ["Ấp Mới", "ấp", "A1", None],
        ["Bản Pá Khoang", "Bản", None, None],
        ["Khu phố 3", "khu phố", None, None],
        [" Khóm  Hai ", "KHÓM", None, None],
        ["Phố Huế", "khu dân cư", 12, None],
    )

    created, parsed = do_import_residential_areas(
        acting_user=people.ward_admin, commune=tree.commune, data=data
    )

    assert parsed.errors == []
    assert [u.name for u in created] == [
        "Tổ dân phố số 5",
        "Tổ dân phố Số 6",
        "Tổ dân phố so 7",
        "Thôn Nam",
        "Ấp Mới",
        "Bản Pá Khoang",
        "Khu phố 3",
        "Khóm Hai",
        "Khu dân cư Phố Huế",
    ]
    assert areas(tree.commune) == {
        "Thôn Đông": ("Đông", UnitKind.VILLAGE, "", "", Level.RESIDENTIAL),
        "Tổ dân phố số 5": ("số 5", UnitKind.RESIDENTIAL_GROUP, "TDP5", "Khu tập thể", Level.RESIDENTIAL),
        "Tổ dân phố Số 6": ("Số 6", UnitKind.RESIDENTIAL_GROUP, "", "", Level.RESIDENTIAL),
        "Tổ dân phố so 7": ("so 7", UnitKind.RESIDENTIAL_GROUP, "", "", Level.RESIDENTIAL),
        "Thôn Nam": ("Nam", UnitKind.VILLAGE, "", "", Level.RESIDENTIAL),
        "Ấp Mới": ("Mới", UnitKind.HAMLET, "A1", "", Level.RESIDENTIAL),
        "Bản Pá Khoang": ("Pá Khoang", UnitKind.MOUNTAIN_VILLAGE, "", "", Level.RESIDENTIAL),
        "Khu phố 3": ("3", UnitKind.QUARTER, "", "", Level.RESIDENTIAL),
        "Khóm Hai": ("Hai", UnitKind.KHOM, "", "", Level.RESIDENTIAL),
        "Khu dân cư Phố Huế": ("Phố Huế", UnitKind.OTHER_RESIDENTIAL, "12", "", Level.RESIDENTIAL),
    }
    assert AuditEntry.objects.filter(action="org.create_unit", actor=people.ward_admin).count() == 9
    entry = AuditEntry.objects.get(action="org.import_residential_areas")
    assert (entry.unit, entry.actor, entry.summary) == (
        tree.commune,
        people.ward_admin,
        "Nhập 9 khu dân cư từ Excel",
    )
    assert entry.after == {"created": [u.pk for u in created]}


def test_it_reads_the_template_it_offers(tree):
    parsed = parse_workbook(template_workbook(), commune=tree.sibling)

    assert parsed.errors == []
    assert [(r.row, r.short_name, r.kind) for r in parsed.rows] == [
        (2, "số 1", UnitKind.RESIDENTIAL_GROUP),
        (3, "Đông", UnitKind.VILLAGE),
    ]


def test_it_reports_every_bad_row_and_imports_nothing(tree, people):
    data = xlsx(
        ["Tổ dân phố số 5", "tổ dân phố", "TDP5", None],  # 2: fine on its own
        ["Xóm Chùa", "xóm", None, None],  # 3: not a residential kind we know
        [None, "thôn", None, None],  # 4: no name
        ["tổ dân phố số 5", "Tổ dân phố", None, None],  # 5: the same area as row 2
        ["Thôn Đông", "thôn", None, None],  # 6: Xã An already has it
        ["Thôn Bắc", None, None, None],  # 7: no kind
        ["Thôn Nam", "thôn", "TDP5", None],  # 8: the code of row 2
        ["Ấp Một", "ấp", None, None],  # 9: fine
    )

    with unchanged():
        created, parsed = do_import_residential_areas(
            acting_user=people.ward_admin, commune=tree.commune, data=data
        )

    assert created == []
    assert [(e.row, e.column) for e in parsed.errors] == [
        (3, "Loại"),
        (4, "Tên"),
        (5, "Tên"),
        (6, "Tên"),
        (7, "Loại"),
        (8, "Mã"),
    ]
    messages = {e.row: e.message for e in parsed.errors}
    assert messages[3].startswith("Loại 'xóm' không hợp lệ; dùng: ")
    assert messages[4] == "Chưa nhập tên."
    assert messages[5] == "Trùng với dòng 2."
    assert messages[6] == "Xã An đã có Thôn Đông."
    assert messages[7] == "Chưa nhập loại (thôn, tổ dân phố, ấp, bản…)."
    assert messages[8] == "Mã TDP5 đã được dùng."
    assert str(parsed.errors[0]).startswith("Dòng 3, cột Loại: ")
    assert [r.row for r in parsed.rows] == [2, 9]


def test_it_reports_two_errors_on_one_row(tree):
    parsed = parse_workbook(xlsx([None, "làng"]), commune=tree.commune)

    assert [(e.row, e.column) for e in parsed.errors] == [(2, "Loại"), (2, "Tên")]
    assert parsed.rows == []


def test_it_keeps_row_numbers_across_blank_rows(tree):
    data = xlsx(["Thôn Nam", "thôn"], [], [None, None], ["Thôn Nam", "thôn"])

    parsed = parse_workbook(data, commune=tree.commune)

    assert parsed.errors == [RowError(5, "Tên", "Trùng với dòng 2.")]


def test_it_refuses_a_name_longer_than_150_characters(tree):
    parsed = parse_workbook(xlsx(["Thôn " + "A" * 150, "thôn"]), commune=tree.commune)

    assert parsed.errors == [RowError(2, "Tên", "Tên dài quá 150 ký tự.")]


@pytest.mark.parametrize(
    "header", [("Name", "Type", "Code", "Notes"), ("Tên", "Mã", "Ghi chú"), (None, None)]
)
def test_it_refuses_a_file_with_the_wrong_header(tree, people, header):
    data = xlsx(["Thôn Nam", "thôn", None, None], header=header)

    with unchanged(), pytest.raises(ActionError) as exc:
        do_import_residential_areas(acting_user=people.ward_admin, commune=tree.commune, data=data)

    assert exc.value.code == "bad_header"
    assert exc.value.message.startswith("Dòng 1 phải có tiêu đề cột: Tên, Loại, Mã, Ghi chú (thiếu: ")


def test_it_accepts_headers_in_another_order_and_case(tree):
    data = xlsx(["thôn", "Nam"], header=("LOẠI", "ten"))

    parsed = parse_workbook(data, commune=tree.commune)

    assert [(r.short_name, r.kind) for r in parsed.rows] == [("Nam", UnitKind.VILLAGE)]


@pytest.mark.parametrize(
    "data",
    [
        bytes(random.Random(7).getrandbits(8) for _ in range(2048)),
        "Tên,Loại,Mã,Ghi chú\nThôn Nam,thôn,,\n".encode(),
        b"PK\x03\x04 not really a zip",
        b"",
    ],
    ids=["random-bytes", "csv-renamed-xlsx", "broken-zip", "empty-file"],
)
def test_it_refuses_a_file_that_is_not_an_excel_workbook(tree, people, data):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_import_residential_areas(acting_user=people.ward_admin, commune=tree.commune, data=data)

    assert (exc.value.code, exc.value.field) == ("bad_file", "file")
    assert exc.value.message == "Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu."


def test_it_refuses_an_empty_sheet(tree, people):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_import_residential_areas(
            acting_user=people.ward_admin, commune=tree.commune, data=xlsx(header=None)
        )

    assert (exc.value.code, exc.value.message) == ("empty_file", "Tệp không có dữ liệu.")


def test_it_reports_a_sheet_with_headers_and_no_rows(tree, people):
    with unchanged():
        created, parsed = do_import_residential_areas(
            acting_user=people.ward_admin, commune=tree.commune, data=xlsx([None, None], [])
        )

    assert created == []
    assert parsed.errors == [RowError(2, "—", "Tệp không có dòng dữ liệu nào.")]


def test_it_imports_names_that_differ_only_in_tone_marks(tree):
    parsed = parse_workbook(
        xlsx(["Thôn Hà", "thôn"], ["Thôn Hạ", "thôn"], ["Thôn Dông", "thôn"]), commune=tree.commune
    )

    assert parsed.errors == []
    assert [r.short_name for r in parsed.rows] == ["Hà", "Hạ", "Dông"]
