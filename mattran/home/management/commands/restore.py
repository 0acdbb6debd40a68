"""`mattran restore ARCHIVE`: restore a backup into a fresh database and MEDIA_ROOT, then verify it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mattran.home.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `mattran backup` archive into this site's database (empty, or wiped with --force) and "
        "MEDIA_ROOT, then compare row counts, ledger totals and file checksums with the backup."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="wipe a database and MEDIA_ROOT that are not empty"
        )

    def handle(self, *args: Any, archive: Path, force: bool = False, **options: Any) -> None:
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        try:
            report = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored and verified: {report['tables']} tables, {report['rows']} rows, {report['funds']} fund "
            f"ledgers totalling {report['ledger_total']} đồng, {report['files']} files."
        )
