from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mattran.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
