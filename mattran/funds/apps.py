from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "mattran.funds"
    label = "funds"
    verbose_name = "Quỹ và công khai"

    def ready(self) -> None:
        from mattran.core import todo as core_todo

        from .todo import statement_items

        core_todo.register("funds", statement_items)
        from mattran.core.tasks import task_abandoned

        from . import (
            indicators,  # noqa: F401 — registers the report figures this app computes
            unit_links,  # noqa: F401 — registers its work on a unit's page
        )
        from .tasks import on_task_abandoned

        task_abandoned.connect(on_task_abandoned, dispatch_uid="funds.statement_import_abandoned")
