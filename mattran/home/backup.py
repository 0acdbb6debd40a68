"""Backups of the database and the uploaded files together, and their restore into a fresh database.

A backup is one ``.tar.gz``: ``manifest.json`` (what it holds, the row count of every table, the ledger
total of every fund, and each file of MEDIA_ROOT with its size and SHA-256), the database (PostgreSQL:
``pg_dump`` custom format; SQLite: a copy made with SQLite's online backup), and ``media/``.

Consistency: the counts, the totals and the list of files that records name are read from the *same*
snapshot the dump is made from (PostgreSQL: an exported snapshot that ``pg_dump --snapshot`` shares;
SQLite: the copy itself), and MEDIA_ROOT is copied after that snapshot. The app only ever adds files, so
every file a record of the snapshot names is in the archive (the backup checks it and fails otherwise);
files added after the snapshot come along unreferenced, which is harmless.

A restore goes into an empty database (or ``--force``: the existing one is wiped first) and an empty
MEDIA_ROOT, then reads the restored database back and compares the row counts, the ledger totals and the
files' checksums with the manifest, and fails loudly on any difference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, models

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be made or does not match; nothing was left half done."""


# --- what a database holds ---------------------------------------------------------------------------


def _tables() -> list[str]:
    names = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    return sorted(names | {"django_migrations"})


def _file_columns() -> list[tuple[str, str]]:
    return sorted(
        (m._meta.db_table, f.column)
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy
        for f in m._meta.concrete_fields
        if isinstance(f, models.FileField)
    )


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def summarise(cursor: Any) -> dict[str, Any]:
    """Row counts of every table, each fund's ledger total (đồng), and the files records name."""
    counts = {}
    for table in _tables():
        cursor.execute(f"SELECT COUNT(*) FROM {_q(table)}")  # noqa: S608 — table names from the models
        counts[table] = int(cursor.fetchone()[0])
    ledger_table = apps.get_model("funds", "LedgerEntry")._meta.db_table
    cursor.execute(
        f"SELECT fund_id, SUM(amount), COUNT(*) FROM {_q(ledger_table)} GROUP BY fund_id ORDER BY fund_id"
    )  # noqa: S608
    ledger = {str(fund): {"total": int(total), "entries": int(n)} for fund, total, n in cursor.fetchall()}
    named: set[str] = set()
    for table, column in _file_columns():
        cursor.execute(f"SELECT {_q(column)} FROM {_q(table)} WHERE {_q(column)} <> ''")  # noqa: S608
        named.update(row[0] for row in cursor.fetchall())
    return {"rows": counts, "ledger": ledger, "files_named": sorted(named)}


# --- files ---------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, dict[str, Any]]:
    files = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(root).as_posix()] = {
                    "size": path.stat().st_size,
                    "sha256": _sha256(path),
                }
    return files


# --- PostgreSQL ----------------------------------------------------------------------------------------


def _pg_env(db: Any) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or ""),
            "PGPORT": str(db.get("PORT") or ""),
            "PGUSER": str(db.get("USER") or ""),
            "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": str(db["NAME"]),
            "PGCONNECT_TIMEOUT": "10",
        }
    )
    return {k: v for k, v in env.items() if v != "" or not k.startswith("PG")}


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


@contextmanager
def _pg_snapshot(db: Any) -> Iterator[tuple[Any, str]]:
    """A read-only repeatable-read transaction and the id of its exported snapshot."""
    import psycopg

    conn = psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
        connect_timeout=10,
    )
    try:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        snapshot = row[0]
        yield conn.cursor(), snapshot
    finally:
        conn.rollback()
        conn.close()


# --- backup --------------------------------------------------------------------------------------------


def create_backup(output: Path, *, using: str = "default") -> dict[str, Any]:
    """Write a backup archive to ``output``; return its manifest."""
    db = settings.DATABASES[using]
    vendor = connections[using].vendor
    media_root = Path(settings.MEDIA_ROOT)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mattran-backup-") as tmp:
        work = Path(tmp)
        if vendor == "postgresql":
            dump = work / "database.pgdump"
            with _pg_snapshot(db) as (cursor, snapshot):
                summary = summarise(cursor)
                _run(
                    [
                        "pg_dump",
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        "-f",
                        str(dump),
                    ],
                    _pg_env(db),
                )
        elif vendor == "sqlite":
            dump = work / "database.sqlite3"
            connection = connections[using]
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            copy = sqlite3.connect(dump)
            try:
                summary = summarise(copy.cursor())
            finally:
                copy.close()
        else:
            raise BackupError(f"Backups of {vendor} databases are not supported.")
        files = media_files(media_root)  # after the snapshot: every file it names is already written
        missing = [name for name in summary["files_named"] if name not in files]
        if missing:
            raise BackupError(
                f"{len(missing)} file(s) named by records are not in {media_root}: {missing[:5]}"
            )
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": vendor,
            "database": dump.name,
            "rows": summary["rows"],
            "ledger": summary["ledger"],
            "files_named": summary["files_named"],
            "files": files,
        }
        (work / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=3) as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=dump.name)
            for name in files:
                archive.add(media_root / name, arcname=f"media/{name}")
        partial.replace(output)  # a backup is there whole or not at all
    return manifest


# --- restore -------------------------------------------------------------------------------------------


def read_manifest(archive_path: Path) -> dict[str, Any]:
    with tarfile.open(archive_path, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError("The archive has no manifest.json: not a mattran backup.")
        return json.loads(member.read().decode("utf-8"))


def _empty_database(using: str) -> bool:
    return not connections[using].introspection.table_names()


def _wipe_postgres(db: Any) -> None:
    import psycopg

    with psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def restore_backup(archive_path: Path, *, force: bool = False, using: str = "default") -> dict[str, Any]:
    """Restore a backup into this site's (empty) database and MEDIA_ROOT, then verify it; return a report."""
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    db = settings.DATABASES[using]
    connection = connections[using]
    vendor = connection.vendor
    if manifest["vendor"] != vendor:
        raise BackupError(f"This backup is of a {manifest['vendor']} database; this site runs on {vendor}.")
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if not _empty_database(using):
            raise BackupError(
                "The database is not empty: restore into a fresh database, or pass --force to wipe it."
            )
        if media_root.is_dir() and any(media_root.iterdir()):
            raise BackupError(f"{media_root} is not empty: restore into an empty one, or pass --force.")
    with tempfile.TemporaryDirectory(prefix="mattran-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        dump = work / manifest["database"]
        connection.close()
        if vendor == "postgresql":
            if force:
                _wipe_postgres(db)
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "-d",
                    str(db["NAME"]),
                    str(dump),
                ],
                _pg_env(db),
            )
        else:
            target = Path(db["NAME"])
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copyfile(dump, target)
        if force and media_root.is_dir():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        source = work / "media"
        if source.is_dir():
            shutil.copytree(source, media_root, dirs_exist_ok=True)
    return verify(manifest, using=using)


def verify(manifest: dict[str, Any], *, using: str = "default") -> dict[str, Any]:
    """Compare this site's database and files with a backup's manifest; raise on any difference."""
    connection = connections[using]
    connection.close()
    with connection.cursor() as cursor:
        summary = summarise(cursor)
    problems = []
    for table, count in manifest["rows"].items():
        if summary["rows"].get(table) != count:
            problems.append(f"table {table}: {summary['rows'].get(table)} rows, the backup has {count}")
    if summary["ledger"] != manifest["ledger"]:
        problems.append("fund ledger totals differ from the backup")
    files = media_files(Path(settings.MEDIA_ROOT))
    for name, info in manifest["files"].items():
        if files.get(name, {}).get("sha256") != info["sha256"]:
            problems.append(f"file {name} missing or different")
    if problems:
        raise BackupError("The restored site does not match the backup:\n  " + "\n  ".join(problems[:20]))
    return {
        "tables": len(manifest["rows"]),
        "rows": sum(manifest["rows"].values()),
        "funds": len(manifest["ledger"]),
        "ledger_total": sum(v["total"] for v in manifest["ledger"].values()),
        "files": len(manifest["files"]),
    }
