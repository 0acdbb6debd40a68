from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mattran.reports"
    label = "reports"
    verbose_name = "Báo cáo"
