"""The national campaigns and the standard award forms, shipped as data and kept present after migrate.

``ensure_catalogue`` is idempotent: it adds what is missing and never changes what users edited. It runs
after every ``migrate`` (and after a test database is flushed) through ``post_migrate``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import AppConfig
from django.db import transaction

NATIONAL_BODY = "Ủy ban Trung ương MTTQ Việt Nam"

# (code, kind, name, launching body, launch date when certain, indicators as (name, measure, report code));
# units link an indicator to the reports app's code when they adopt it.
NATIONAL_CAMPAIGNS = [
    (
        "toan-dan-doan-ket-ntm-dtvm",
        "cuoc_van_dong",
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        NATIONAL_BODY,
        None,
        [
            ("Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa", "%", ""),
            ("Số khu dân cư đạt chuẩn Khu dân cư văn hóa", "khu", ""),
            ("Số khu dân cư kiểu mẫu", "khu", ""),
        ],
    ),
    (
        "nguoi-viet-uu-tien-hang-viet",
        "cuoc_van_dong",
        "Người Việt Nam ưu tiên dùng hàng Việt Nam",
        "Bộ Chính trị; Ủy ban Trung ương MTTQ Việt Nam chủ trì",
        dt.date(2009, 8, 1),
        [("Số hội nghị, lớp tuyên truyền", "cuộc", "")],
    ),
    (
        "vi-nguoi-ngheo",
        "phong_trao",
        "Vì người nghèo",
        NATIONAL_BODY,
        None,
        [
            ("Số tiền vận động Quỹ Vì người nghèo", "đồng", ""),
            ("Số nhà Đại đoàn kết xây mới, sửa chữa", "nhà", ""),
            ("Số hộ thoát nghèo", "hộ", ""),
        ],
    ),
    (
        "den-on-dap-nghia",
        "phong_trao",
        "Đền ơn đáp nghĩa",
        "Ủy ban Trung ương MTTQ Việt Nam, Bộ Lao động - Thương binh và Xã hội",
        None,
        [
            ("Số tiền vận động Quỹ Đền ơn đáp nghĩa", "đồng", ""),
            ("Số nhà tình nghĩa xây mới, sửa chữa", "nhà", ""),
        ],
    ),
    (
        "doan-ket-sang-tao",
        "phong_trao",
        "Đoàn kết sáng tạo, nâng cao năng suất chất lượng, hiệu quả, hội nhập quốc tế",
        NATIONAL_BODY,
        None,
        [("Số sáng kiến, giải pháp được công nhận", "sáng kiến", "")],
    ),
]

AWARD_KINDS = [
    ("co-thi-dua", "Cờ thi đua", 1),
    ("bang-khen", "Bằng khen", 2),
    ("giay-khen", "Giấy khen", 3),
]


@transaction.atomic
def ensure_catalogue() -> list[str]:
    """Add the national campaigns and the standard award forms that are missing; return what was added."""
    from .models import AwardKind, Campaign, CampaignIndicator

    added: list[str] = []
    for code, name, order in AWARD_KINDS:
        _, created = AwardKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        if created:
            added.append(name)
    for code, kind, name, body, launched, indicators in NATIONAL_CAMPAIGNS:
        campaign, created = Campaign.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "launching_body": body,
                "launched_on": launched,
                "is_national": True,
            },
        )
        if created:
            CampaignIndicator.objects.bulk_create(
                CampaignIndicator(campaign=campaign, order=i, name=n, measure=m, indicator_code=c)
                for i, (n, m, c) in enumerate(indicators, start=1)
            )
            added.append(name)
    return added


def on_post_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Load the catalogue once the programs tables exist (a partial `migrate other_app` may precede them)."""
    from django.db import connections

    from .models import AwardKind, Campaign

    tables = set(connections[using].introspection.table_names())
    if {AwardKind._meta.db_table, Campaign._meta.db_table} <= tables:
        ensure_catalogue()
