"""Statement search on SQLite: the pair terms of 0006 get an FTS5 table of their own, without prefix indexes.

In 0006 the pair terms (``_ng_va`` for "nguyễn văn") shared the FTS5 table of the words, whose prefix
indexes (2 to 7 characters) then also indexed every pair term's prefixes (``_n``, ``_ng``, ``_ng_``…),
which no query asks for: two thirds of the work of indexing a new line, and of the index's size. A pair
is only ever looked up whole, so ``funds_statementline_pairs`` holds them with no prefix index, and
``funds_statementline_fts`` holds the folded words only. The search asks the pairs table when the pair
terms drive it (``queries._search_sqlite``); the results are the same.

Both tables are contentless and kept in step by the triggers, which compute the pairs in SQL as before
(``pairs_sql``). To rebuild them, run ``FILL``. PostgreSQL is unchanged.
"""

from importlib import import_module

from django.db import migrations

previous = import_module("mattran.funds.migrations.0006_search_word_pairs")
pairs_sql = previous.pairs_sql

FTS = previous.FTS  # the words
PAIRS = "funds_statementline_pairs"
TOKENIZE = "tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\""

DROP_TRIGGERS = previous.DROP_TRIGGERS
DROP_TABLES = [f"DROP TABLE IF EXISTS {FTS}", f"DROP TABLE IF EXISTS {PAIRS}"]
CREATE_TABLES = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(terms, content='', {TOKENIZE}, prefix='{previous.PREFIXES}')",
    f"CREATE VIRTUAL TABLE {PAIRS} USING fts5(terms, content='', {TOKENIZE})",
]


def _add(row: str) -> str:
    return (
        f"INSERT INTO {FTS}(rowid, terms) VALUES ({row}.id, coalesce({row}.search_text, '')); "
        f"INSERT INTO {PAIRS}(rowid, terms) VALUES ({row}.id, {pairs_sql(f'coalesce({row}.search_text, {chr(39) * 2})')}); "
    )


def _remove(row: str) -> str:
    return (
        f"INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', {row}.id, coalesce({row}.search_text, '')); "
        f"INSERT INTO {PAIRS}({PAIRS}, rowid, terms) "
        f"VALUES ('delete', {row}.id, {pairs_sql(f'coalesce({row}.search_text, {chr(39) * 2})')}); "
    )


CREATE_TRIGGERS = [
    f"CREATE TRIGGER funds_statementline_fts_ai AFTER INSERT ON funds_statementline BEGIN {_add('new')}END",
    f"CREATE TRIGGER funds_statementline_fts_ad AFTER DELETE ON funds_statementline BEGIN {_remove('old')}END",
    f"CREATE TRIGGER funds_statementline_fts_au AFTER UPDATE OF search_text ON funds_statementline "
    f"BEGIN {_remove('old')}{_add('new')}END",
]
FILL = [
    f"INSERT INTO {FTS}(rowid, terms) SELECT id, coalesce(search_text, '') FROM funds_statementline",
    f"INSERT INTO {PAIRS}(rowid, terms) "
    f"SELECT id, {pairs_sql('coalesce(search_text, ' + chr(39) * 2 + ')')} FROM funds_statementline",
    f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')",
    f"INSERT INTO {PAIRS}({PAIRS}) VALUES ('optimize')",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*DROP_TRIGGERS, *DROP_TABLES, *CREATE_TABLES, *CREATE_TRIGGERS, *FILL]:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [
        *DROP_TRIGGERS,
        *DROP_TABLES,
        previous.CREATE_TABLE,
        *previous.CREATE_TRIGGERS,
        *previous.FILL,
    ]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0007_statement_queued_started")]

    operations = [migrations.RunPython(forward, backward)]
