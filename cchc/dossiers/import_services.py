"""Writing dossiers from one-stop system exports and from the REST endpoint: streamed, batched, idempotent.

One code path for files and API requests, in two stages:

- checking (`_Importer.checked`): each row is checked (`imports.parse_record`); the records' values are gathered
  in batches of plain tuples, the problems in the log;
- writing (`_Importer.write`): each batch is compared with the dossiers already stored under the same codes and
  only new or changed ones are written, so importing a file twice changes nothing.

For a big file the checking runs in a forked child process (`cchc.core.pipelines.forked_stream`) while this
process writes: on two cores a million-row import takes about as long as its writes alone.

- "All or nothing": the whole run is one transaction; after the first bad row nothing more is written and the
  transaction is rolled back at the end, while the rest of the file is still read so every problem is listed.
- "Keep the good rows": each batch is its own transaction; bad rows are skipped and listed.

Rows are checked field by field here instead of through `full_clean()` on each instance (which would cost
more than the whole write): every column is validated against the model's limits and choices in `imports.py`.
One audit row is written per run, not per dossier.
"""

import contextlib
import datetime
import logging
import operator
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.inserts import indexes_built_after, large_page_cache
from cchc.core.pipelines import ForkedStreamError, forked_stream
from cchc.core.services import audit_record
from cchc.org.choices import Role

from .choices import DossierSource
from .imports import DossierRecord, ImportFileInvalid, Lookups, ProblemLog, RowStream, file_rows, parse_record
from .models import Dossier
from .models.statistics import IMPORTERS, ImportMode, ImportRun, ImportStatus

logger = logging.getLogger(__name__)

BATCH_SIZE = 5000
# The fields an import sets; a stored dossier whose values all equal the row's is left untouched.
COMPARED_FIELDS = (
    "procedure_id",
    "procedure_version_id",
    "receiving_unit_id",
    "handling_unit_id",
    "applicant_name",
    "applicant_phone",
    "channel",
    "status",
    "received_at",
    "time_limit_days",
    "due_at",
    "finished_at",
    "timeliness",
    "returned_at",
    "fee_amount",
    "paid_online",
    "digitized_input",
    "digitized_result",
    "electronic_result",
    "reused_data",
    "search_text",
)
RECORD_FIELDS = ("code", *COMPARED_FIELDS)
record_values = operator.attrgetter(*RECORD_FIELDS)
RECEIVED_AT = RECORD_FIELDS.index("received_at")
SHOWN_PROBLEMS = 200
# An all-or-nothing import expected to add at least this many dossiers, and no fewer than are stored, builds the
# dossier indexes after its rows (`cchc.core.inserts.indexes_built_after`).
INDEXES_AFTER_MIN_ROWS = 50_000


@dataclass
class ImportOutcome:
    """What a run read and wrote; `earliest` is the first reception moment whose statistics changed."""

    log: ProblemLog = field(default_factory=ProblemLog)
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    earliest: datetime.datetime | None = None

    @property
    def bad_rows(self) -> int:
        return self.log.bad_rows

    def touch(self, moment: datetime.datetime) -> None:
        if self.earliest is None or moment < self.earliest:
            self.earliest = moment


class CheckedBatch(NamedTuple):
    """The values of good records (`RECORD_FIELDS`, with their row numbers in the file) and how many rows were read
    for them: tuples, which pickle fast when the checking runs in a child process."""

    read: int
    numbers: list[int]
    records: list[tuple[Any, ...]]

    def record(self, index: int) -> DossierRecord:
        return DossierRecord(row=self.numbers[index], **dict(zip(RECORD_FIELDS, self.records[index], strict=True)))


def importable_unit_ids(user: Any) -> frozenset[int] | None:
    """Units whose dossiers `user` may import: None for all (the office, administrators), else their own units."""
    if user.has_any_role(IMPORTERS):
        return None
    if user.has_any_role(frozenset({Role.ONE_STOP_OFFICER})):
        return frozenset(user.scope_unit_ids())
    return frozenset()


def _plain(value: Any) -> Any:
    """A choice's default as a plain string (database drivers need not know Django's enum types)."""
    return str(value) if isinstance(value, str) else value


class _Inserter:
    """New dossiers written with one prepared INSERT run for every row (`executemany`: in C on SQLite, pipelined
    on PostgreSQL, where it is 3.5 times faster than multi-row VALUES of 500 rows); the ORM's bulk_create costs
    more than the rest of the import together.

    A row holds the record's values first (moments in the database's form), then the appointment, then the
    columns the import does not set, with their model default computed once."""

    def __init__(self, *, source: str) -> None:
        self.vendor = connection.vendor
        fields = {field.attname: field for field in Dossier._meta.concrete_fields if not field.primary_key}
        own = [*RECORD_FIELDS, "appointment_at"]
        self.names = [*own, *(name for name in fields if name not in own)]
        self.columns = [fields[name].column for name in self.names]
        self.defaults = {
            name: _plain(fields[name].get_db_prep_save(fields[name].get_default(), connection))
            for name in self.names[len(own) :]
            if name not in ("created_at", "updated_at", "source")
        }
        now = self._moment(timezone.now())
        given = {**self.defaults, "source": source, "created_at": now, "updated_at": now}
        self.constants = [given[name] for name in self.names[len(own) :]]
        self.moment_positions = [
            index
            for index, name in enumerate(RECORD_FIELDS)
            if isinstance(fields[name], models.DateTimeField) and self.vendor == "sqlite"
        ]
        self.due_position = RECORD_FIELDS.index("due_at")
        names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        table = connection.ops.quote_name(Dossier._meta.db_table)
        self.sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(self.columns))})"  # noqa: S608

    def _moment(self, value: datetime.datetime | None) -> Any:
        """SQLite stores naive UTC text, as Django writes it; PostgreSQL takes the aware datetime."""
        if value is None or self.vendor != "sqlite":
            return value
        return str(value.astimezone(datetime.UTC).replace(tzinfo=None))

    def row(self, values: tuple[Any, ...]) -> list[Any]:
        row = list(values)
        for index in self.moment_positions:
            row[index] = self._moment(row[index])
        row.append(row[self.due_position])  # the appointment is the due moment until an apology moves it
        row.extend(self.constants)
        return row

    def insert(self, rows: list[list[Any]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)


def _stored_codes(codes: list[str]) -> list[str]:
    """Which of `codes` are stored already: one plain query, as the ORM's IN lookup of 5,000 values costs more
    per row than the INSERT that usually follows (every value goes through the field's conversions)."""
    quote = connection.ops.quote_name
    table, column = quote(Dossier._meta.db_table), quote(Dossier._meta.get_field("code").column)
    marks = ", ".join(["%s"] * len(codes))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", codes)  # noqa: S608 - names
        return [code for (code,) in cursor.fetchall()]


class _Importer:
    """One pass over a stream of rows (see the module for the two stages and the two modes)."""

    def __init__(
        self,
        *,
        lookups: Lookups,
        mode: str,
        source: str,
        check_only: bool,
        batch_size: int,
        on_progress: Callable[[int], None] | None,
        log: ProblemLog,
    ) -> None:
        self.lookups = lookups
        self.mode = mode
        self.check_only = check_only
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.outcome = ImportOutcome(log=log)
        self.inserter = _Inserter(source=source)

    @property
    def writing(self) -> bool:
        """Whether batches are still written (not in a check, nor after a bad row in all-or-nothing mode)."""
        if self.check_only:
            return False
        return self.mode == ImportMode.KEEP_GOOD or self.outcome.bad_rows == 0

    def run(self, rows: RowStream, *, in_child: bool) -> ImportOutcome:
        for batch in self.checked_in_child(rows) if in_child else self.checked(rows):
            self.outcome.total += batch.read
            self.write(batch)
        return self.outcome

    def checked(self, rows: RowStream) -> Iterator[CheckedBatch]:
        """The good rows in batches; every problem goes to the log (no database access: may run in a child)."""
        log, lookups = self.outcome.log, self.lookups
        seen: set[str] = set()
        read, numbers, batch = 0, [], []
        for number, values in rows:
            read += 1
            before = log.count
            record = parse_record(number, values, lookups, log)
            if record is not None and record.code in seen:
                log.add(
                    number, "code", _("mã hồ sơ “%(code)s” đã có ở một dòng trước trong tệp.") % {"code": record.code}
                )
                record = None
            if record is None:
                log.bad_rows += 1 if log.count > before else 0
                continue
            seen.add(record.code)
            numbers.append(number)
            batch.append(record_values(record))
            if len(batch) >= self.batch_size:
                yield CheckedBatch(read, numbers, batch)
                read, numbers, batch = 0, [], []
        yield CheckedBatch(read, numbers, batch)

    def checked_in_child(self, rows: RowStream) -> Iterator[CheckedBatch]:
        """`checked` run in a forked child; the problems it finds are merged into this log batch by batch."""
        log = self.outcome.log
        self.lookups.calendar  # noqa: B018 - read now: the child must not query the database

        def produce() -> Iterator[tuple[CheckedBatch, Any]]:
            mark = log.mark()  # in the child: its copy of the log, as it was at the fork
            for batch in self.checked(rows):
                yield batch, log.since(mark)
                mark = log.mark()

        for batch, found in forked_stream(produce):
            log.merge(found)
            yield batch

    def write(self, batch: CheckedBatch) -> None:
        if not batch.records:
            return
        stored = _stored_codes([values[0] for values in batch.records])
        existing = (
            {
                dossier.code: dossier
                for dossier in Dossier.objects.filter(code__in=stored).only(
                    "code", "source", "appointment_at", *COMPARED_FIELDS
                )
            }
            if stored
            else {}
        )
        new, changed = self._sort(batch, existing) if existing else (batch.records, [])
        if new:
            self.outcome.touch(min(values[RECEIVED_AT] for values in new))
        if self.writing:
            with transaction.atomic():
                if new:
                    self.inserter.insert([self.inserter.row(values) for values in new])
                if changed:
                    Dossier.objects.bulk_update(
                        changed, [*COMPARED_FIELDS, "appointment_at", "updated_at"], batch_size=500
                    )
        self.outcome.created += len(new)
        self.outcome.updated += len(changed)
        if self.on_progress is not None:
            self.on_progress(self.outcome.total)

    def _sort(self, batch: CheckedBatch, existing: dict[str, Dossier]) -> tuple[list[tuple[Any, ...]], list[Dossier]]:
        """The batch's new records, and the stored dossiers the others change (refused ones are logged)."""
        new: list[tuple[Any, ...]] = []
        changed: list[Dossier] = []
        for index, values in enumerate(batch.records):
            stored = existing.get(values[0])
            if stored is None:
                new.append(values)
                continue
            record = batch.record(index)
            if self._refused(record, stored):
                continue
            if self._apply(record, stored):
                changed.append(stored)
            else:
                self.outcome.unchanged += 1
        return new, changed

    def _refused(self, record: DossierRecord, stored: Dossier) -> bool:
        """A stored dossier the row may not overwrite: received on this system, or of a unit out of reach."""
        log = self.outcome.log
        allowed = self.lookups.allowed_unit_ids
        if stored.source == DossierSource.DESK:
            log.add(
                record.row,
                "code",
                _("hồ sơ “%(code)s” được tiếp nhận trên hệ thống này; không ghi đè.") % {"code": record.code},
            )
        elif allowed is not None and stored.receiving_unit_id not in allowed and stored.handling_unit_id not in allowed:
            log.add(record.row, "code", _("hồ sơ “%(code)s” thuộc đơn vị bạn không có quyền.") % {"code": record.code})
        else:
            return False
        log.bad_rows += 1
        return True

    def _apply(self, record: DossierRecord, stored: Dossier) -> bool:
        """Copy the row's values onto the stored dossier; False when nothing differs."""
        differing = [name for name in COMPARED_FIELDS if getattr(stored, name) != getattr(record, name)]
        if not differing:
            return False
        self.outcome.touch(min(stored.received_at, record.received_at))
        if stored.appointment_at == stored.due_at:
            stored.appointment_at = record.due_at
        for name in differing:
            setattr(stored, name, getattr(record, name))
        stored.updated_at = timezone.now()
        return True


def dossier_rows_import(
    *,
    actor: Any,
    rows: RowStream,
    mode: str,
    source: str = DossierSource.IMPORT,
    check_only: bool = False,
    allowed_unit_ids: frozenset[int] | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
    log: ProblemLog | None = None,
    check_in_child: bool = False,
    expected_new_rows: int | None = None,
) -> ImportOutcome:
    """Check (and unless `check_only`, write) a stream of rows; see the module for the modes.

    With `check_in_child` the rows are checked in a forked child process (for big files: the stream must not
    need this process's database connection, which a file reader never does). `expected_new_rows`, the new
    dossiers the check predicted, lets a big all-or-nothing import build the indexes after its rows.
    The statistics of the days touched are rebuilt after the commit (a background job).
    """
    importer = _Importer(
        lookups=Lookups(allowed_unit_ids=allowed_unit_ids),
        mode=mode,
        source=source,
        check_only=check_only,
        batch_size=batch_size,
        on_progress=on_progress,
        log=log or ProblemLog(),
    )
    if check_only or mode == ImportMode.KEEP_GOOD:
        with large_page_cache():
            outcome = importer.run(rows, in_child=check_in_child)
        outcome.written = not check_only and outcome.created + outcome.updated > 0
    else:
        with large_page_cache(), transaction.atomic(), _indexes_after(expected_new_rows):
            outcome = importer.run(rows, in_child=check_in_child)
            outcome.written = outcome.bad_rows == 0
            if not outcome.written:
                transaction.set_rollback(True)  # before the indexes' turn: a refused import does not build them
    if outcome.written and outcome.earliest is not None:
        _stats_after_commit(outcome.earliest)
    return outcome


def _indexes_after(expected_new_rows: int | None) -> contextlib.AbstractContextManager[None]:
    """Indexes built after the rows when many more are coming than are stored (SQLite only, see the helper)."""
    if connection.vendor != "sqlite" or (expected_new_rows or 0) < INDEXES_AFTER_MIN_ROWS:
        return contextlib.nullcontext()
    if Dossier.objects.count() > (expected_new_rows or 0):
        return contextlib.nullcontext()
    return indexes_built_after(Dossier)


def _stats_after_commit(earliest: datetime.datetime) -> None:
    from .stat_tasks import dossier_stats_rebuild_task

    day = timezone.localtime(earliest).date().isoformat()
    transaction.on_commit(lambda: dossier_stats_rebuild_task.enqueue(since=day))


# ---- Import runs (the page and the API) ----


def _run_audit(*, actor: Any, run: ImportRun, outcome: ImportOutcome) -> None:
    audit_record(
        actor=actor,
        action="dossier_import",
        instance=run,
        changes={
            "mode": run.mode,
            "rows": outcome.total,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "bad_rows": outcome.bad_rows,
            "written": outcome.written,
        },
        note=run.file_name,
    )


def _store_outcome(run: ImportRun, outcome: ImportOutcome) -> None:
    run.total_rows = outcome.total
    run.processed_rows = outcome.total
    run.bad_rows = outcome.bad_rows
    run.problem_count = outcome.log.count
    run.problems = outcome.log.as_json()
    run.created_count = outcome.created
    run.updated_count = outcome.updated
    run.unchanged_count = outcome.unchanged


def import_run_create(*, actor: Any, upload: UploadedFile, kind: str) -> ImportRun:
    """Keep an uploaded file for checking; the check runs inline for a small file, as a job for a big one."""
    from .stat_tasks import dossier_import_check_task

    with transaction.atomic():
        run = ImportRun(created_by=actor, file_name=(upload.name or "")[:255], file_kind=kind)
        run.file.save(f"{timezone.now():%Y%m%d%H%M%S}-{kind}.{kind}", upload, save=False)
        run.full_clean()
        run.save()
        if _is_big(upload.size or 0):
            run.status = ImportStatus.CHECKING
            run.save(update_fields=["status"])
            transaction.on_commit(lambda: dossier_import_check_task.enqueue(run_id=run.pk))
    if run.status == ImportStatus.UPLOADED:
        import_run_check(run_id=run.pk)
        run.refresh_from_db()
    return run


def _is_big(size: int) -> bool:
    return size > settings.CCHC_DOSSIER_IMPORT_INLINE_BYTES


def _read_file(run: ImportRun, **options: Any) -> ImportOutcome | None:
    """Run the rows of the run's file through the importer; None (and the run FAILED) when it cannot be read.

    A big file (read by a background job) is checked in a child process while this one writes."""
    log = ProblemLog()
    with run.file.open("rb") as stream:
        try:
            rows = file_rows(stream, run.file_kind, log)
        except ImportFileInvalid as invalid:
            run.status = ImportStatus.FAILED
            run.message = invalid.message
            run.finished_at = timezone.now()
            return None
        in_child = _is_big(run.file.size) and (os.cpu_count() or 1) > 1
        try:
            return dossier_rows_import(actor=run.created_by, rows=rows, log=log, check_in_child=in_child, **options)
        except ForkedStreamError:
            logger.exception("dossier import run %s: the process checking the rows failed", run.pk)
            _stopped_midway(run)
            return None


def _stopped_midway(run: ImportRun) -> None:
    """The run FAILED with a message saying what was kept (idempotence makes importing the file again safe)."""
    if run.status == ImportStatus.RUNNING and run.mode == ImportMode.KEEP_GOOD:
        done = ImportRun.objects.values_list("processed_rows", flat=True).get(pk=run.pk)
        kept = _("Các dòng đúng trong %(done)s dòng đầu đã được ghi.") % {"done": done}
    else:
        kept = _("Chưa ghi dòng nào.")
    run.status = ImportStatus.FAILED
    run.message = " ".join(
        [
            _("Việc kiểm tra các dòng của tệp dừng giữa chừng do lỗi hệ thống (đã ghi nhật ký cho quản trị)."),
            kept,
            _("Có thể nhập lại cả tệp: hồ sơ đã ghi không bị ghi lặp."),
        ]
    )
    run.finished_at = timezone.now()


def import_run_check(*, run_id: int) -> ImportRun:
    """Read the whole file without writing: count rows, list problems, predict new/changed/unchanged."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKING):
        return run
    outcome = _read_file(run, mode=ImportMode.KEEP_GOOD, check_only=True)
    if outcome is not None:
        _store_outcome(run, outcome)
        run.status = ImportStatus.CHECKED
    run.save()
    return run


def import_run_start(*, actor: Any, run: ImportRun, mode: str) -> ImportRun:
    """The user's choice of mode after the check; a big file is written by a job, a small one right away."""
    from .stat_tasks import dossier_import_perform_task

    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportStatus.CHECKED:
            raise ValidationError(_("Lần nhập này không còn ở bước chọn cách nhập."))
        locked.mode = mode
        locked.status = ImportStatus.RUNNING
        locked.processed_rows = 0
        locked.full_clean()
        locked.save()
        big = _is_big(locked.file.size if locked.file else 0)
        if big:
            transaction.on_commit(lambda: dossier_import_perform_task.enqueue(run_id=locked.pk))
    if not big:
        import_run_perform(run_id=locked.pk)
        locked.refresh_from_db()
    return locked


def import_run_cancel(*, actor: Any, run: ImportRun) -> ImportRun:
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != ImportStatus.CHECKED:
            raise ValidationError(_("Chỉ hủy được lần nhập đang chờ chọn cách nhập."))
        locked.status = ImportStatus.CANCELLED
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
        audit_record(actor=actor, action="dossier_import_cancel", instance=locked, note=locked.file_name)
    return locked


def import_run_perform(*, run_id: int) -> ImportRun:
    """Write the file of a run in its chosen mode (safe to run twice: only a RUNNING run is performed)."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportStatus.RUNNING:
        return run
    outcome = _read_file(
        run,
        mode=run.mode,
        on_progress=lambda done: ImportRun.objects.filter(pk=run_id).update(processed_rows=done),
        expected_new_rows=run.created_count,
    )
    if outcome is None:
        outcome = ImportOutcome()
    else:
        _store_outcome(run, outcome)
        run.status = ImportStatus.DONE if outcome.written or outcome.bad_rows == 0 else ImportStatus.REFUSED
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        _run_audit(actor=run.created_by, run=run, outcome=outcome)
    return run


def dossier_records_upsert(
    *, actor: Any, records: Iterable[dict[str, Any]], allowed_unit_ids: frozenset[int] | None
) -> tuple[ImportRun, ImportOutcome]:
    """The REST endpoint's bulk upsert: the same checks and writes as a file, all or nothing per request."""
    rows = ((number, dict(values)) for number, values in enumerate(records, start=1))
    outcome = dossier_rows_import(
        actor=actor,
        rows=rows,
        mode=ImportMode.ALL_OR_NOTHING,
        source=DossierSource.API,
        allowed_unit_ids=allowed_unit_ids,
    )
    with transaction.atomic():
        run = ImportRun(
            created_by=actor,
            file_kind="api",
            mode=ImportMode.ALL_OR_NOTHING,
            status=ImportStatus.DONE if outcome.written else ImportStatus.REFUSED,
            finished_at=timezone.now(),
        )
        _store_outcome(run, outcome)
        run.full_clean()
        run.save()
        _run_audit(actor=actor, run=run, outcome=outcome)
    return run, outcome
