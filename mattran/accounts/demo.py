"""Demo logins printed by `make run` (created by `mattran load-demo`)."""

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
