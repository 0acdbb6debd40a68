"""`mattran petitions-reminders`: notify handlers of cases due within 2 working days and of overdue ones
(run once a day, e.g. from a systemd timer or cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mattran.core.authz import SCHEDULER
from mattran.petitions.actions import do_send_deadline_reminders


class Command(BaseCommand):
    help = "Send the daily deadline notices of citizens' cases (in-app, and e-mail when configured)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = do_send_deadline_reminders(acting_user=SCHEDULER)
        self.stdout.write(f"{sent} notice(s) sent.")
