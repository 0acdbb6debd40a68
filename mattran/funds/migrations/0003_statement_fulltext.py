"""PostgreSQL: search statement lines by words (a tsvector with a GIN index) instead of trigrams.

Names such as "nguyen van an" are made of very common trigrams, so the pg_trgm index of 0002 returned
hundreds of thousands of candidates to recheck; and a ``word:*`` prefix query over a GIN index unions the
posting lists of every matching word into a bitmap, which is as slow for common short words. So, like
FTS5's prefix index on SQLite, the vector indexes each word (``nguyen``) and also its prefixes of 2 to 10
letters, marked with ``~`` (``ng~``, ``ngu~`` … ``nguyen~``), all at the word's position: a partial-word
phrase query is then a phrase of exact lexemes (``'ngu~' <-> 'van~' <-> 'a'``) that GIN answers with
its fast AND scan. ``search_text`` is already folded (lower case, no diacritics, words separated by one
space), so the words are split on spaces. SQLite keeps its FTS5 table from 0002 and is untouched here.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    r"""
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
    """,
    "ALTER TABLE funds_statementline ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (funds_search_vector(search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS funds_statementline_search_gin ON funds_statementline "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS funds_statementline_search_trgm",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS funds_statementline_search_trgm ON funds_statementline "
    "USING gin (search_text gin_trgm_ops)",
    "DROP INDEX IF EXISTS funds_statementline_search_gin",
    "ALTER TABLE funds_statementline DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS funds_search_vector(text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0002_statement_search")]

    operations = [migrations.RunPython(forward, backward)]
