from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_catalogue(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Put the starter catalogue back after a database flush (flush sends post_migrate), once tables exist."""
    from django.db import connections

    from .catalogue import ensure_catalogue
    from .models import Indicator, ReportForm

    tables = set(connections[using].introspection.table_names())
    if {Indicator._meta.db_table, ReportForm._meta.db_table} <= tables:
        ensure_catalogue()


class ReportsConfig(AppConfig):
    name = "mattran.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from mattran.core import todo as core_todo

        from .todo import report_items

        core_todo.register("reports", report_items)
        post_migrate.connect(restore_catalogue, sender=self, dispatch_uid="reports_catalogue")
        from . import unit_links  # noqa: F401 — registers its work on a unit's page
