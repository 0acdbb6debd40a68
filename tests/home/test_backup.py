"""`mattran backup` and `mattran restore`: the database and the uploaded files together, restored into a
fresh database (another SQLite file, another PostgreSQL database) and compared: row counts, the ledger
totals of every fund, and every file byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from mattran.funds import actions as funds
from mattran.funds.models import LedgerEntry
from mattran.home.backup import read_manifest
from mattran.meetings.actions import do_add_attachment, do_create_meeting
from tests.conftest import SYSTEM

PDF = b"%PDF-1.4\n" + os.urandom(2048) + b"\n%%EOF\n"


def _records(tree) -> dict:
    fund = funds.do_create_fund(acting_user=SYSTEM, unit=tree.commune, kind="relief", name="Quỹ Cứu trợ")
    other = funds.do_create_fund(
        acting_user=SYSTEM, unit=tree.sibling, kind="poor", name="Quỹ Vì người nghèo"
    )
    for amount, target in ((5_000_000, fund), (1_250_000, fund), (700_000, other)):
        funds.do_record_receipt(
            acting_user=SYSTEM, fund=target, method="cash", donor_kind="anonymous", amount=amount,
            received_on=dt.date(2025, 3, 2),
        )  # fmt: skip
    meeting = do_create_meeting(
        acting_user=SYSTEM, unit=tree.commune, kind="hoi_nghi_uy_ban", title="Hội nghị Ủy ban lần thứ 3",
        starts_at=dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC),
    )  # fmt: skip
    attachment = do_add_attachment(
        meeting, acting_user=SYSTEM, upload=SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
    )
    return {"attachment": attachment}


def _restore(archive: Path, env: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MATTRAN_VAR_DIR"}}
    return subprocess.run(
        [sys.executable, "-m", "mattran.cli", "restore", str(archive)],
        env={**clean, "DEBUG": "0", "SECRET_KEY": "x" * 50, **env},
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip


def _ledger(cursor) -> dict:
    cursor.execute("SELECT fund_id, SUM(amount), COUNT(*) FROM funds_ledgerentry GROUP BY fund_id ORDER BY 1")
    return {int(f): (int(t), int(n)) for f, t, n in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_it_backs_up_and_restores_the_database_and_files_together(tree, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    made = _records(tree)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)

    manifest = read_manifest(archive)
    assert manifest["vendor"] == connection.vendor
    assert manifest["rows"]["funds_ledgerentry"] == LedgerEntry.objects.count() == 3
    assert sorted(v["total"] for v in manifest["ledger"].values()) == [700_000, 6_250_000]
    stored = made["attachment"].file.name
    assert manifest["files_named"] == [stored]
    assert manifest["files"][stored]["sha256"] == hashlib.sha256(PDF).hexdigest()
    with tarfile.open(archive) as tar:
        assert tar.extractfile(f"media/{stored}").read() == PDF

    with connection.cursor() as cursor:
        expected_ledger = _ledger(cursor)
    target_var = tmp_path / "restored"
    if connection.vendor == "sqlite":
        target_db = target_var / "fresh.sqlite3"
        result = _restore(
            archive, {"DATABASE_URL": f"sqlite:///{target_db}", "MATTRAN_VAR_DIR": str(target_var)}, tmp_path
        )
        assert result.returncode == 0, result.stderr
        restored = sqlite3.connect(target_db)
        cursor = restored.cursor()
    else:
        db = connection.settings_dict
        name = f"{db['NAME']}_restored"
        base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        result = _restore(
            archive, {"DATABASE_URL": f"{base}/{name}", "MATTRAN_VAR_DIR": str(target_var)}, tmp_path
        )
        assert result.returncode == 0, result.stderr
        restored = psycopg.connect(f"{base}/{name}")
        cursor = restored.cursor()
    try:
        assert "Restored and verified" in result.stdout
        for table, count in manifest["rows"].items():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            assert cursor.fetchone()[0] == count, table
        assert _ledger(cursor) == expected_ledger
    finally:
        restored.close()
        if connection.vendor == "postgresql":
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert (target_var / "media" / stored).read_bytes() == PDF


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_is_not_empty(tree, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _records(tree)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", archive)
    assert LedgerEntry.objects.count() == 3


def test_restore_says_what_is_wrong_with_a_file_that_is_no_backup(tmp_path) -> None:
    bogus = tmp_path / "x.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        readme = tmp_path / "readme.txt"
        readme.write_text("not a backup")
        tar.add(readme, arcname="readme.txt")
    result = _restore(bogus, {"MATTRAN_VAR_DIR": str(tmp_path / "v")}, tmp_path)
    assert result.returncode != 0
    assert "manifest" in result.stderr
