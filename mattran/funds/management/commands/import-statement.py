"""mattran import-statement FILE --account ID: stream a statement into an account, with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from mattran.core.authz import IMPORTER
from mattran.funds.actions import do_import_statement
from mattran.funds.importing import describe_error
from mattran.funds.models import BankAccount, StatementStatus


class Command(BaseCommand):
    help = "Nhập sao kê ngân hàng (PDF, CSV, XLSX) vào một tài khoản; nhập lại không làm trùng dòng nào."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--account", required=True, help="id hoặc số tài khoản")
        parser.add_argument("--layout", default=None, help="tên mẫu sao kê (mặc định: tự nhận)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        key = options["account"]
        account = (
            BankAccount.objects.filter(pk=int(key)).first() if key.isdigit() and len(key) < 6 else None
        ) or BankAccount.objects.filter(number=key).first()
        if account is None:
            raise CommandError(f"Không có tài khoản {key}")
        started = time.monotonic()
        show = not options["no_progress"] and sys.stderr.isatty()

        def progress(lines: int, page: int | None) -> None:
            if not show:
                return
            rate = lines / max(time.monotonic() - started, 1e-6)
            where = f" · trang {page}" if page else ""
            sys.stderr.write(f"\r{lines:>10,} dòng{where} · {rate:,.0f} dòng/giây ")
            sys.stderr.flush()

        statement = do_import_statement(
            acting_user=IMPORTER,
            account=account,
            path=options["file"],
            layout=options["layout"],
            progress=progress,
        )
        if show:
            sys.stderr.write("\n")
        if statement.status != StatementStatus.DONE:
            for mismatch in statement.report.get("mismatches", [])[:20]:
                self.stderr.write(f"  {mismatch['message']}")
            raise CommandError(f"Không nhập: {describe_error(statement.report)}")
        self.stdout.write(
            f"Đã nhập {statement.file_name}: {statement.lines_read} dòng đọc, {statement.lines_added} dòng mới, "
            f"{statement.lines_read - statement.lines_added} dòng đã có ({time.monotonic() - started:.1f} giây)."
        )
