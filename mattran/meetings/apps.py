from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mattran.meetings"
    label = "meetings"
    verbose_name = "Hội nghị"

    def ready(self) -> None:
        from mattran.core import todo as core_todo

        from . import (
            indicators,  # noqa: F401 — registers the report figures this app computes
            unit_links,  # noqa: F401 — registers its work on a unit's page
        )
        from .todo import meeting_items

        core_todo.register("meetings", meeting_items)
