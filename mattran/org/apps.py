from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "mattran.org"
    label = "org"
    verbose_name = "Tổ chức"
