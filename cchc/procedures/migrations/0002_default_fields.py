from django.db import migrations

from cchc.procedures.default_fields import DEFAULT_FIELDS


def add_default_fields(apps, schema_editor):
    field_model = apps.get_model("procedures", "ProcedureField")
    for order, (code, name) in enumerate(DEFAULT_FIELDS, start=1):
        field_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]

    operations = [migrations.RunPython(add_default_fields, migrations.RunPython.noop)]
