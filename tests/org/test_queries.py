"""Reads over the hierarchy: subtrees as of a date, children, ancestors, relations, and unit search."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.conf import settings

from mattran.core.text import fold
from mattran.org.actions import do_dissolve_unit, do_merge_units, do_move_unit
from mattran.org.models import Level, Structure, Unit, UnitKind
from mattran.org.queries import (
    ancestors,
    central_unit,
    children,
    count_effective_descendants,
    effective_descendants,
    is_in_subtree,
    predecessors,
    relation,
    search_units,
    subtree,
    successors,
    units_at_level,
)
from tests.conftest import SYSTEM, make

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
D = dt.date(2024, 3, 1)
BEFORE = D - dt.timedelta(days=1)


def names(units) -> list[str]:
    return sorted(u.name for u in units)


# --- the tree as of a date ------------------------------------------------------------------------------


def test_it_gives_the_subtree_as_of_a_date(tree):
    late = make(tree.commune, "Mới", UnitKind.VILLAGE, since=dt.date(2022, 6, 1))
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=D)

    assert names(subtree(tree.commune, as_of=dt.date(2021, 1, 1))) == ["Thôn Đông", "Xã An"]
    assert names(subtree(tree.commune, as_of=BEFORE)) == ["Thôn Mới", "Thôn Đông", "Xã An"]
    assert names(subtree(tree.commune, as_of=D)) == ["Thôn Mới", "Xã An"]
    assert names(subtree(tree.commune)) == ["Thôn Mới", "Xã An"]
    assert names(subtree(tree.commune, include_self=False)) == ["Thôn Mới"]
    assert names(subtree(tree.commune, as_of=dt.date(2019, 1, 1))) == []
    assert late in subtree(tree.central)


def test_it_gives_the_subtree_before_and_after_a_move(tree):
    do_move_unit(tree.commune, acting_user=SYSTEM, new_parent=tree.other_province, date=D)

    assert names(subtree(tree.province, as_of=BEFORE)) == [
        "Huyện Một",
        "Thôn Đông",
        "Tỉnh Thử",
        "Xã An",
        "Xã Bình",
    ]
    assert names(subtree(tree.province)) == ["Huyện Một", "Tỉnh Thử", "Xã Bình"]
    assert names(subtree(tree.other_province, as_of=BEFORE)) == ["Tỉnh Khác", "Xã Khác Xa"]
    assert names(subtree(tree.other_province)) == ["Thôn Đông", "Tỉnh Khác", "Xã An", "Xã Khác Xa"]
    assert is_in_subtree(tree.village.pk, tree.province.pk, as_of=BEFORE)
    assert not is_in_subtree(tree.village.pk, tree.province.pk)
    assert is_in_subtree(tree.village.pk, tree.other_province.pk)
    assert is_in_subtree(tree.village.pk, tree.village.pk)


def test_it_lists_the_children_of_a_unit_as_of_a_date(tree):
    make(tree.district, "Cẩm", UnitKind.COMMUNE, since=dt.date(2023, 1, 1))

    assert names(children(tree.district)) == ["Xã An", "Xã Bình", "Xã Cẩm"]
    assert names(children(tree.district, as_of=dt.date(2022, 1, 1))) == ["Xã An", "Xã Bình"]
    assert names(children(tree.commune)) == ["Thôn Đông"]
    assert names(children(tree.village)) == []
    assert set(names(children(tree.central))) >= {"Tỉnh Khác", "Tỉnh Thử"}


def test_it_gives_the_ancestors_from_the_top_down(tree):
    assert ancestors(tree.village) == [tree.central, tree.province, tree.district, tree.commune]
    assert ancestors(tree.village, include_self=True)[-1] == tree.village
    assert ancestors(tree.central) == []
    assert ancestors(tree.commune, as_of=dt.date(2019, 1, 1)) == []


def test_it_gives_a_closed_unit_the_chain_it_had_when_it_closed(tree):
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=D)
    do_move_unit(tree.commune, acting_user=SYSTEM, new_parent=tree.other_province, date=dt.date(2024, 6, 1))
    tree.village.refresh_from_db()

    assert ancestors(tree.village) == [tree.central, tree.province, tree.district, tree.commune]


@pytest.mark.parametrize(
    ("unit", "other", "expected"),
    [
        ("commune", "commune", "own"),
        ("commune", "village", "child"),
        ("district", "village", "grandchild"),
        ("province", "village", "descendant"),
        ("commune", "district", "parent"),
        ("commune", "province", "ancestor"),
        ("village", "central", "ancestor"),
        ("commune", "sibling", "sibling"),
        ("province", "other_province", "sibling"),
        ("commune", "other_commune", "other"),
        ("village", "sibling", "other"),
    ],
)
def test_it_names_how_one_unit_stands_to_another(tree, unit, other, expected):
    assert relation(getattr(tree, unit), getattr(tree, other)) == expected


def test_it_follows_successions_both_ways(tree):
    target, event = do_merge_units(
        [tree.commune, tree.sibling], acting_user=SYSTEM, date=D, new_short_name="Hợp"
    )

    assert {s.predecessor for s in predecessors(target)} == {tree.commune, tree.sibling}
    assert [(s.successor, s.event, s.is_primary) for s in successors(tree.commune)] == [(target, event, True)]
    assert list(successors(target)) == []


def test_it_counts_effective_descendants_as_the_queryset_does_after_reorganisations(tree):
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=D)
    target, _ = do_merge_units([tree.commune, tree.sibling], acting_user=SYSTEM, date=D, new_short_name="Hợp")

    assert names(effective_descendants(target)) == ["Thôn Đông", "Xã An", "Xã Bình", "Xã Hợp"]
    for unit in (target, tree.district, tree.province, tree.other_province):
        assert count_effective_descendants(unit) == effective_descendants(unit).count()
    assert count_effective_descendants(tree.district) == 5


def test_it_lists_the_units_of_a_level_and_finds_the_central_unit(tree):
    assert central_unit() == tree.central
    assert tree.province in units_at_level(Level.PROVINCE)
    assert tree.commune not in units_at_level(Level.PROVINCE)
    assert tree.village in units_at_level(Level.RESIDENTIAL)
    assert tree.village not in units_at_level(Level.RESIDENTIAL, as_of=dt.date(2019, 1, 1))


# --- search ---------------------------------------------------------------------------------------------


@pytest.fixture
def le_chan(tree):
    return make(tree.district, "Lê Chân", UnitKind.WARD)


@pytest.mark.parametrize(
    "query",
    [
        "le chan",
        "Lê Chân",
        "LE CHAN",
        "lê chân",
        "LÊ CHÂN",
        "phuong le chan",
        "le",
        "chan",
        unicodedata.normalize("NFD", "Lê Chân"),
        "  le   chan  ",
    ],
)
def test_it_finds_a_unit_with_or_without_diacritics(tree, le_chan, query):
    assert search_units(query, within=tree.province)[0] == le_chan


@pytest.mark.parametrize("query", ["dong", "Đông", "ĐÔNG", "thon dong", "Dong"])
def test_it_folds_d_with_stroke_on_both_sides(tree, query):
    plain = make(tree.sibling, "Dong Tam", UnitKind.VILLAGE)

    found = search_units(query, within=tree.province)

    assert tree.village in found
    assert plain in found


def test_it_finds_nothing_for_an_empty_query_or_a_missing_name(tree, le_chan):
    assert search_units("", within=tree.province) == []
    assert search_units("  ,.- ", within=tree.province) == []
    assert search_units("le chanh", within=tree.province) == []
    assert search_units("quan le chan", within=tree.province) == []


def test_it_searches_within_a_subtree(tree, le_chan):
    far = make(tree.other_province, "Lê Chân", UnitKind.WARD)

    assert search_units("le chan", within=tree.district) == [le_chan]
    assert search_units("le chan", within=tree.other_province) == [far]
    assert set(search_units("le chan", within=tree.central)) >= {le_chan, far}
    assert search_units("le chan", within=tree.commune) == []


def test_it_finds_closed_units_only_when_asked(tree):
    do_dissolve_unit(tree.village, acting_user=SYSTEM, date=D)

    assert search_units("thon dong", within=tree.province) == []
    assert search_units("thon dong", within=tree.province, include_closed=True) == [tree.village]


def test_it_finds_a_unit_merged_into_the_searched_subtree(tree):
    do_merge_units([tree.commune, tree.sibling], acting_user=SYSTEM, date=D, survivor=tree.sibling)

    found = search_units("xa an", within=tree.sibling, include_closed=True)

    assert found == [tree.commune]


def test_it_filters_by_level(tree, le_chan):
    make(le_chan, "Lê Chân", UnitKind.RESIDENTIAL_GROUP)

    assert [u.level.code for u in search_units("le chan", within=tree.province)] == [
        Level.COMMUNE,
        Level.RESIDENTIAL,
    ]
    assert [u.level.code for u in search_units("le chan", within=tree.province, level=Level.RESIDENTIAL)] == [
        Level.RESIDENTIAL
    ]


def test_it_ranks_an_exact_name_first_then_open_units_then_higher_levels(tree):
    longer = make(tree.district, "Lê Chân Mới", UnitKind.WARD)
    exact = make(tree.sibling, "Lê Chân", UnitKind.VILLAGE)
    closed = make(tree.district, "Lê Chân", UnitKind.COMMUNE)
    do_dissolve_unit(closed, acting_user=SYSTEM, date=D)

    found = search_units("le chan", within=tree.province, include_closed=True)

    assert found == [exact, closed, longer]


def test_it_limits_the_number_of_results(tree):
    for n in range(1, 8):
        make(tree.commune, f"Hòa {n}", UnitKind.VILLAGE)

    assert len(search_units("hoa", within=tree.commune, limit=5)) == 5
    assert len(search_units("hoa", within=tree.commune)) == 7


# --- search on the real divisions -----------------------------------------------------------------------


@pytest.mark.divisions
def test_it_finds_2025_phuong_le_chan_first(real_units):
    found = search_units("le chan")

    assert found[0] == real_units(Structure.Y2025, Level.COMMUNE, "11383")
    assert all(u.valid_to is None for u in found)
    with_closed = search_units("le chan", include_closed=True)
    assert with_closed[0] == real_units(Structure.Y2025, Level.COMMUNE, "11383")
    assert real_units(Structure.LEGACY, Level.DISTRICT, "305") in with_closed


@pytest.mark.divisions
def test_it_finds_legacy_phuong_ngoc_lam_only_with_closed_units(real_units):
    ngoc_lam = real_units(Structure.LEGACY, Level.COMMUNE, "00133")

    assert ngoc_lam not in search_units("ngoc lam")
    assert ngoc_lam in search_units("ngoc lam", include_closed=True)
    assert ngoc_lam in search_units("Phường Ngọc Lâm", include_closed=True)


@pytest.mark.divisions
def test_it_searches_the_real_divisions_within_a_province(real_units):
    ha_noi = real_units(Structure.Y2025, Level.PROVINCE, "01")
    bo_de = real_units(Structure.Y2025, Level.COMMUNE, "00118")

    assert search_units("bo de", within=ha_noi)[0] == bo_de
    assert search_units("le chan", within=ha_noi) == []
    # Legacy units merged into Hà Nội's communes belong to its history.
    assert real_units(Structure.LEGACY, Level.COMMUNE, "00133") in search_units(
        "ngoc lam", within=ha_noi, include_closed=True
    )


@pytest.mark.divisions
@pytest.mark.parametrize("query", ["Phường Phú An", "Thanh An"])
def test_it_finds_a_commune_by_its_exact_name_among_many_partial_matches(real_units, query):
    wanted = [
        u
        for u in Unit.objects.filter(structure=Structure.Y2025, level__code=Level.COMMUNE)
        if fold(u.name) == fold(query) or fold(u.short_name) == fold(query)
    ]

    found = search_units(query)

    assert wanted
    assert set(wanted) <= set(found)
