"""Compute the starter figures other modules keep (funds, meetings, committee members) instead of typing them,
and add the weekly situation indicators to BM-TUAN.

Only indicators still as shipped (entered, no query) are switched: one a user changed is left alone. Values
entered before the switch stay as they were (marked entered); a period is recomputed when its report is next
saved or submitted.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from mattran.reports.catalogue import computed_rows, load_catalogue

    Indicator = apps.get_model("reports", "Indicator")
    for code, key in computed_rows():
        Indicator.objects.filter(code=code, source="E", computed_key="").update(source="C", computed_key=key)
    load_catalogue(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_covering_indexes_and_unit_keys"),
        ("org", "0002_levels_and_search"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
