"""Load the starter catalogue of Front indicators and report forms (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from mattran.reports.catalogue import load_catalogue

    load_catalogue(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("org", "0002_levels_and_search"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
