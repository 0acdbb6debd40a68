"""mattran check-ledger: prove every fund's balance equals the sum of its entries, and transfers pair up."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mattran.funds.ledger import check_ledger


class Command(BaseCommand):
    help = "Kiểm tra sổ quỹ: số dư mỗi quỹ bằng tổng các bút toán; mỗi lần điều tiết có đủ hai bút toán cân nhau."

    def handle(self, *args, **options):
        result = check_ledger()
        for problem in result.problems:
            self.stderr.write(problem)
        if result.problems:
            raise CommandError(f"Sổ quỹ sai: {len(result.problems)} lỗi.")
        self.stdout.write(
            f"Sổ quỹ đúng: {result.funds} quỹ, {result.entries} bút toán, {result.transfers} lần điều tiết."
        )
