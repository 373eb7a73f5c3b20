"""Fast writes: one-row INSERTs prepared once per model, and a large SQLite page cache for bulk imports.

`Model.save()` compiles its INSERT anew on every call, and on the public survey form that compilation costs more
than the INSERT itself. `RowInserter` builds the statement once and converts each value with the field's own
`pre_save` and `get_db_prep_save` (auto_now stamps, JSON, datetimes), so the row stored is the one `save()` would
store. Only for models without logic in `save()` (the project's rule for every model).
"""

import contextlib
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection, models

DEFAULT_BULK_CACHE_MB = 512


class RowInserter:
    """INSERT one instance of `model`, set its primary key from the database, mark it saved."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        self._statements: dict[str, str] = {}

    def _statement(self) -> str:
        """The statement for the current connection's database (SQLite and PostgreSQL quote alike, but cache both)."""
        vendor = connection.vendor
        if vendor not in self._statements:
            quote = connection.ops.quote_name
            columns = ", ".join(quote(field.column) for field in self.fields)
            marks = ", ".join(["%s"] * len(self.fields))
            table = quote(self.model._meta.db_table)
            primary_key = quote(self.model._meta.pk.column)
            self._statements[vendor] = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {primary_key}"  # noqa: S608
        return self._statements[vendor]

    def insert(self, instance: Any) -> Any:
        """Store `instance` as a new row (in the caller's transaction, if any) and return it with its key."""
        params = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(self._statement(), params)
            instance.pk = cursor.fetchone()[0]
        instance._state.adding = False
        instance._state.db = connection.alias
        return instance


@contextlib.contextmanager
def large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache of `CCHC_BULK_WRITE_CACHE_MB` (default 512 MiB) for this connection while inside.

    A bulk import writes into every index of a large table at scattered places; with the everyday cache most of
    those pages are read back from the file for each batch (measured on 1,000,000 dossiers: 277 s with 32 MiB,
    124 s with 1 GiB). The everyday size comes back on the way out, and the memory with it.
    """
    if connection.vendor != "sqlite":
        yield
        return
    size_kib = int(getattr(settings, "CCHC_BULK_WRITE_CACHE_MB", DEFAULT_BULK_CACHE_MB)) * 1024
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        everyday = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-size_kib}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {everyday}")
