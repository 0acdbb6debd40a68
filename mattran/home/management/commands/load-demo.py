from django.core.management.base import BaseCommand

from mattran.home.demo import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu dùng thử (đơn vị trong các bài mẫu, cụm thi đua, tài khoản dùng thử). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        done = load_demo()
        for line in done or ["Dữ liệu dùng thử đã có sẵn."]:
            self.stdout.write(f"- {line}")
