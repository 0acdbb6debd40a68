"""The default levels (data, seeded by migration 0002 and restored by ensure_levels after a flush)."""

DEFAULT_LEVELS = [
    ("central", "Trung ương", 0, True),
    ("province", "Tỉnh, thành phố", 1, True),
    ("district", "Quận, huyện, thị xã, thành phố thuộc tỉnh", 2, True),
    ("commune", "Xã, phường, thị trấn, đặc khu", 3, True),
    ("residential", "Thôn, tổ dân phố (Ban công tác Mặt trận)", 4, False),
]


def ensure_levels(level_model) -> None:
    """Create any default level that is missing (never changes existing ones)."""
    for code, name, rank, gov in DEFAULT_LEVELS:
        level_model.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "is_government": gov}
        )
