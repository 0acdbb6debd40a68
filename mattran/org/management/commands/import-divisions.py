from django.core.management.base import BaseCommand, CommandError

from mattran.core.authz import IMPORTER
from mattran.org.actions import do_import_divisions


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (legacy: 63 tỉnh trước 1/7/2025; 2025: 34 tỉnh, 3.321 xã)."

    def add_arguments(self, parser):
        parser.add_argument("--structure", required=True, help="'2025' hoặc 'legacy'")

    def handle(self, *args, structure: str, **options):
        if structure not in ("2025", "legacy"):
            raise CommandError(f"--structure phải là '2025' hoặc 'legacy' (nhận được: {structure!r}).")
        result = do_import_divisions(structure=structure, acting_user=IMPORTER)
        self.stdout.write(self.style.SUCCESS(result.summary()))
