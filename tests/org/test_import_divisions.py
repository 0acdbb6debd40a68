"""The real administrative divisions: counts, idempotence, the 2025 successor links and history roll-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count

from mattran.core.models import AuditEntry
from mattran.org.actions import do_import_divisions
from mattran.org.divisions import CENTRAL_CODE, REFORM_DATE
from mattran.org.models import (
    Level,
    ReorganisationEvent,
    ReorganisationKind,
    Structure,
    Unit,
    UnitClosure,
    UnitSuccession,
)
from mattran.org.queries import ancestors, count_effective_descendants, effective_descendants, subtree_ids
from tests.conftest import SYSTEM

pytestmark = pytest.mark.divisions

LEGACY, Y2025 = Structure.LEGACY, Structure.Y2025


def package_counts() -> dict[str, int]:
    from vietnam_provinces.legacy import District, Province, Ward

    return {
        Level.PROVINCE: sum(1 for _ in Province.iter_all()),
        Level.DISTRICT: sum(1 for _ in District.iter_all()),
        Level.COMMUNE: sum(1 for _ in Ward.iter_all()),
    }


def units(structure: str, level: str):
    return Unit.objects.filter(structure=structure, level__code=level)


def table_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "closure": UnitClosure.objects.count(),
        "successions": UnitSuccession.objects.count(),
        "events": ReorganisationEvent.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_it_loads_34_provinces_and_3321_communes_in_the_2025_structure(real_units):
    assert units(Y2025, Level.PROVINCE).count() == 34
    assert units(Y2025, Level.COMMUNE).count() == 3321
    assert not units(Y2025, Level.DISTRICT).exists()
    assert not Unit.objects.filter(structure=Y2025).exclude(valid_from=REFORM_DATE).exists()
    assert not Unit.objects.filter(structure=Y2025, valid_to__isnull=False).exists()


def test_it_loads_the_legacy_structure_as_the_package_gives_it(real_units):
    expected = package_counts()

    assert {level: units(LEGACY, level).count() for level in expected} == expected
    # Every legacy unit ended the day the 2025 structure began.
    legacy = Unit.objects.filter(structure=LEGACY)
    assert legacy.count() == sum(expected.values())
    assert not legacy.exclude(valid_to=REFORM_DATE).exists()
    assert not legacy.filter(valid_from__isnull=False).exists()


def test_it_has_exactly_one_central_unit(real_units):
    central = Unit.objects.get(level__code=Level.CENTRAL)

    assert (central.structure, central.code, central.parent_id, central.depth) == (
        Structure.NATIONAL,
        CENTRAL_CODE,
        None,
        0,
    )
    assert central.home_id == central.pk
    assert set(Unit.objects.filter(parent=central).values_list("structure", flat=True)) == {LEGACY, Y2025}


@pytest.mark.parametrize("structure", [LEGACY, Y2025])
def test_it_changes_nothing_when_run_again(real_units, structure):
    before = table_counts()
    units_before = set(Unit.objects.values_list("pk", "name", "parent_id", "home_id", "province_key"))

    result = do_import_divisions(structure=structure, acting_user=SYSTEM)

    assert (dict(result.created), result.updated, result.successions) == ({}, 0, 0)
    assert result.unchanged == Unit.objects.filter(structure=structure).count()
    assert table_counts() == before
    assert set(Unit.objects.values_list("pk", "name", "parent_id", "home_id", "province_key")) == units_before


def test_it_refuses_an_unknown_structure(db):
    with pytest.raises(ValueError):
        do_import_divisions(structure=Structure.LOCAL, acting_user=SYSTEM)


def test_it_links_legacy_quan_le_chan_to_2025_hai_phong(real_units):
    le_chan = real_units(LEGACY, Level.DISTRICT, "305")
    hai_phong = real_units(Y2025, Level.PROVINCE, "31")

    assert le_chan.name == "Quận Lê Chân"
    assert le_chan.parent == real_units(LEGACY, Level.PROVINCE, "31")
    link = UnitSuccession.objects.get(predecessor=le_chan, is_primary=True)
    assert link.successor == hai_phong
    assert hai_phong.name == "Thành phố Hải Phòng"
    assert link.date == dt.date(2025, 7, 1)
    assert link.event.kind == ReorganisationKind.NATIONAL_2025
    assert le_chan.home_id == hai_phong.pk
    assert le_chan.province_key == 31


def test_it_links_legacy_phuong_ngoc_lam_to_2025_phuong_bo_de(real_units):
    ngoc_lam = real_units(LEGACY, Level.COMMUNE, "00133")
    bo_de = real_units(Y2025, Level.COMMUNE, "00118")

    assert (ngoc_lam.name, bo_de.name) == ("Phường Ngọc Lâm", "Phường Bồ Đề")
    link = UnitSuccession.objects.get(predecessor=ngoc_lam, is_primary=True)
    assert (link.successor, link.date) == (bo_de, REFORM_DATE)
    assert ngoc_lam.home_id == bo_de.pk


def test_it_gives_each_legacy_unit_at_most_one_primary_successor(real_units):
    most = (
        UnitSuccession.objects.filter(is_primary=True)
        .values("predecessor")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )

    assert most["n"] == 1
    # Every link of the national reform runs from a legacy unit to a 2025 unit on the reform date.
    links = UnitSuccession.objects.filter(event__kind=ReorganisationKind.NATIONAL_2025)
    assert links.count() > units(LEGACY, Level.PROVINCE).count()
    assert not links.exclude(predecessor__structure=LEGACY).exists()
    assert not links.exclude(successor__structure=Y2025).exists()
    assert not links.exclude(date=REFORM_DATE).exists()
    assert ReorganisationEvent.objects.filter(kind=ReorganisationKind.NATIONAL_2025).count() == 1


def test_it_homes_every_mapped_legacy_unit_at_the_open_2025_unit_it_succeeded(real_units):
    mapped = Unit.objects.filter(structure=LEGACY, successor_links__is_primary=True)

    assert mapped.count() > 0.99 * Unit.objects.filter(structure=LEGACY).count()
    assert not mapped.exclude(home__structure=Y2025).exists()
    assert not mapped.filter(home__valid_to__isnull=False).exists()
    for unit in mapped.filter(level__code=Level.COMMUNE).order_by("?")[:50]:
        assert unit.home_id == unit.successor_links.get(is_primary=True).successor_id


def test_it_homes_every_legacy_commune_and_district_at_an_open_2025_unit(real_units):
    # Units the conversion tables leave without a successor (the island districts without communes, a few
    # communes) follow their parent's home.
    legacy = Unit.objects.filter(structure=LEGACY, level__code__in=[Level.DISTRICT, Level.COMMUNE])

    stranded = list(
        legacy.exclude(home__structure=Y2025, home__valid_to__isnull=True).values_list("code", "name")
    )

    assert stranded == []
    bach_long_vi = real_units(LEGACY, Level.DISTRICT, "318")
    assert bach_long_vi.name == "Huyện Bạch Long Vĩ"
    assert not bach_long_vi.successor_links.exists()
    assert bach_long_vi.home == real_units(Y2025, Level.PROVINCE, "31")


def test_it_counts_legacy_hai_phong_hai_duong_and_le_chan_toward_2025_hai_phong(real_units):
    hai_phong = real_units(Y2025, Level.PROVINCE, "31")
    rolled_up = set(effective_descendants(hai_phong).values_list("pk", flat=True))

    assert real_units(LEGACY, Level.PROVINCE, "31").pk in rolled_up  # Hải Phòng
    assert real_units(LEGACY, Level.PROVINCE, "30").pk in rolled_up  # Hải Dương
    assert real_units(LEGACY, Level.DISTRICT, "305").pk in rolled_up  # Quận Lê Chân
    assert real_units(Y2025, Level.COMMUNE, "11383").pk in rolled_up  # Phường Lê Chân (2025)
    assert hai_phong.pk in rolled_up
    ha_noi = [real_units(LEGACY, Level.PROVINCE, "01"), real_units(Y2025, Level.PROVINCE, "01")]
    ha_noi_ids = set(
        UnitClosure.objects.filter(ancestor__in=ha_noi).values_list("descendant_id", flat=True)
    ) | set(Unit.objects.filter(home__in=ha_noi).values_list("pk", flat=True))
    assert real_units(LEGACY, Level.COMMUNE, "00133").pk in ha_noi_ids
    assert rolled_up.isdisjoint(ha_noi_ids)


def test_it_counts_effective_descendants_with_the_join_as_the_queryset_does(real_units):
    samples = [
        Unit.objects.get(level__code=Level.CENTRAL),
        real_units(Y2025, Level.PROVINCE, "31"),
        real_units(Y2025, Level.PROVINCE, "01"),
        real_units(Y2025, Level.COMMUNE, "00118"),
        real_units(LEGACY, Level.PROVINCE, "31"),
    ]

    for unit in samples:
        assert count_effective_descendants(unit) == effective_descendants(unit).count(), unit.name
    assert count_effective_descendants(real_units(Y2025, Level.COMMUNE, "00118")) >= 2  # itself and Ngọc Lâm


def test_it_counts_every_unit_toward_exactly_one_province_or_the_central_unit(real_units):
    provinces = list(units(Y2025, Level.PROVINCE))
    central = Unit.objects.get(level__code=Level.CENTRAL)
    per_province = sum(count_effective_descendants(p) for p in provinces)
    # The province subtrees are disjoint, so no unit is counted twice across them ...
    in_some_province = Unit.objects.filter(
        home_id__in=UnitClosure.objects.filter(ancestor__in=provinces, valid_to__isnull=True).values(
            "descendant_id"
        )
    ).count()
    # ... and the central unit counts, beyond its provinces, only what is homed outside every 2025 province:
    # itself (every legacy unit is homed at a 2025 unit).
    central_only = Unit.objects.exclude(home__structure=Y2025).count()

    assert len(provinces) == 34
    assert central_only == 1
    assert per_province == in_some_province
    assert per_province + central_only == Unit.objects.filter(home__isnull=False).count()
    assert count_effective_descendants(central) == Unit.objects.filter(home__isnull=False).count()
    assert not Unit.objects.filter(home__isnull=True).exists()
    assert Unit.objects.filter(home=central).get() == central


def test_it_chains_a_2025_commune_to_the_central_unit_and_its_province(real_units):
    bo_de = real_units(Y2025, Level.COMMUNE, "00118")
    ha_noi = real_units(Y2025, Level.PROVINCE, "01")
    central = Unit.objects.get(level__code=Level.CENTRAL)

    assert ancestors(bo_de) == [central, ha_noi]
    assert (bo_de.parent, bo_de.depth, bo_de.province_key) == (ha_noi, 2, 1)
    assert set(
        UnitClosure.objects.filter(descendant=bo_de).values_list(
            "ancestor_id", "depth", "valid_from", "valid_to"
        )
    ) == {
        (bo_de.pk, 0, REFORM_DATE, None),
        (ha_noi.pk, 1, REFORM_DATE, None),
        (central.pk, 2, REFORM_DATE, None),
    }
    assert set(subtree_ids(ha_noi).values_list("descendant_id", flat=True)) >= {ha_noi.pk, bo_de.pk}


def test_it_chains_a_legacy_commune_through_its_district_and_province(real_units):
    ngoc_lam = real_units(LEGACY, Level.COMMUNE, "00133")
    central = Unit.objects.get(level__code=Level.CENTRAL)

    chain = ancestors(ngoc_lam)

    assert [u.pk for u in chain] == [
        central.pk,
        real_units(LEGACY, Level.PROVINCE, "01").pk,
        ngoc_lam.parent_id,
    ]
    assert chain[2].name == "Quận Long Biên"
    assert ngoc_lam.depth == 3
