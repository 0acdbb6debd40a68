"""Demo data: the real units of ../shared/examples in their places (with the member organisations and the
emulation cluster they belong to), created through the actions."""

from __future__ import annotations

import datetime as dt

from mattran.core.authz import DEMO, IMPORTER
from mattran.org import actions as org_actions
from mattran.org.actions import do_import_divisions
from mattran.org.divisions import REFORM_DATE, ensure_central
from mattran.org.models import (
    EmulationCluster,
    Level,
    MemberOrganization,
    MemberOrgKind,
    Structure,
    Unit,
    UnitKind,
)


def unit(structure: str, level: str, code: str) -> Unit:
    return Unit.objects.get(structure=structure, level__code=level, code=code)


def _member_orgs(target: Unit, names: list[tuple[str, str, str]], since: dt.date | None) -> None:
    for kind, name, short in names:
        if not MemberOrganization.objects.filter(unit=target, name=name).exists():
            org_actions.do_create_member_org(
                acting_user=DEMO,
                unit=target,
                kind=kind,
                name=name,
                short_name=short,
                is_direct=since is not None and since >= REFORM_DATE,
                valid_from=since,
            )


def _district_orgs(label: str) -> list[tuple[str, str, str]]:
    return [
        (MemberOrgKind.TRADE_UNION, f"Liên đoàn Lao động {label}", "LĐLĐ"),
        (MemberOrgKind.VETERANS, f"Hội Cựu chiến binh {label}", "Hội CCB"),
        (MemberOrgKind.WOMEN, f"Hội Liên hiệp Phụ nữ {label}", "Hội LHPN"),
        (MemberOrgKind.YOUTH, f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {label}", "Quận Đoàn"),
    ]


def load() -> list[str]:
    """Create the demo's units, member organisations and cluster if they are not there yet."""
    done: list[str] = []
    if not Unit.objects.filter(structure=Structure.LEGACY).exists():
        done.append(do_import_divisions(structure=Structure.LEGACY, acting_user=IMPORTER).summary())
    if not Unit.objects.filter(structure=Structure.Y2025).exists():
        done.append(do_import_divisions(structure=Structure.Y2025, acting_user=IMPORTER).summary())
    central = ensure_central()

    hanoi_old, haiphong_old = unit("legacy", Level.PROVINCE, "01"), unit("legacy", Level.PROVINCE, "31")
    hoan_kiem, le_chan = unit("legacy", Level.DISTRICT, "002"), unit("legacy", Level.DISTRICT, "305")
    ngoc_lam = unit("legacy", Level.COMMUNE, "00133")
    bo_de = unit("2025", Level.COMMUNE, "00118")
    hanoi = unit("2025", Level.PROVINCE, "01")

    # Phường Ngọc Lâm's 14 residential groups; on 1 July 2025 they went to phường Bồ Đề with the ward.
    if not Unit.objects.filter(parent__in=[ngoc_lam, bo_de], kind=UnitKind.RESIDENTIAL_GROUP).exists():
        groups = [
            org_actions.do_create_unit(
                acting_user=DEMO,
                parent=ngoc_lam,
                short_name=f"số {i}",
                kind=UnitKind.RESIDENTIAL_GROUP,
                valid_from=dt.date(2019, 1, 1),
            )
            for i in range(1, 15)
        ]
        for group in groups:
            org_actions.do_move_unit(
                group,
                acting_user=DEMO,
                new_parent=bo_de,
                date=REFORM_DATE,
                legal_basis="Sắp xếp đơn vị hành chính cấp xã năm 2025",
            )
        done.append("14 tổ dân phố của phường Ngọc Lâm, chuyển về phường Bồ Đề từ 01/07/2025")

    _member_orgs(le_chan, _district_orgs("quận Lê Chân"), None)
    _member_orgs(hoan_kiem, _district_orgs("quận Hoàn Kiếm"), None)
    _member_orgs(
        hanoi,
        [
            (MemberOrgKind.TRADE_UNION, "Liên đoàn Lao động thành phố Hà Nội", "LĐLĐ"),
            (MemberOrgKind.FARMERS, "Hội Nông dân thành phố Hà Nội", "Hội ND"),
            (MemberOrgKind.WOMEN, "Hội Liên hiệp Phụ nữ thành phố Hà Nội", "Hội LHPN"),
            (MemberOrgKind.YOUTH, "Thành đoàn Hà Nội", "Thành đoàn"),
            (MemberOrgKind.VETERANS, "Hội Cựu chiến binh thành phố Hà Nội", "Hội CCB"),
        ],
        REFORM_DATE,
    )
    _member_orgs(
        bo_de,
        [
            (MemberOrgKind.WOMEN, "Hội Liên hiệp Phụ nữ phường Bồ Đề", "Hội LHPN"),
            (MemberOrgKind.YOUTH, "Đoàn Thanh niên phường Bồ Đề", "Đoàn TN"),
            (MemberOrgKind.VETERANS, "Hội Cựu chiến binh phường Bồ Đề", "Hội CCB"),
        ],
        REFORM_DATE,
    )

    cluster_name = "Cụm thi đua Mặt trận 05 thành phố trực thuộc Trung ương"
    five_old = [
        hanoi_old,
        unit("legacy", Level.PROVINCE, "79"),
        haiphong_old,
        unit("legacy", Level.PROVINCE, "48"),
        unit("legacy", Level.PROVINCE, "92"),
    ]
    if not EmulationCluster.objects.filter(name=cluster_name, year=2023).exists():
        org_actions.do_create_cluster(
            acting_user=DEMO,
            name=cluster_name,
            year=2023,
            organiser=central,
            members=five_old,
            leader=haiphong_old,
            notes="Hội nghị tổng kết ngày 11/12/2023 tại Hải Phòng; cờ cụm trưởng trao "
            "cho Cần Thơ cho năm 2024.",
        )
        org_actions.do_create_cluster(
            acting_user=DEMO,
            name=cluster_name,
            year=2024,
            organiser=central,
            members=five_old,
            leader=five_old[4],
        )
        done.append("Cụm thi đua 05 thành phố trực thuộc Trung ương (2023, 2024)")

    return done
