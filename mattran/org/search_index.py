"""The unit name search index for each database vendor, installed by migrations.

SQLite drops a table's triggers when a migration rebuilds the table (most ALTERs do), so any migration
that alters org_unit must call ``install(schema_editor)`` again after its schema operations.
"""

SQLITE = [
    "DROP TRIGGER IF EXISTS org_unit_fts_ai",
    "DROP TRIGGER IF EXISTS org_unit_fts_ad",
    "DROP TRIGGER IF EXISTS org_unit_fts_au",
    # External-content FTS5 table over the folded names; triggers keep it in step with org_unit.
    "CREATE VIRTUAL TABLE IF NOT EXISTS org_unit_fts USING fts5(search_name, content='org_unit', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER org_unit_fts_ai AFTER INSERT ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "CREATE TRIGGER org_unit_fts_ad AFTER DELETE ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(org_unit_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); END",
    "CREATE TRIGGER org_unit_fts_au AFTER UPDATE OF search_name ON org_unit BEGIN "
    "INSERT INTO org_unit_fts(org_unit_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); "
    "INSERT INTO org_unit_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "INSERT INTO org_unit_fts(org_unit_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS org_unit_fts_au",
    "DROP TRIGGER IF EXISTS org_unit_fts_ad",
    "DROP TRIGGER IF EXISTS org_unit_fts_ai",
    "DROP TABLE IF EXISTS org_unit_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS org_unit_search_trgm ON org_unit USING gin (search_name gin_trgm_ops)",
]
POSTGRES_REMOVE = ["DROP INDEX IF EXISTS org_unit_search_trgm"]


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def remove(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_REMOVE if vendor == "sqlite" else POSTGRES_REMOVE if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def install_op(apps, schema_editor) -> None:
    install(schema_editor)


def remove_op(apps, schema_editor) -> None:
    remove(schema_editor)
