"""Seed the levels and build the unit name search index for the database in use."""

from django.db import migrations

from mattran.org import search_index
from mattran.org.levels import ensure_levels


def seed_levels(apps, schema_editor):
    ensure_levels(apps.get_model("org", "Level"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
        migrations.RunPython(search_index.install_op, search_index.remove_op),
    ]
