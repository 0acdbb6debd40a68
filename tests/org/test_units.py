"""Creating and editing single units: names, levels, closure rows, codes, and the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.actions import do_create_unit, do_dissolve_unit, do_update_unit
from mattran.org.models import Level, Structure, Unit, UnitClosure, UnitKind
from tests.conftest import START, SYSTEM
from tests.org.dbstate import unchanged

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def test_it_creates_a_residential_area_with_its_closure_rows_and_audit(tree, people):
    unit = do_create_unit(
        acting_user=people.ward_editor,
        parent=tree.commune,
        short_name=" số  5 ",
        kind=UnitKind.RESIDENTIAL_GROUP,
        code=" TDP5 ",
        valid_from=dt.date(2023, 5, 1),
        notes="Khu tập thể",
    )

    unit = Unit.objects.get(pk=unit.pk)
    assert (unit.name, unit.short_name, unit.code, unit.notes) == (
        "Tổ dân phố số 5",
        "số 5",
        "TDP5",
        "Khu tập thể",
    )
    assert (unit.level.code, unit.structure, unit.parent, unit.depth) == (
        Level.RESIDENTIAL,
        Structure.LOCAL,
        tree.commune,
        4,
    )
    assert (unit.valid_from, unit.valid_to, unit.home_id) == (dt.date(2023, 5, 1), None, unit.pk)
    assert unit.search_name == "to dan pho so 5 tdp5"
    assert set(
        UnitClosure.objects.filter(descendant=unit).values_list("ancestor_id", "depth", "valid_from")
    ) == {
        (unit.pk, 0, dt.date(2023, 5, 1)),
        (tree.commune.pk, 1, dt.date(2023, 5, 1)),
        (tree.district.pk, 2, dt.date(2023, 5, 1)),
        (tree.province.pk, 3, dt.date(2023, 5, 1)),
        (tree.central.pk, 4, dt.date(2023, 5, 1)),
    }
    entry = AuditEntry.objects.get(action="org.create_unit", unit=unit)
    assert entry.actor == people.ward_editor
    assert entry.after["name"] == "Tổ dân phố số 5" and entry.after["parent"] == "Xã An"
    assert entry.summary == "Thêm Tổ dân phố số 5 thuộc Xã An"


def test_it_gives_the_committee_its_printed_name(tree):
    assert tree.central.committee_name == "Ủy ban Trung ương MTTQ Việt Nam"
    assert tree.commune.committee_name == "Ủy ban MTTQ Việt Nam xã An"
    assert tree.village.committee_name == "Ban công tác Mặt trận thôn Đông"


@pytest.mark.parametrize(
    ("short_name", "kind", "message"),
    [
        ("  ", UnitKind.VILLAGE, "Nhập tên đơn vị."),
        ("Nam", "xom", "Loại đơn vị không hợp lệ."),
        ("Đông", UnitKind.VILLAGE, "Xã An đã có Thôn Đông."),
    ],
)
def test_it_refuses_a_bad_new_unit(tree, short_name, kind, message):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_unit(
            acting_user=SYSTEM, parent=tree.commune, short_name=short_name, kind=kind, valid_from=START
        )

    assert exc.value.message == message


def test_it_refuses_a_duplicate_name_that_differs_only_in_ascii_case(tree):
    make_b = do_create_unit(acting_user=SYSTEM, parent=tree.commune, short_name="Bac", kind=UnitKind.VILLAGE)

    with unchanged(), pytest.raises(ActionError, match="Xã An đã có Thôn bac."):
        do_create_unit(acting_user=SYSTEM, parent=tree.commune, short_name="bac", kind=UnitKind.VILLAGE)
    assert make_b.name == "Thôn Bac"


def test_it_refuses_a_duplicate_name_that_differs_only_in_case(tree):
    with unchanged(), pytest.raises(ActionError, match="Xã An đã có"):
        do_create_unit(acting_user=SYSTEM, parent=tree.commune, short_name="ĐÔNG", kind=UnitKind.VILLAGE)


def test_it_allows_the_name_of_a_dissolved_area_again(tree):
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=dt.date(2024, 1, 1))

    again = do_create_unit(
        acting_user=SYSTEM,
        parent=tree.commune,
        short_name="Đông",
        kind=UnitKind.VILLAGE,
        valid_from=dt.date(2024, 1, 1),
    )

    assert Unit.objects.filter(parent=tree.commune, name="Thôn Đông").count() == 2
    assert again.valid_to is None


def test_it_refuses_a_unit_under_a_parent_closed_on_that_date(tree):
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=dt.date(2024, 1, 1))
    do_dissolve_unit(tree.sibling, acting_user=SYSTEM, date=dt.date(2024, 1, 1))

    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_unit(
            acting_user=SYSTEM,
            parent=tree.sibling,
            short_name="Mới",
            kind=UnitKind.VILLAGE,
            valid_from=dt.date(2024, 6, 1),
        )

    assert (exc.value.code, exc.value.status) == ("unit_closed", 409)
    assert (
        exc.value.message == "Xã Bình không hoạt động vào ngày 01/06/2024, không thể thêm đơn vị trực thuộc."
    )


def test_it_refuses_a_unit_below_a_residential_area(tree):
    with (
        unchanged(),
        pytest.raises(ActionError, match="Đơn vị trực thuộc phải ở cấp thấp hơn đơn vị cấp trên."),
    ):
        do_create_unit(
            acting_user=SYSTEM, parent=tree.village, short_name="Nhỏ", kind=UnitKind.VILLAGE, valid_from=START
        )


def test_it_gives_a_commune_created_under_a_province_the_commune_level(tree):
    assert tree.other_commune.kind == UnitKind.COMMUNE

    assert tree.other_commune.level.code == Level.COMMUNE


def test_it_updates_a_code_and_notes_with_an_audit_entry(tree, people):
    do_update_unit(tree.commune, acting_user=people.ward_admin, code=" 00118x ", notes=" Trụ sở mới ")

    commune = Unit.objects.get(pk=tree.commune.pk)
    assert (commune.code, commune.notes) == ("00118x", "Trụ sở mới")
    assert commune.search_name == "xa an 00118x"
    entry = AuditEntry.objects.get(action="org.update_unit", unit=commune)
    assert entry.before == {"code": "", "notes": ""}
    assert entry.after == {"code": "00118x", "notes": "Trụ sở mới"}
    assert entry.actor == people.ward_admin


def test_it_writes_no_audit_entry_when_an_update_changes_nothing(tree):
    with unchanged():
        do_update_unit(tree.commune, acting_user=SYSTEM, code="", notes="")


def test_it_refuses_a_code_used_by_another_unit_of_the_same_level(tree):
    do_update_unit(tree.sibling, acting_user=SYSTEM, code="X-1")

    with unchanged(), pytest.raises(ActionError) as exc:
        do_update_unit(tree.commune, acting_user=SYSTEM, code="X-1", notes="khác")

    assert (exc.value.code, exc.value.field) == ("duplicate_code", "code")
    assert exc.value.message == "Mã X-1 đã được dùng cho một đơn vị khác cùng cấp."
