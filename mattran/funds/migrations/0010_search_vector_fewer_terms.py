"""Statement search (PostgreSQL): index about 49 terms per line instead of 71, each looked up as before.

Writing a line's ``search_vector`` and its GIN entries is most of what a large import costs the server
(docs/benchmarks.md): on the generated 12,000-page statement ``funds_search_vector()`` gave 71 terms per line
(words, prefixes of 2 to 10 letters, pairs). Two kinds of those were never needed:

- a word's own lexeme (``nguyen``) next to its full-length prefix (``nguyen~``): a query word of two letters
  or more is always looked up as a prefix, so only one-letter words keep their own lexeme;
- every prefix of a number or code (``9803167354969``, ``ft34677781336221``: account numbers, references,
  dates and times in transfer messages). A prefix that holds a digit is indexed at 2, 4, 6 and 10
  characters only; a query word looks up the longest indexed prefix it has (``queries.index_terms``), which
  for an account number or a reference is as rare as before. Prefixes without digits stay all there.

The lexemes no longer carry positions: no query uses them (the phrase is checked on the folded text).
Same search results: the GIN index still offers every line that holds the phrase. The generated column is
recomputed (the table is rewritten: minutes for millions of lines) and its index rebuilt. SQLite's FTS5
tables are not touched.
"""

from importlib import import_module

from django.db import migrations

POSTGRES_FUNCTION = r"""
CREATE OR REPLACE FUNCTION funds_search_vector(t text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  w text; prev text := NULL; n int; len int; head int; terms text := '';
  quoted boolean := coalesce(t, '') ~ '[''\\]';
BEGIN
  FOREACH w IN ARRAY string_to_array(coalesce(t, ''), ' ') LOOP
    len := length(w);
    IF len = 0 OR len > 200 OR (quoted AND w ~ '[''\\]') THEN
      prev := NULL;
      CONTINUE;
    END IF;
    IF len = 1 THEN
      terms := terms || ' ' || w;
    ELSE
      head := length(substring(w FROM '^[^0-9]*'));  -- the prefixes this long hold no digit
      FOR n IN 2 .. least(len, 10) LOOP
        IF n <= head OR n IN (2, 4, 6, 10) THEN
          terms := terms || ' ' || left(w, n) || '~';
        END IF;
      END LOOP;
    END IF;
    IF prev IS NOT NULL THEN
      terms := terms || ' _' || left(prev, 2) || '_' || left(w, 2);
    END IF;
    prev := w;
  END LOOP;
  RETURN terms::tsvector;
END $$
"""


def _statements(function: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS funds_statementline_search_gin",
        "ALTER TABLE funds_statementline DROP COLUMN IF EXISTS search_vector",
        function,
        "ALTER TABLE funds_statementline ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (funds_search_vector(search_text)) STORED",
        "CREATE INDEX funds_statementline_search_gin ON funds_statementline USING gin (search_vector)",
        # The search reads the lexeme frequencies ANALYZE keeps (queries._lexeme_frequencies).
        "ALTER TABLE funds_statementline ALTER COLUMN search_vector SET STATISTICS 1000",
        "ANALYZE funds_statementline",
    ]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in _statements(POSTGRES_FUNCTION):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        previous = import_module("mattran.funds.migrations.0006_search_word_pairs")
        for sql in _statements(previous.POSTGRES_FUNCTION):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0009_statement_line_fk_indexes")]

    operations = [migrations.RunPython(forward, backward)]
