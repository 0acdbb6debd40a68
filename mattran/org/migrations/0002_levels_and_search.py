"""Seed the levels and build the unit name search index for the database in use."""

from django.db import migrations

from mattran.org.levels import ensure_levels


SQLITE_FORWARD = [
    # External-content FTS5 table over the folded names; triggers keep it in step with org_unit.
    "CREATE VIRTUAL TABLE org_unit_fts USING fts5(search_name, content='org_unit', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER org_unit_fts_ai AFTER INSERT ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "CREATE TRIGGER org_unit_fts_ad AFTER DELETE ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(org_unit_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); END",
    "CREATE TRIGGER org_unit_fts_au AFTER UPDATE OF search_name ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(org_unit_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); "
    "INSERT INTO org_unit_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "INSERT INTO org_unit_fts(org_unit_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS org_unit_fts_au",
    "DROP TRIGGER IF EXISTS org_unit_fts_ad",
    "DROP TRIGGER IF EXISTS org_unit_fts_ai",
    "DROP TABLE IF EXISTS org_unit_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS org_unit_search_trgm ON org_unit USING gin (search_name gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS org_unit_search_trgm"]


def seed_levels(apps, schema_editor):
    ensure_levels(apps.get_model("org", "Level"))


def search_forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_FORWARD if vendor == "sqlite" else POSTGRES_FORWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


def search_backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_BACKWARD if vendor == "sqlite" else POSTGRES_BACKWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
        migrations.RunPython(search_forward, search_backward),
    ]
