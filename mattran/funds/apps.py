from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "mattran.funds"
    label = "funds"
    verbose_name = "Quỹ và công khai"

    def ready(self) -> None:
        from . import indicators  # noqa: F401 — registers the report figures this app computes
