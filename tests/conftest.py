"""Shared fixtures: a small hierarchy built through the actions, personas, and the real divisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from mattran.accounts.actions import do_create_user, do_issue_token
from mattran.core.authz import SystemActor
from mattran.org.actions import do_create_unit, do_import_divisions
from mattran.org.divisions import ensure_central
from mattran.org.models import Structure, Unit, UnitKind

PASSWORD = "Mat-khau-thu-2025!"

# The actor of a test's set-up (what the test is not about); what a test is about uses its persona.
SYSTEM = SystemActor("tests")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Personas log in with real passwords; hashing them with PBKDF2 would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


START = dt.date(2020, 1, 1)


@dataclass
class Tree:
    """central › Tỉnh Thử (province) › Huyện Một (district) › Xã An, Xã Bình › Thôn Đông (under Xã An);
    central › Tỉnh Khác › Xã Khác."""

    central: Unit
    province: Unit
    district: Unit
    commune: Unit
    sibling: Unit
    village: Unit
    other_province: Unit
    other_commune: Unit


def make(parent: Unit, name: str, kind: str, since: dt.date = START) -> Unit:
    return do_create_unit(acting_user=SYSTEM, parent=parent, short_name=name, kind=kind, valid_from=since)


@pytest.fixture
def tree(db) -> Tree:
    central = ensure_central()
    province = make(central, "Thử", UnitKind.PROVINCE)
    district = make(province, "Một", UnitKind.RURAL_DISTRICT)
    commune = make(district, "An", UnitKind.COMMUNE)
    sibling = make(district, "Bình", UnitKind.COMMUNE)
    village = make(commune, "Đông", UnitKind.VILLAGE)
    other_province = make(central, "Khác", UnitKind.PROVINCE)
    other_commune = make(other_province, "Khác Xa", UnitKind.COMMUNE)
    return Tree(central, province, district, commune, sibling, village, other_province, other_commune)


def make_user(username: str, unit: Unit, role: str):
    return do_create_user(
        acting_user=SYSTEM,
        username=username,
        password=PASSWORD,
        unit=unit,
        role=role,
        full_name=username.replace(".", " ").title(),
        check_password=False,
    )


@dataclass
class Personas:
    ward_editor: object
    ward_admin: object
    ward_leader: object
    district_leader: object
    province_admin: object
    outsider: object
    superuser: object


def bearer(user) -> dict:
    """Headers that authenticate API calls as ``user`` with a fresh access token."""
    _token, key = do_issue_token(user, acting_user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def people(tree, django_user_model) -> Personas:
    return Personas(
        ward_editor=make_user("xa.canbo", tree.commune, "editor"),
        ward_admin=make_user("xa.quantri", tree.commune, "admin"),
        ward_leader=make_user("xa.lanhdao", tree.commune, "leader"),
        district_leader=make_user("huyen.lanhdao", tree.district, "leader"),
        province_admin=make_user("tinh.quantri", tree.province, "admin"),
        outsider=make_user("tinhkhac.canbo", tree.other_province, "editor"),
        superuser=django_user_model.objects.create_superuser("root", password=PASSWORD),
    )


@pytest.fixture(scope="session")
def divisions(django_db_setup, django_db_blocker):
    """The real legacy and 2025 divisions, loaded once per session (committed, read-only for tests)."""
    with django_db_blocker.unblock():
        if not Unit.objects.filter(structure=Structure.Y2025).exists():
            do_import_divisions(structure=Structure.LEGACY, acting_user=SYSTEM)
            do_import_divisions(structure=Structure.Y2025, acting_user=SYSTEM)
    return True


@pytest.fixture
def real_units(divisions, db):
    """Look up a real unit by structure, level and code."""

    def get(structure: str, level: str, code: str) -> Unit:
        return Unit.objects.get(structure=structure, level__code=level, code=code)

    return get


@pytest.fixture
def english(client, people):
    """A ward editor's client with the interface switched to English."""
    client.force_login(people.ward_editor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client
