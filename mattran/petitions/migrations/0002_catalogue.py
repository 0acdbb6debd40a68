"""The field catalogue and the deadline rules that ship as data (mattran/petitions/data/*.json)."""

from django.db import migrations


def load(apps, schema_editor):
    from mattran.petitions.catalogue import ensure

    ensure(apps.get_model("petitions", "Field"), apps.get_model("petitions", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
