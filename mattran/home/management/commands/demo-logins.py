import os

from django.core.management.base import BaseCommand

from mattran.accounts.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "In các tài khoản dùng thử."

    def add_arguments(self, parser):
        # `make run HOST=… PORT=…` serves there: the address printed is the one served (env HOST and PORT).
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", default=os.environ.get("PORT") or "8000")

    def handle(self, *args, **options):
        host = "127.0.0.1" if options["host"] in ("0.0.0.0", "::") else options["host"]
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"mattran đang chạy tại http://{host}:{options['port']} — tài khoản dùng thử:")
        )
        for username, role, unit_label, _full in DEMO_USERS:
            self.stdout.write(f"  {username:<16} {DEMO_PASSWORD:<18} {role:<28} {unit_label}")
        self.stdout.write("")
