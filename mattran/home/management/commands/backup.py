"""`mattran backup`: the database and the uploaded files in one consistent archive (see home.backup)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mattran.home.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT together into one .tar.gz (default: var/backups/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, default=None, help="archive to write")

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        if output is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"mattran-{stamp}.tar.gz"
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"{output}: {manifest['vendor']} database ({len(manifest['rows'])} tables, {rows} rows, "
            f"{len(manifest['ledger'])} fund ledgers) and {len(manifest['files'])} files."
        )
