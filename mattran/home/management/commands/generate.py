from django.core.management.base import BaseCommand, CommandError

from mattran.core.authz import IMPORTER
from mattran.home.generate import SCALES, generate_scale_data
from mattran.org.actions import do_import_divisions
from mattran.org.models import Structure, Unit


class Command(BaseCommand):
    help = "Sinh dữ liệu tổng hợp để đo hiệu năng: --scale national ≈ 100.000 khu dân cư và người dùng."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="national", help=f"Một trong: {', '.join(SCALES)}")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--province", action="append", dest="provinces", help="Mã tỉnh 2025 (lặp lại được)"
        )

    def handle(self, *args, scale: str, seed: int, provinces, **options):
        if scale not in SCALES:
            raise CommandError(f"--scale phải là một trong: {', '.join(SCALES)} (nhận được: {scale!r}).")
        if not Unit.objects.filter(structure=Structure.Y2025).exists():
            self.stdout.write(do_import_divisions(structure=Structure.Y2025, acting_user=IMPORTER).summary())
        result = generate_scale_data(scale=scale, seed=seed, province_codes=provinces)
        self.stdout.write(self.style.SUCCESS(result.summary()))
