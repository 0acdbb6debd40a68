from django.db import migrations, models

from mattran.core.text import natural_key
from mattran.org import search_index


def fill(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    batch = []
    for unit in Unit.objects.only("pk", "name").iterator(chunk_size=5000):
        unit.sort_name = natural_key(unit.name)
        batch.append(unit)
        if len(batch) >= 5000:
            Unit.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Unit.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0003_unit_search_short"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="sort_name",
            field=models.CharField(db_index=True, default="", editable=False, max_length=500),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        # The ALTER above rebuilt org_unit on SQLite, dropping the search triggers.
        migrations.RunPython(search_index.install_op, migrations.RunPython.noop),
    ]
