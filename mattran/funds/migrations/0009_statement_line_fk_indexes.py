"""Statement lines: drop the single-column indexes of ``account_id`` and ``statement_id``.

Each is the leading column of a composite index already (``statement_line_unique_per_account`` and
``stmtline_account_date``; ``stmtline_statement``), which serves every look-up and the foreign-key checks
the single-column one served, while every index costs each imported line (docs/benchmarks.md).

The indexes are dropped by name, found through the database's catalogue: Django's ``AlterField`` would
rebuild the whole table on SQLite, and with it lose the search triggers of migration 0008.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "funds_statementline"
COLUMNS = ("account_id", "statement_id")


def _single_column_indexes(schema_editor) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, info in constraints.items()
        if info.get("index")
        and not info.get("unique")
        and not info.get("primary_key")
        and list(info.get("columns") or []) in ([c] for c in COLUMNS)
    ]


def forward(apps, schema_editor):
    for name in _single_column_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def backward(apps, schema_editor):
    for column in COLUMNS:
        name = schema_editor._create_index_name(TABLE, [column])
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} ON {TABLE} ({schema_editor.quote_name(column)})"
        )


class Migration(migrations.Migration):
    dependencies = [("funds", "0008_statement_pairs_table")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AlterField(
                    model_name="statementline",
                    name="account",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lines",
                        to="funds.bankaccount",
                    ),
                ),
                migrations.AlterField(
                    model_name="statementline",
                    name="statement",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lines",
                        to="funds.bankstatement",
                    ),
                ),
            ],
        )
    ]
