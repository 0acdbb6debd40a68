"""`mattran rekey-report-values`: after a reorganisation across provinces, let province roll-ups read the
moved units' figures by province key again (until then they read them through the hierarchy)."""

from typing import Any

from django.core.management.base import BaseCommand

from mattran.core.authz import SCHEDULER
from mattran.reports.actions import do_rekey_values


class Command(BaseCommand):
    help = "Cập nhật mã tỉnh của số liệu báo cáo các đơn vị đã chuyển sang tỉnh khác (sau sáp nhập)."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = do_rekey_values(acting_user=SCHEDULER)
        self.stdout.write(self.style.SUCCESS(f"Đã cập nhật số liệu của {moved} đơn vị."))
