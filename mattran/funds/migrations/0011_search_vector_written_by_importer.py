"""Statement search (PostgreSQL): the importer writes each line's ``search_vector``; a trigger fills the rest.

Computing the vector in PL/pgSQL (``funds_search_vector()``) was a third of the server's work in a large
import — about 45 µs of one core per line, while the server's core is the one the statement reader does not
use. The importer now computes the same terms in Python (``funds.terms.vector_text``: a cache of each word's
terms, about 10 µs per line) and the database only reads the text of the vector (about 5 µs).

``search_vector`` stops being a generated column (``DROP EXPRESSION`` keeps its values: no rewrite). Every
other writer is still served: a row inserted without a vector (the ORM, ``COPY``, psql) gets it from
``funds_search_vector()`` in a BEFORE trigger, and so does a row whose ``search_text`` changes. The trigger
conditions are checked without calling a function, so a line the importer writes costs nothing more.
SQLite is not touched (its FTS5 tables have their own triggers).
"""

from importlib import import_module

from django.db import migrations

TABLE = "funds_statementline"

FORWARD = [
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector DROP EXPRESSION",
    """
CREATE OR REPLACE FUNCTION funds_statementline_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := funds_search_vector(NEW.search_text);
  RETURN NEW;
END $$
""",
    f"CREATE TRIGGER funds_statementline_search_vector_bi BEFORE INSERT ON {TABLE} FOR EACH ROW "
    "WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION funds_statementline_search_vector()",
    f"CREATE TRIGGER funds_statementline_search_vector_bu BEFORE UPDATE OF search_text ON {TABLE} "
    "FOR EACH ROW WHEN (NEW.search_text IS DISTINCT FROM OLD.search_text) "
    "EXECUTE FUNCTION funds_statementline_search_vector()",
]
BACKWARD_FIRST = [
    f"DROP TRIGGER IF EXISTS funds_statementline_search_vector_bi ON {TABLE}",
    f"DROP TRIGGER IF EXISTS funds_statementline_search_vector_bu ON {TABLE}",
    "DROP FUNCTION IF EXISTS funds_statementline_search_vector()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        previous = import_module("mattran.funds.migrations.0010_search_vector_fewer_terms")
        for sql in [*BACKWARD_FIRST, *previous._statements(previous.POSTGRES_FUNCTION)]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0010_search_vector_fewer_terms")]

    operations = [migrations.RunPython(forward, backward)]
