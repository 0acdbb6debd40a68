"""Merge, split, rename, move and dissolve: the tree, the closure table, successions, homes and the audit."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.actions import (
    do_create_unit,
    do_dissolve_unit,
    do_merge_units,
    do_move_unit,
    do_rename_unit,
    do_split_unit,
    plan_merge,
)
from mattran.org.models import (
    Level,
    ReorganisationKind,
    Structure,
    Unit,
    UnitClosure,
    UnitKind,
    UnitName,
    UnitSuccession,
)
from mattran.org.queries import (
    ancestors,
    children,
    effective_descendants,
    search_units,
    subtree,
)
from tests.conftest import START, make
from tests.org.dbstate import unchanged

D = dt.date(2024, 3, 1)
BEFORE = D - dt.timedelta(days=1)
LATER = dt.date(2024, 9, 1)


@pytest.fixture
def actor(django_user_model):
    return django_user_model.objects.create_superuser("sapxep", password="Mat-khau-thu-2025!")


def fresh(unit: Unit) -> Unit:
    return Unit.objects.select_related("level").get(pk=unit.pk)


def names(qs) -> set[str]:
    return {u.name for u in qs}


def link(ancestor: Unit, descendant: Unit, **dates) -> UnitClosure:
    return UnitClosure.objects.get(ancestor=ancestor, descendant=descendant, **dates)


def audit(action: str, unit: Unit) -> AuditEntry:
    return AuditEntry.objects.get(action=action, unit=unit)


# --- merge ----------------------------------------------------------------------------------------------


def test_it_merges_units_into_a_survivor(tree, actor):
    north = make(tree.sibling, "Bắc", UnitKind.VILLAGE)

    target, event = do_merge_units(
        [tree.commune, tree.sibling],
        acting_user=actor,
        date=D,
        survivor=tree.commune,
        legal_basis="Nghị quyết số 1/NQ-HĐND",
    )

    commune, sibling, north = fresh(tree.commune), fresh(tree.sibling), fresh(north)
    assert target == commune and commune.valid_to is None
    assert sibling.valid_to == D
    assert (event.kind, event.effective_date, event.legal_basis, event.actor) == (
        ReorganisationKind.MERGE,
        D,
        "Nghị quyết số 1/NQ-HĐND",
        actor,
    )
    assert list(
        UnitSuccession.objects.filter(event=event).values_list(
            "predecessor_id", "successor_id", "is_primary", "date"
        )
    ) == [(sibling.pk, commune.pk, True, D)]
    # The merged unit's children now sit under the survivor, at the same depth.
    assert north.parent == commune and north.depth == 4
    assert link(sibling, north).valid_to == D
    assert link(commune, north).valid_from == D and link(commune, north).valid_to is None
    assert link(tree.district, north, valid_to=D).depth == 2
    assert link(tree.district, north, valid_from=D, valid_to=None).depth == 2
    # History: the closed unit is carried by the survivor.
    assert sibling.home == commune
    assert north.home == north
    assert sibling in effective_descendants(commune)
    # The tree as of the day before and as of the day itself.
    assert names(subtree(tree.district, as_of=BEFORE)) >= {"Xã An", "Xã Bình", "Thôn Bắc", "Thôn Đông"}
    assert "Xã Bình" not in names(subtree(tree.district, as_of=D))
    assert names(subtree(sibling, as_of=BEFORE)) == {"Xã Bình", "Thôn Bắc"}
    assert names(subtree(sibling, as_of=D)) == set()
    assert names(subtree(commune, as_of=BEFORE)) == {"Xã An", "Thôn Đông"}
    assert names(subtree(commune, as_of=D)) == {"Xã An", "Thôn Đông", "Thôn Bắc"}
    assert names(children(commune)) == {"Thôn Đông", "Thôn Bắc"}


def test_it_audits_a_merge_with_before_and_after(tree, actor):
    do_merge_units([tree.commune, tree.sibling], acting_user=actor, date=D, survivor=tree.commune)

    closed = audit("org.merge_units", tree.sibling)
    assert closed.actor == actor
    assert closed.before["valid_to"] is None and closed.after["valid_to"] == D.isoformat()
    assert closed.summary == "Sáp nhập vào Xã An"
    survivor = audit("org.merge_units", tree.commune)
    assert survivor.after["merged"] == ["Xã Bình"]
    assert survivor.after["date"] == D.isoformat()


def test_it_merges_units_into_a_new_unit(tree, actor):
    gone = make(tree.commune, "Cũ", UnitKind.VILLAGE)
    do_dissolve_unit(gone, acting_user=actor, date=dt.date(2023, 1, 1))  # its history counts toward Xã An
    north = make(tree.sibling, "Bắc", UnitKind.VILLAGE)

    target, event = do_merge_units(
        [tree.commune, tree.sibling], acting_user=actor, date=D, new_short_name="  An  Bình ", new_code="X-1"
    )

    commune, sibling = fresh(tree.commune), fresh(tree.sibling)
    assert (target.name, target.short_name, target.kind, target.code) == (
        "Xã An Bình",
        "An Bình",
        "xa",
        "X-1",
    )
    assert (target.parent, target.level.code, target.valid_from, target.valid_to) == (
        tree.district,
        Level.COMMUNE,
        D,
        None,
    )
    assert (target.structure, target.depth, target.home_id) == (Structure.LOCAL, 3, target.pk)
    assert commune.valid_to == D and sibling.valid_to == D
    assert set(
        UnitSuccession.objects.filter(event=event).values_list("predecessor_id", "successor_id", "is_primary")
    ) == {(commune.pk, target.pk, True), (sibling.pk, target.pk, True)}
    assert fresh(tree.village).parent == target and fresh(north).parent == target
    assert fresh(tree.village).depth == 4
    assert {commune.home_id, sibling.home_id, fresh(gone).home_id} == {target.pk}
    assert set(effective_descendants(target)) >= {target, commune, sibling, fresh(gone), fresh(tree.village)}
    assert ancestors(target) == [tree.central, tree.province, tree.district]
    # The new unit's closure rows start on the merge date; the moved villages' old links end on it.
    assert set(
        UnitClosure.objects.filter(descendant=target).values_list("ancestor_id", "valid_from", "valid_to")
    ) == {
        (target.pk, D, None),
        (tree.district.pk, D, None),
        (tree.province.pk, D, None),
        (tree.central.pk, D, None),
    }
    assert link(commune, tree.village).valid_to == D
    assert link(target, tree.village).valid_from == D
    assert names(subtree(tree.district, as_of=BEFORE)) == {
        "Huyện Một",
        "Xã An",
        "Xã Bình",
        "Thôn Đông",
        "Thôn Bắc",
    }
    assert names(subtree(tree.district, as_of=D)) == {"Huyện Một", "Xã An Bình", "Thôn Đông", "Thôn Bắc"}
    assert names(subtree(target, as_of=BEFORE)) == set()
    assert AuditEntry.objects.filter(action="org.merge_units").count() == 3


def test_it_merges_units_of_different_parents_into_a_new_unit_under_a_chosen_parent(tree, actor):
    other = make(tree.province, "Hai", UnitKind.RURAL_DISTRICT)
    far = make(other, "Xa", UnitKind.COMMUNE)

    with unchanged(), pytest.raises(ActionError, match="hãy chọn đơn vị cấp trên"):
        do_merge_units([tree.commune, far], acting_user=actor, date=D, new_short_name="Mới")
    target, _ = do_merge_units(
        [tree.commune, far], acting_user=actor, date=D, new_short_name="Mới", parent=other
    )

    assert target.parent == other
    assert ancestors(target) == [tree.central, tree.province, other]


def test_it_describes_a_merge_without_writing_anything(tree):
    with unchanged():
        plan = plan_merge([tree.commune, tree.sibling], date=D, new_short_name="An Bình")

    assert plan.lines() == [
        "Thành lập Xã An Bình (thuộc Huyện Một) từ ngày 01/03/2024",
        "Xã An thôi hoạt động từ ngày 01/03/2024",
        "Xã Bình thôi hoạt động từ ngày 01/03/2024",
        "Chuyển Thôn Đông về Xã An Bình",
        "Xã An → Xã An Bình (kế thừa số liệu lịch sử)",
        "Xã Bình → Xã An Bình (kế thừa số liệu lịch sử)",
    ]


# --- split ----------------------------------------------------------------------------------------------


@pytest.fixture
def west(tree):
    return make(tree.commune, "Tây", UnitKind.VILLAGE)


def test_it_splits_a_unit_and_gives_its_history_to_the_primary_part_only(tree, west, actor):
    gone = make(tree.commune, "Cũ", UnitKind.VILLAGE)
    do_dissolve_unit(gone, acting_user=actor, date=dt.date(2023, 1, 1))

    (upper, lower), event = do_split_unit(
        tree.commune,
        acting_user=actor,
        date=D,
        primary_index=1,
        parts=[
            {"short_name": "An Thượng", "children": [tree.village.pk]},
            {"short_name": "An Hạ", "kind": UnitKind.WARD, "code": "P-2", "children": [west.pk]},
        ],
    )

    commune = fresh(tree.commune)
    assert (upper.name, lower.name, lower.code) == ("Xã An Thượng", "Phường An Hạ", "P-2")
    assert {upper.parent_id, lower.parent_id} == {tree.district.pk}
    assert {upper.level.code, lower.level.code} == {Level.COMMUNE}
    assert upper.valid_from == lower.valid_from == D
    assert commune.valid_to == D
    assert set(
        UnitSuccession.objects.filter(predecessor=commune).values_list("successor_id", "is_primary", "date")
    ) == {(upper.pk, False, D), (lower.pk, True, D)}
    assert event.kind == ReorganisationKind.SPLIT
    assert fresh(tree.village).parent == upper and fresh(west).parent == lower
    assert link(commune, tree.village).valid_to == D and link(upper, tree.village).valid_from == D
    # History goes to the primary part; the other part carries only what is its own.
    assert commune.home == lower and fresh(gone).home == lower
    assert set(effective_descendants(lower)) == {lower, commune, fresh(gone), fresh(west)}
    assert set(effective_descendants(upper)) == {upper, fresh(tree.village)}
    assert names(subtree(tree.district, as_of=BEFORE)) >= {"Xã An", "Thôn Đông", "Thôn Tây"}
    assert names(subtree(tree.district, as_of=D)) == {
        "Huyện Một",
        "Xã An Thượng",
        "Phường An Hạ",
        "Xã Bình",
        "Thôn Đông",
        "Thôn Tây",
    }
    entry = audit("org.split_unit", commune)
    assert entry.before["valid_to"] is None and entry.after["valid_to"] == D.isoformat()
    assert entry.actor == actor


# --- rename ---------------------------------------------------------------------------------------------


def test_it_renames_a_unit_and_keeps_the_former_name(tree, actor):
    event = do_rename_unit(tree.commune, acting_user=actor, short_name="Phú Mỹ", date=D, legal_basis="QĐ 7")

    commune = fresh(tree.commune)
    assert (commune.name, commune.short_name, commune.kind) == ("Xã Phú Mỹ", "Phú Mỹ", "xa")
    assert commune.valid_to is None and commune.home == commune
    former = UnitName.objects.get(unit=commune)
    assert (former.name, former.short_name, former.kind, former.valid_to, former.event) == (
        "Xã An",
        "An",
        "xa",
        D,
        event,
    )
    assert (event.kind, event.legal_basis) == (ReorganisationKind.RENAME, "QĐ 7")
    entry = audit("org.rename_unit", commune)
    assert entry.before == {"name": "Xã An", "short_name": "An", "kind": "xa"}
    assert entry.after == {"name": "Xã Phú Mỹ", "short_name": "Phú Mỹ", "kind": "xa"}
    assert entry.summary == "Đổi tên từ Xã An"


def test_it_finds_a_renamed_unit_by_its_new_name_only(tree, actor):
    do_rename_unit(tree.commune, acting_user=actor, short_name="Phú Mỹ", date=D)

    assert tree.commune in search_units("phu my", within=tree.province)
    assert tree.commune in search_units("Xã Phú Mỹ", within=tree.province)
    # Former names are kept in UnitName for documents, but the search index holds only the current name.
    assert search_units("xa an", within=tree.province) == []
    assert search_units("xa an", within=tree.province, include_closed=True) == []


def test_it_renames_a_unit_to_another_kind(tree, actor):
    do_rename_unit(tree.sibling, acting_user=actor, short_name="Bình", kind=UnitKind.WARD, date=D)

    sibling = fresh(tree.sibling)
    assert (sibling.name, sibling.kind) == ("Phường Bình", UnitKind.WARD)
    assert UnitName.objects.get(unit=sibling).name == "Xã Bình"


# --- move -----------------------------------------------------------------------------------------------


def test_it_moves_a_unit_with_its_subtree(tree, actor):
    event = do_move_unit(tree.commune, acting_user=actor, new_parent=tree.other_province, date=D)

    commune, village = fresh(tree.commune), fresh(tree.village)
    assert event.kind == ReorganisationKind.MOVE
    assert commune.parent == tree.other_province
    assert (commune.depth, village.depth) == (2, 3)
    assert village.parent == commune
    assert link(tree.district, commune).valid_to == D
    assert link(tree.other_province, commune).valid_from == D
    assert link(tree.central, village, valid_to=D).depth == 4
    assert link(tree.central, village, valid_to=None).depth == 3
    assert link(commune, village).valid_to is None  # links inside the moved subtree are untouched
    assert ancestors(village) == [tree.central, tree.other_province, commune]
    assert ancestors(village, as_of=BEFORE) == [tree.central, tree.province, tree.district, commune]
    # The old parent still had it the day before; today it does not.
    assert {"Xã An", "Thôn Đông"} <= names(subtree(tree.district, as_of=BEFORE))
    assert names(subtree(tree.district)) == {"Huyện Một", "Xã Bình"}
    assert {"Xã An", "Thôn Đông"} <= names(subtree(tree.other_province))
    assert names(children(tree.district, as_of=BEFORE)) == {"Xã An", "Xã Bình"}
    assert names(children(tree.district)) == {"Xã Bình"}
    entry = audit("org.move_unit", commune)
    assert entry.before == {
        "parent_id": tree.district.pk,
        "parent": "Huyện Một",
        "depth": 3,
        "province_key": tree.province.province_key,
    }
    assert entry.after == {
        "parent_id": tree.other_province.pk,
        "parent": "Tỉnh Khác",
        "depth": 2,
        "province_key": tree.other_province.province_key,
    }
    assert tree.province.province_key != tree.other_province.province_key
    assert entry.summary == "Chuyển từ Huyện Một về Tỉnh Khác"


@pytest.mark.divisions
def test_it_moves_a_real_commune_to_another_province_with_its_province_key(real_units, actor):
    hai_phong, ha_noi = real_units("2025", Level.PROVINCE, "31"), real_units("2025", Level.PROVINCE, "01")
    le_chan = real_units("2025", Level.COMMUNE, "11383")
    group = do_create_unit(
        acting_user=actor,
        parent=le_chan,
        short_name="số 1",
        kind=UnitKind.RESIDENTIAL_GROUP,
        valid_from=dt.date(2025, 8, 1),
    )
    day = dt.date(2025, 9, 1)

    do_move_unit(le_chan, acting_user=actor, new_parent=ha_noi, date=day)

    assert (fresh(le_chan).province_key, fresh(group).province_key) == (1, 1)
    assert (fresh(le_chan).depth, fresh(group).depth) == (2, 3)
    assert {le_chan.pk, group.pk} <= set(
        subtree(hai_phong, as_of=day - dt.timedelta(days=1)).values_list("pk", flat=True)
    )
    assert not subtree(hai_phong).filter(pk__in=[le_chan.pk, group.pk]).exists()
    assert subtree(ha_noi).filter(pk__in=[le_chan.pk, group.pk]).count() == 2
    # Its history (the legacy wards merged into it) now rolls up to Hà Nội.
    assert effective_descendants(ha_noi).filter(structure="legacy", home=le_chan).exists()
    assert not effective_descendants(hai_phong).filter(home=le_chan).exists()


# --- dissolve -------------------------------------------------------------------------------------------


def test_it_dissolves_a_unit_and_counts_its_history_toward_the_parent(tree, actor):
    event = do_dissolve_unit(tree.village, acting_user=actor, date=D, legal_basis="QĐ giải thể")

    village = fresh(tree.village)
    assert village.valid_to == D and village.home == tree.commune
    assert (event.kind, event.effective_date) == (ReorganisationKind.DISSOLVE, D)
    assert not UnitSuccession.objects.filter(predecessor=village).exists()
    assert village in effective_descendants(tree.commune)
    assert names(subtree(tree.commune, as_of=BEFORE)) == {"Xã An", "Thôn Đông"}
    assert names(subtree(tree.commune)) == {"Xã An"}
    entry = audit("org.dissolve_unit", village)
    assert (entry.before["valid_to"], entry.after["valid_to"], entry.summary) == (
        None,
        D.isoformat(),
        "Giải thể",
    )


# --- bad input changes nothing --------------------------------------------------------------------------


def test_it_refuses_to_merge_units_of_different_levels(tree, actor):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_merge_units([tree.sibling, tree.village], acting_user=actor, date=D, survivor=tree.sibling)

    assert exc.value.code == "mixed_levels"
    assert exc.value.message.startswith("Chỉ sáp nhập được các đơn vị cùng cấp: ")


@pytest.mark.parametrize("twice", [False, True])
def test_it_refuses_to_merge_a_single_unit(tree, actor, twice):
    units = [tree.commune, tree.commune] if twice else [tree.commune]

    with unchanged(), pytest.raises(ActionError, match="Cần chọn ít nhất hai đơn vị để sáp nhập."):
        do_merge_units(units, acting_user=actor, date=D, survivor=tree.commune)


def test_it_refuses_a_merge_without_a_survivor_or_a_new_name(tree, actor):
    with unchanged(), pytest.raises(ActionError, match="Nhập tên đơn vị mới hoặc chọn một đơn vị giữ lại."):
        do_merge_units([tree.commune, tree.sibling], acting_user=actor, date=D)


def test_it_refuses_to_merge_a_closed_unit(tree, actor):
    do_dissolve_unit(tree.sibling, acting_user=actor, date=D)

    with unchanged(), pytest.raises(ActionError) as exc:
        do_merge_units([tree.commune, tree.sibling], acting_user=actor, date=LATER, survivor=tree.commune)

    assert exc.value.code == "unit_closed" and exc.value.status == 409
    assert exc.value.message == "Xã Bình đã thôi hoạt động từ ngày 01/03/2024, không thể sắp xếp lại."


def test_it_rolls_back_a_merge_whose_new_code_is_taken(tree, actor):
    do_create_unit(
        acting_user=actor,
        parent=tree.district,
        short_name="Cẩm",
        kind=UnitKind.COMMUNE,
        code="X-1",
        valid_from=START,
    )

    # The code is checked only once the event is written: the whole merge must be undone.
    with unchanged(), pytest.raises(ActionError, match="Mã X-1 đã được dùng"):
        do_merge_units(
            [tree.commune, tree.sibling], acting_user=actor, date=D, new_short_name="Mới", new_code="X-1"
        )


def test_it_refuses_to_move_a_closed_unit(tree, actor):
    do_dissolve_unit(tree.village, acting_user=actor, date=D)

    with unchanged(), pytest.raises(ActionError, match="Thôn Đông đã thôi hoạt động từ ngày 01/03/2024"):
        do_move_unit(fresh(tree.village), acting_user=actor, new_parent=tree.sibling, date=LATER)


@pytest.mark.parametrize("target", ["itself", "child", "grandchild"])
def test_it_refuses_a_move_that_makes_a_cycle(tree, actor, target):
    new_parent = {"itself": tree.district, "child": tree.commune, "grandchild": tree.village}[target]

    with unchanged(), pytest.raises(ActionError) as exc:
        do_move_unit(tree.district, acting_user=actor, new_parent=new_parent, date=D)

    assert exc.value.code == "cycle"
    assert exc.value.message.startswith("Không thể chuyển Huyện Một về ")


@pytest.mark.parametrize("target", ["same_level", "lower_level"])
def test_it_refuses_to_move_a_unit_under_its_own_level_or_lower(tree, actor, target):
    new_parent = {"same_level": tree.commune, "lower_level": tree.village}[target]

    with unchanged(), pytest.raises(ActionError) as exc:
        do_move_unit(tree.sibling, acting_user=actor, new_parent=new_parent, date=D)

    assert exc.value.code == "level_mismatch"
    assert exc.value.message.startswith("Đơn vị cấp trên phải ở cấp cao hơn")


def test_it_refuses_a_move_to_the_current_parent(tree, actor):
    with unchanged(), pytest.raises(ActionError, match="Xã An đã trực thuộc Huyện Một."):
        do_move_unit(tree.commune, acting_user=actor, new_parent=tree.district, date=D)


def test_it_refuses_a_split_that_leaves_a_child_unassigned(tree, west, actor):
    parts = [{"short_name": "An Thượng", "children": [tree.village.pk]}, {"short_name": "An Hạ"}]

    with unchanged(), pytest.raises(ActionError, match="Chưa chia các đơn vị trực thuộc: Thôn Tây."):
        do_split_unit(tree.commune, acting_user=actor, date=D, parts=parts)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([{"short_name": "An Thượng"}], "Chia tách cần ít nhất hai đơn vị mới."),
        ([{"short_name": "Một"}, {"short_name": "Một"}], "Hai đơn vị mới trùng tên: Xã Một."),
        ([{"short_name": "Một"}, {"short_name": " "}], "Đơn vị mới thứ 2 chưa có tên."),
        (
            [{"short_name": "Một", "kind": "xom"}, {"short_name": "Hai"}],
            "Loại của đơn vị mới thứ 1 không hợp lệ.",
        ),
        (
            [{"short_name": "Một", "children": ["village"]}, {"short_name": "Hai", "children": ["village"]}],
            "Thôn Đông được chia cho hai đơn vị mới.",
        ),
        (
            [{"short_name": "Một", "children": ["village", "sibling"]}, {"short_name": "Hai"}],
            "Một đơn vị trực thuộc được chọn không thuộc đơn vị bị chia tách.",
        ),
    ],
)
def test_it_refuses_a_bad_split(tree, actor, parts, message):
    ids = {"village": tree.village.pk, "sibling": tree.sibling.pk}
    parts = [{**p, "children": [ids[c] for c in p.get("children", [])]} for p in parts]

    with unchanged(), pytest.raises(ActionError) as exc:
        do_split_unit(tree.commune, acting_user=actor, date=D, parts=parts)

    assert exc.value.message == message


def test_it_refuses_a_split_without_a_valid_primary_part(tree, actor):
    parts = [{"short_name": "Một", "children": [tree.village.pk]}, {"short_name": "Hai"}]

    with unchanged(), pytest.raises(ActionError, match="Chọn đơn vị kế thừa số liệu lịch sử."):
        do_split_unit(tree.commune, acting_user=actor, date=D, parts=parts, primary_index=2)


def test_it_refuses_a_rename_to_the_same_name(tree, actor):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_rename_unit(tree.commune, acting_user=actor, short_name=" An ", date=D)

    assert (exc.value.code, exc.value.message) == ("no_change", "Tên mới trùng tên hiện tại.")


def test_it_refuses_a_rename_to_an_empty_name_or_a_bad_kind(tree, actor):
    with unchanged(), pytest.raises(ActionError, match="Nhập tên mới."):
        do_rename_unit(tree.commune, acting_user=actor, short_name="  ", date=D)
    with unchanged(), pytest.raises(ActionError, match="Loại đơn vị không hợp lệ."):
        do_rename_unit(tree.commune, acting_user=actor, short_name="Mới", kind="xom", date=D)


def test_it_refuses_to_dissolve_a_unit_that_still_has_children(tree, actor):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_dissolve_unit(tree.commune, acting_user=actor, date=D)

    assert (exc.value.code, exc.value.status) == ("has_children", 409)
    assert exc.value.message == "Xã An còn đơn vị trực thuộc: hãy chuyển hoặc sáp nhập chúng trước."


DAY_BEFORE_START = START - dt.timedelta(days=1)


@pytest.mark.parametrize("action", ["merge", "split", "rename", "move", "dissolve"])
def test_it_refuses_a_date_before_the_unit_started(tree, actor, action):
    calls = {
        "merge": lambda: do_merge_units(
            [tree.commune, tree.sibling], acting_user=actor, date=DAY_BEFORE_START, survivor=tree.commune
        ),
        "split": lambda: do_split_unit(
            tree.commune,
            acting_user=actor,
            date=DAY_BEFORE_START,
            parts=[{"short_name": "Một", "children": [tree.village.pk]}, {"short_name": "Hai"}],
        ),
        "rename": lambda: do_rename_unit(
            tree.commune, acting_user=actor, short_name="Mới", date=DAY_BEFORE_START
        ),
        "move": lambda: do_move_unit(
            tree.commune, acting_user=actor, new_parent=tree.other_province, date=DAY_BEFORE_START
        ),
        "dissolve": lambda: do_dissolve_unit(tree.village, acting_user=actor, date=DAY_BEFORE_START),
    }

    with unchanged(), pytest.raises(ActionError) as exc:
        calls[action]()

    assert exc.value.code == "date_before_start"
    assert exc.value.message.startswith(("Ngày hiệu lực phải từ ngày ", "Ngày hiệu lực phải sau ngày "))
    assert "(01/01/2020)" in exc.value.message


@pytest.mark.parametrize("action", ["merge", "split", "dissolve"])
def test_it_refuses_to_close_a_unit_on_the_day_it_started(tree, actor, action):
    calls = {
        "merge": lambda: do_merge_units(
            [tree.commune, tree.sibling], acting_user=actor, date=START, survivor=tree.commune
        ),
        "split": lambda: do_split_unit(
            tree.commune,
            acting_user=actor,
            date=START,
            parts=[{"short_name": "Một", "children": [tree.village.pk]}, {"short_name": "Hai"}],
        ),
        "dissolve": lambda: do_dissolve_unit(tree.village, acting_user=actor, date=START),
    }

    with unchanged(), pytest.raises(ActionError, match="Ngày hiệu lực"):
        calls[action]()


def test_it_refuses_a_move_dated_before_the_units_last_move(tree, actor):
    do_move_unit(tree.village, acting_user=actor, new_parent=tree.sibling, date=D)

    with unchanged(), pytest.raises(ActionError):
        do_move_unit(
            fresh(tree.village), acting_user=actor, new_parent=tree.commune, date=D - dt.timedelta(days=400)
        )
