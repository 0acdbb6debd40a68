"""SQLite: rebuild the FTS5 table of 0002 with prefix indexes for 2 to 7 letters (was 2 and 3).

Every query word is a prefix ("tran"* finds "tran" and "trang"). Without a prefix index of that length
FTS5 merges the document lists of every term with that prefix in memory before it can return the first
row, which for common Vietnamese syllables of 4 to 7 letters ("tran", "dong", "nguyen", "truong") took
tens of milliseconds. With an index per length up to 7 — the longest Vietnamese syllable — such a word
is one term read in rowid order, so ``ORDER BY rowid LIMIT n`` stops early. PostgreSQL is untouched here.
"""

from django.db import migrations

FTS = "funds_statementline_fts"
PREFIXES = "2 3 4 5 6 7"


def _fts_sql(prefix: str) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS funds_statementline_fts_au",
        "DROP TRIGGER IF EXISTS funds_statementline_fts_ad",
        "DROP TRIGGER IF EXISTS funds_statementline_fts_ai",
        f"DROP TABLE IF EXISTS {FTS}",
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='funds_statementline', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')",
        f"CREATE TRIGGER funds_statementline_fts_ai AFTER INSERT ON funds_statementline BEGIN "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER funds_statementline_fts_ad AFTER DELETE ON funds_statementline BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER funds_statementline_fts_au AFTER UPDATE OF search_text ON funds_statementline BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
        f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')",
    ]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in _fts_sql(PREFIXES):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in _fts_sql("2 3"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0003_statement_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
