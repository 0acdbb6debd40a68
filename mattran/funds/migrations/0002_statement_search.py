"""Build the statement-line text search index for the database in use (as org 0002 does for units)."""

from django.db import migrations

SQLITE_FORWARD = [
    # External-content FTS5 table over the folded text; triggers keep it in step with the lines.
    "CREATE VIRTUAL TABLE funds_statementline_fts USING fts5(search_text, content='funds_statementline', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER funds_statementline_fts_ai AFTER INSERT ON funds_statementline BEGIN "
    "INSERT INTO funds_statementline_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER funds_statementline_fts_ad AFTER DELETE ON funds_statementline BEGIN "
    "INSERT INTO funds_statementline_fts(funds_statementline_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER funds_statementline_fts_au AFTER UPDATE OF search_text ON funds_statementline BEGIN "
    "INSERT INTO funds_statementline_fts(funds_statementline_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO funds_statementline_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO funds_statementline_fts(funds_statementline_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS funds_statementline_fts_au",
    "DROP TRIGGER IF EXISTS funds_statementline_fts_ad",
    "DROP TRIGGER IF EXISTS funds_statementline_fts_ai",
    "DROP TABLE IF EXISTS funds_statementline_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS funds_statementline_search_trgm ON funds_statementline "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS funds_statementline_search_trgm"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_FORWARD if vendor == "sqlite" else POSTGRES_FORWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_BACKWARD if vendor == "sqlite" else POSTGRES_BACKWARD if vendor == "postgresql" else []
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
