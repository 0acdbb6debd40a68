from django.core.management.base import BaseCommand

from mattran.accounts.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "In các tài khoản dùng thử."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("mattran đang chạy tại http://127.0.0.1:8000 — tài khoản dùng thử:")
        )
        for username, role, unit_label, _full in DEMO_USERS:
            self.stdout.write(f"  {username:<16} {DEMO_PASSWORD:<18} {role:<28} {unit_label}")
        self.stdout.write("")
