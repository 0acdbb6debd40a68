"""Demo logins printed by `make run` (created by `mattran load-demo`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from mattran.core.authz import DEMO
from mattran.org.demo import unit
from mattran.org.divisions import ensure_central
from mattran.org.models import Level

from .actions import do_create_user

DEMO_PASSWORD = "mattran-demo-2025"

# (username, role label, unit label, full name)
DEMO_USERS = [
    ("quantri", "Quản trị hệ thống", "toàn quốc", "Quản trị hệ thống"),
    ("hanoi.quantri", "Quản trị đơn vị", "Thành phố Hà Nội", "Trần Thu Hà"),
    ("hanoi.lanhdao", "Lãnh đạo (chỉ xem)", "Thành phố Hà Nội", "Phạm Quốc Hưng"),
    ("bode.quantri", "Quản trị đơn vị", "Phường Bồ Đề (Hà Nội)", "Nguyễn Thị Lan"),
    ("bode.canbo", "Cán bộ nhập liệu", "Phường Bồ Đề (Hà Nội)", "Lê Văn Nam"),
    ("haiphong.canbo", "Cán bộ nhập liệu", "Thành phố Hải Phòng", "Vũ Thị Mai"),
]

ROLES = {"Quản trị đơn vị": "admin", "Lãnh đạo (chỉ xem)": "leader", "Cán bộ nhập liệu": "editor"}


def load() -> list[str]:
    """Create the demo accounts that are not there yet."""
    User = get_user_model()
    places = {
        "toàn quốc": ensure_central(),
        "Thành phố Hà Nội": unit("2025", Level.PROVINCE, "01"),
        "Phường Bồ Đề (Hà Nội)": unit("2025", Level.COMMUNE, "00118"),
        "Thành phố Hải Phòng": unit("2025", Level.PROVINCE, "31"),
    }
    done = []
    for username, role_label, unit_label, full in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        if username == "quantri":
            User.objects.create_superuser(username=username, password=DEMO_PASSWORD, email="")
        else:
            do_create_user(
                acting_user=DEMO,
                username=username,
                password=DEMO_PASSWORD,
                unit=places[unit_label],
                role=ROLES[role_label],
                full_name=full,
                check_password=False,
            )
        done.append(f"tài khoản {username}")
    return done
