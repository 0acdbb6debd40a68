from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mattran.core"
    label = "core"
    verbose_name = "Nền tảng"
