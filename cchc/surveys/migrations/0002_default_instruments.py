"""The three default instruments (Mẫu 1, Mẫu 2 of QĐ 3869/QĐ-BYT and the SIPAS-style form), as data."""

from typing import Any

from django.db import migrations

from cchc.surveys.default_instruments import defaults_create, defaults_delete


def create_defaults(apps: Any, schema_editor: Any) -> None:
    defaults_create(apps)


def delete_defaults(apps: Any, schema_editor: Any) -> None:
    defaults_delete(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, delete_defaults)]
