from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "mattran.funds"
    label = "funds"
    verbose_name = "Quỹ và công khai"
