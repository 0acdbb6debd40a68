from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "mattran.oversight"
    label = "oversight"
    verbose_name = "Giám sát, phản biện"

    def ready(self) -> None:
        from mattran.core import todo

        from . import indicators, queries  # noqa: F401 — indicators registers the report figures

        todo.register("oversight", queries.todo_items)
