from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mattran.meetings"
    label = "meetings"
    verbose_name = "Hội nghị"

    def ready(self) -> None:
        from . import (
            indicators,  # noqa: F401 — registers the report figures this app computes
            unit_links,  # noqa: F401 — registers its work on a unit's page
        )
