"""Field values before and after a change, in a form the audit trail can store and show."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import models

Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(item) for item in value)
    return str(value)


def model_snapshot(instance: models.Model, fields: list[str] | None = None) -> Snapshot:
    """The displayable value of each concrete field (foreign keys by their text), or of the named ones."""
    snapshot: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "search_text"}:
            continue
        value = getattr(instance, field.name)
        snapshot[str(field.verbose_name)] = _plain(value)
    return snapshot


def snapshot_diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    """Only the fields whose value changed, each as [before, after]."""
    keys = list(dict.fromkeys([*before, *after]))
    return {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}
