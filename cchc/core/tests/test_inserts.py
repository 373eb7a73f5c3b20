import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from cchc.core.inserts import RowInserter, indexes_built_after, large_page_cache
from cchc.core.models import AuditEvent, ScheduledRun

pytestmark = pytest.mark.django_db


def test_prepared_insert_stores_the_row_save_would_store() -> None:
    kind = ContentType.objects.get_for_model(ScheduledRun)
    fields = {"action": "demo", "content_type": kind, "object_id": "1", "changes": {"tên": ["cũ", "mới"]}}
    saved = AuditEvent(**fields, note="ghi chú")
    saved.save()
    inserted = RowInserter(AuditEvent).insert(AuditEvent(**fields, note="ghi chú"))
    assert inserted.pk is not None and inserted.pk != saved.pk and not inserted._state.adding
    stored = AuditEvent.objects.get(pk=inserted.pk)
    assert stored.changes == {"tên": ["cũ", "mới"]} and stored.note == "ghi chú"
    assert abs(stored.occurred_at - saved.occurred_at) < datetime.timedelta(seconds=5)


def test_prepared_insert_raises_the_databases_integrity_error_and_keeps_nothing() -> None:
    inserter = RowInserter(ScheduledRun)
    inserter.insert(ScheduledRun(job="job", last_run_at=timezone.now()))
    with pytest.raises(IntegrityError), transaction.atomic():
        inserter.insert(ScheduledRun(job="job", last_run_at=timezone.now()))
    assert ScheduledRun.objects.count() == 1


@override_settings(CCHC_BULK_WRITE_CACHE_MB=64)
def test_bulk_imports_get_a_large_sqlite_page_cache_and_give_it_back() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")

    def cache_size() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return int(cursor.fetchone()[0])

    everyday = cache_size()
    with pytest.raises(RuntimeError), large_page_cache():
        assert cache_size() == -64 * 1024
        raise RuntimeError
    assert cache_size() == everyday


def _event(object_id: str) -> AuditEvent:
    kind = ContentType.objects.get_for_model(ScheduledRun)
    return AuditEvent.objects.create(action="demo", content_type=kind, object_id=object_id)


def _index_definitions(table: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: (spec["columns"], spec["unique"]) for name, spec in constraints.items() if spec["index"]}


def test_bulk_indexes_are_dropped_while_rows_pour_in_and_built_again_the_same() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its indexes (DROP INDEX would lock readers out)")
    table = AuditEvent._meta.db_table
    before = _index_definitions(table)
    assert any(not unique for _columns, unique in before.values())
    with transaction.atomic(), indexes_built_after(AuditEvent):
        inside = _index_definitions(table)
        assert inside == {name: spec for name, spec in before.items() if spec[1]}  # unique ones stay
        _event("1")
    assert _index_definitions(table) == before and AuditEvent.objects.filter(action="demo").count() == 1


def test_bulk_indexes_come_back_with_a_rollback() -> None:
    table = AuditEvent._meta.db_table
    before = _index_definitions(table)
    with transaction.atomic(), indexes_built_after(AuditEvent):
        _event("1")
        transaction.set_rollback(True)
    assert _index_definitions(table) == before and not AuditEvent.objects.filter(action="demo").exists()
    with pytest.raises(ZeroDivisionError), transaction.atomic(), indexes_built_after(AuditEvent):
        _event("2")
        _ = 1 / 0
    assert _index_definitions(table) == before and not AuditEvent.objects.filter(action="demo").exists()


@pytest.mark.django_db(transaction=True)
def test_bulk_indexes_need_a_transaction() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite matter")
    with pytest.raises(RuntimeError, match="transaction"), indexes_built_after(AuditEvent):
        pass
