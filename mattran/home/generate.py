"""Synthetic data at national scale for benchmarks and load tests (`mattran generate --scale national`).

About 30 residential areas per real 2025 commune (≈100,000 in all) and users: one administrator per
province and one editor per commune. Everything generated is marked (unit code prefix "SYN-", usernames
"syn.") so it can be told apart from real records; running it twice adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from mattran.accounts.models import Profile, Role
from mattran.core import audit
from mattran.core.authz import IMPORTER, Actor, authorize
from mattran.org.divisions import ensure_central
from mattran.org.models import Level, Structure, Unit, UnitClosure, UnitKind

SCALES = {"national": 30, "province": 30, "small": 3}
SYN_PREFIX = "SYN-"
VILLAGE_NAMES = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Đoài",
    "Cầu",
    "Chợ",
    "Bến",
    "Đình",
    "Mới",
    "Cũ",
    "Hòa Bình",
    "Tân Lập",
    "Đồng Tâm",
    "Quyết Tiến",
    "Thắng Lợi",
    "An Khang",
]


@dataclass
class GenerateResult:
    areas: int = 0
    users: int = 0

    def summary(self) -> str:
        return f"Đã tạo {self.areas} khu dân cư và {self.users} tài khoản tổng hợp."


@transaction.atomic
def generate_scale_data(
    *,
    scale: str = "national",
    seed: int = 2025,
    password: str = "mattran-synthetic",
    acting_user: Actor = IMPORTER,
    province_codes: list[str] | None = None,
) -> GenerateResult:
    """Add synthetic residential areas and users under the open 2025 communes (benchmark data)."""
    authorize(acting_user, "org.reorganise_unit", ensure_central())
    per_commune = SCALES[scale]
    rng = random.Random(seed)
    result = GenerateResult()
    central = ensure_central()
    residential = Level.objects.get(code=Level.RESIDENTIAL)
    communes = Unit.objects.filter(
        structure=Structure.Y2025, level__code=Level.COMMUNE, valid_to__isnull=True
    )
    provinces = Unit.objects.filter(
        structure=Structure.Y2025, level__code=Level.PROVINCE, valid_to__isnull=True
    )
    if province_codes:
        provinces = provinces.filter(code__in=province_codes)
        communes = communes.filter(parent__in=provinces)
    elif scale == "small":
        provinces = provinces.order_by("code")[:2]
        communes = communes.filter(parent__in=list(provinces)).order_by("code")[:6]
    done = set(
        Unit.objects.filter(level=residential, code__startswith=SYN_PREFIX)
        .values_list("parent_id", flat=True)
        .distinct()
    )
    batch: list[Unit] = []
    for commune in communes.only("pk", "code", "kind", "depth", "province_key", "parent_id"):
        if commune.pk in done:
            continue
        urban = commune.kind == UnitKind.WARD
        for i in range(1, per_commune + 1):
            kind = (
                UnitKind.RESIDENTIAL_GROUP
                if urban
                else rng.choice([UnitKind.VILLAGE, UnitKind.HAMLET, UnitKind.VILLAGE])
            )
            short = f"số {i}" if urban else f"{rng.choice(VILLAGE_NAMES)} {i}"
            prefix = {
                UnitKind.RESIDENTIAL_GROUP: "Tổ dân phố",
                UnitKind.VILLAGE: "Thôn",
                UnitKind.HAMLET: "Ấp",
            }[kind]
            name = f"{prefix} {short}"
            code = f"{SYN_PREFIX}{commune.code}-{i:03d}"
            batch.append(
                Unit(
                    name=name,
                    short_name=short,
                    kind=kind,
                    level=residential,
                    code=code,
                    structure=Structure.LOCAL,
                    parent_id=commune.pk,
                    depth=commune.depth + 1,
                    province_key=commune.province_key,
                ).fill_search()
            )
    if batch:
        # bulk_create fills in primary keys on PostgreSQL and SQLite ≥ 3.35.
        created = Unit.objects.bulk_create(batch, batch_size=5000)
        for unit in created:
            unit.home_id = unit.pk
        Unit.objects.bulk_update(created, ["home"], batch_size=5000)
        chains: dict[int, list[tuple[int, int]]] = {}
        for anc, desc, depth in UnitClosure.objects.filter(
            descendant_id__in={u.parent_id for u in created}, valid_to__isnull=True
        ).values_list("ancestor_id", "descendant_id", "depth"):
            chains.setdefault(desc, []).append((anc, depth))
        rows = []
        for unit in created:
            rows.append(UnitClosure(ancestor_id=unit.pk, descendant_id=unit.pk, depth=0))
            rows += [
                UnitClosure(ancestor_id=a, descendant_id=unit.pk, depth=d + 1)
                for a, d in chains[unit.parent_id or 0]
            ]
        UnitClosure.objects.bulk_create(rows, batch_size=10000)
        result.areas = len(created)

    # One password hash for all synthetic users: hashing 3,000 passwords would take minutes.
    User = get_user_model()
    hashed = make_password(password)
    existing = set(User.objects.filter(username__startswith="syn.").values_list("username", flat=True))
    wanted: list[tuple[str, Unit, str]] = [(f"syn.tinh{p.code}", p, Role.ADMIN) for p in provinces]
    wanted += [(f"syn.xa{c.code}", c, Role.EDITOR) for c in communes.only("pk", "code")]
    new = [(name, unit, role) for name, unit, role in wanted if name not in existing]
    if new:
        User.objects.bulk_create(
            [User(username=name, password=hashed) for name, _u, _r in new], batch_size=2000
        )
        ids = dict(User.objects.filter(username__in=[n for n, _u, _r in new]).values_list("username", "pk"))
        Profile.objects.bulk_create(
            [Profile(user_id=ids[name], unit=unit, role=role, full_name=name) for name, unit, role in new],
            batch_size=2000,
        )
        result.users = len(new)
    if result.areas or result.users:
        audit.record(
            "org.generate",
            actor=acting_user,
            unit=central,
            after={"scale": scale, "areas": result.areas, "users": result.users},
            summary=result.summary(),
        )
    return result
