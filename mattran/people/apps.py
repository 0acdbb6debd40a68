from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mattran.people"
    label = "people"
    verbose_name = "Nhân sự, ủy viên"

    def ready(self) -> None:
        from . import indicators  # noqa: F401 — registers the report figures this app computes
