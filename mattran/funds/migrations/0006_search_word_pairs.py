"""Statement search: index each pair of neighbouring words, so a phrase reads few candidate lines.

A phrase such as "vu bao my" is made of words that are each common ("bao" is in most transfer messages:
"đồng bào", "bão Yagi"), so the word indexes of 0003/0004 offered tens of thousands of lines holding all
three words somewhere, and each had to be checked for the phrase. Now every pair of neighbouring words
is also a term of its own: ``_`` + the first two letters of each word (``_vu_ba`` for "vũ bảo"). A
query adds the terms of its neighbouring words (each query word of two letters or more is a prefix, so
two letters are all it can promise; a one-letter word is its own key), which keeps to the lines where
those words are neighbours; the phrase itself is still checked as before. Same results, far fewer
candidates.

- SQLite: the FTS5 table becomes contentless (``content=''``) with one column ``terms`` = the folded text
  followed by its pair terms; ``_`` is a token character, so a pair is one token that no folded word
  (letters and digits only) can equal or start with. Triggers compute the pairs in SQL (``json_each``
  splits the words), so every writer keeps the index in step. ``rebuild`` cannot be used on a
  contentless table: to rebuild, run this migration's ``FILL`` statements.
- PostgreSQL: ``funds_search_vector()`` also emits the pair lexemes; the generated column is recomputed
  (a table rewrite: minutes for millions of lines) and its GIN index rebuilt. A B-tree on id that
  includes ``account_id`` and ``search_text`` lets a common phrase be found by an index-only scan in
  statement order (the GIN index answers in no useful order); a B-tree entry holds at most about 2,700
  bytes, so the folded text is cut at 600 characters (on both databases, as ``search_text_of`` does).
  The column's statistics target is 1000: the search reads the lexeme frequencies from ``pg_stats``.
"""

from django.db import migrations

FTS = "funds_statementline_fts"
PREFIXES = "2 3 4 5 6 7"


def pairs_sql(text: str) -> str:
    """SQL (SQLite) for " _ab_cd _cd_ef …" of the words of ``text`` (separated by single spaces)."""
    words = f"""json_each('["' || replace(replace(replace({text}, '\\', '\\\\'), '"', '\\"'), ' ', '","') || '"]')"""
    return (
        "coalesce((SELECT ' ' || group_concat(pair, ' ') FROM (SELECT '_' || substr(value, 1, 2) || '_' "
        f"|| substr(lead(value) OVER (ORDER BY key), 1, 2) AS pair FROM {words} WHERE value <> '')), '')"
    )


def terms_sql(text: str) -> str:
    return f"coalesce({text}, '') || {pairs_sql(f'coalesce({text}, {chr(39)}{chr(39)})')}"


# A B-tree entry holds at most about 2,700 bytes: the folded text is cut at SEARCH_TEXT_MAX characters
# (funds.reading.search_text_of does the same for new lines; bank messages are far shorter).
SEARCH_TEXT_MAX = 600
SHORTEN = (
    f"UPDATE funds_statementline SET search_text = rtrim(substr(search_text, 1, {SEARCH_TEXT_MAX})) "
    f"WHERE length(search_text) > {SEARCH_TEXT_MAX}"
)


DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS funds_statementline_fts_au",
    "DROP TRIGGER IF EXISTS funds_statementline_fts_ad",
    "DROP TRIGGER IF EXISTS funds_statementline_fts_ai",
]
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(terms, content='', "
    f"tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\", prefix='{PREFIXES}')"
)
CREATE_TRIGGERS = [
    f"CREATE TRIGGER funds_statementline_fts_ai AFTER INSERT ON funds_statementline BEGIN "
    f"INSERT INTO {FTS}(rowid, terms) VALUES (new.id, {terms_sql('new.search_text')}); END",
    f"CREATE TRIGGER funds_statementline_fts_ad AFTER DELETE ON funds_statementline BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.id, {terms_sql('old.search_text')}); END",
    f"CREATE TRIGGER funds_statementline_fts_au AFTER UPDATE OF search_text ON funds_statementline BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.id, {terms_sql('old.search_text')}); "
    f"INSERT INTO {FTS}(rowid, terms) VALUES (new.id, {terms_sql('new.search_text')}); END",
]
FILL = [
    f"INSERT INTO {FTS}(rowid, terms) SELECT id, {terms_sql('search_text')} FROM funds_statementline",
    f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')",
]
SQLITE_FORWARD = [
    *DROP_TRIGGERS,
    f"DROP TABLE IF EXISTS {FTS}",
    SHORTEN,
    CREATE_TABLE,
    *CREATE_TRIGGERS,
    *FILL,
]


def _sqlite_backward() -> list[str]:
    from importlib import import_module

    previous = import_module("mattran.funds.migrations.0004_statement_fts_prefixes")
    return previous._fts_sql(previous.PREFIXES)


POSTGRES_FUNCTION = r"""
CREATE OR REPLACE FUNCTION funds_search_vector(t text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE w text; prev text := NULL; p int := 0; n int; parts text[] := '{}';
BEGIN
  FOREACH w IN ARRAY string_to_array(coalesce(t, ''), ' ') LOOP
    p := p + 1;
    IF w = '' OR length(w) > 200 OR w ~ '[''\\]' THEN
      prev := NULL;
      CONTINUE;
    END IF;
    parts := parts || ('''' || w || ''':' || least(p, 16383));
    FOR n IN 2 .. least(length(w), 10) LOOP
      parts := parts || ('''' || left(w, n) || '~'':' || least(p, 16383));
    END LOOP;
    IF prev IS NOT NULL THEN
      parts := parts || ('''_' || left(prev, 2) || '_' || left(w, 2) || ''':' || least(p - 1, 16383));
    END IF;
    prev := w;
  END LOOP;
  RETURN array_to_string(parts, ' ')::tsvector;
END $$
"""
POSTGRES_PREVIOUS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION funds_search_vector(t text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE w text; p int := 0; n int; parts text[] := '{}';
BEGIN
  FOREACH w IN ARRAY string_to_array(coalesce(t, ''), ' ') LOOP
    p := p + 1;
    CONTINUE WHEN w = '' OR length(w) > 200 OR w ~ '[''\\]';
    parts := parts || ('''' || w || ''':' || least(p, 16383));
    FOR n IN 2 .. least(length(w), 10) LOOP
      parts := parts || ('''' || left(w, n) || '~'':' || least(p, 16383));
    END LOOP;
  END LOOP;
  RETURN array_to_string(parts, ' ')::tsvector;
END $$
"""


def _postgres(function: str, *, ordered: bool) -> list[str]:
    return [
        "DROP INDEX IF EXISTS funds_statementline_search_gin",
        "DROP INDEX IF EXISTS funds_statementline_text_by_id",
        "ALTER TABLE funds_statementline DROP COLUMN IF EXISTS search_vector",
        *([SHORTEN] if ordered else []),
        function,
        "ALTER TABLE funds_statementline ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (funds_search_vector(search_text)) STORED",
        "CREATE INDEX funds_statementline_search_gin ON funds_statementline USING gin (search_vector)",
        # The search asks the planner how common a term is: keep the frequencies of ~10,000 lexemes.
        *(
            ["ALTER TABLE funds_statementline ALTER COLUMN search_vector SET STATISTICS 1000"]
            if ordered
            else []
        ),
        # Lines in statement order with their text: a common phrase is found by an index-only scan.
        *(
            [
                "CREATE INDEX funds_statementline_text_by_id ON funds_statementline (id) "
                "INCLUDE (account_id, search_text)"
            ]
            if ordered
            else []
        ),
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        SQLITE_FORWARD
        if vendor == "sqlite"
        else _postgres(POSTGRES_FUNCTION, ordered=True)
        if vendor == "postgresql"
        else []
    )
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        _sqlite_backward()
        if vendor == "sqlite"
        else _postgres(POSTGRES_PREVIOUS_FUNCTION, ordered=False)
        if vendor == "postgresql"
        else []
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0005_disbursement_households_and_house_progress")]

    operations = [migrations.RunPython(forward, backward)]
