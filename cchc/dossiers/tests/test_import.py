"""Import of one-stop system exports: checks, the two modes, idempotency, streaming.

The behaviour tests run twice: with the rows checked in this process (small files, the API) and in a forked
child process (big files): both must find the same problems and write the same rows."""

import datetime
import io
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from openpyxl import Workbook

from cchc.core.inserts import indexes_built_after
from cchc.core.models import AuditEvent
from cchc.dossiers.choices import DossierSource, DossierStatus, Timeliness
from cchc.dossiers.import_services import dossier_rows_import
from cchc.dossiers.imports import IMPORT_COLUMNS, ImportFileInvalid, ProblemLog, csv_rows, xlsx_rows
from cchc.dossiers.models import Dossier
from cchc.dossiers.models.statistics import ImportMode
from cchc.procedures.models import Procedure
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

from .stat_factories import HEADER, csv_bytes, dossier_make, export_row, moment


@pytest.fixture
def procedure(org: Org) -> Procedure:
    return procedure_for_tests(resolving_unit=org.medical, time_limit_days=5)


@pytest.fixture(params=[False, True], ids=["checked-here", "checked-in-child"])
def in_child(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def run_csv(content: bytes, mode: str = ImportMode.ALL_OR_NOTHING, **options: Any) -> Any:
    log = ProblemLog()
    return dossier_rows_import(actor=None, rows=csv_rows(io.BytesIO(content), log), mode=mode, log=log, **options)


def test_csv_row_becomes_a_dossier_with_due_moment_and_timeliness_computed(
    procedure: Procedure, org: Org, in_child: bool
) -> None:
    content = csv_bytes(
        [
            export_row("MC-250303-0001", **{"Ngày tiếp nhận": "03/03/2025 09:00"}),
            export_row(
                "MC-250303-0002",
                **{
                    "Ngày tiếp nhận": "03/03/2025 16:00",
                    "Ngày có kết quả": "11/03/2025 16:30",
                    "Trạng thái": "Đã trả kết quả",
                    "Ngày trả": "12/03/2025 08:00",
                    "Hình thức nộp": "Trực tuyến",
                    "Kết quả điện tử": "Có",
                },
            ),
        ]
    )
    outcome = run_csv(content, check_in_child=in_child)
    assert (outcome.created, outcome.bad_rows, outcome.written) == (2, 0, True)
    first = Dossier.objects.get(code="MC-250303-0001")
    # Monday 09:00 counts from Monday: 5 working days → Monday 10/03 at 17:00.
    assert first.due_at == moment("10/03/2025", "17:00")
    assert (first.handling_unit, first.receiving_unit, first.source) == (
        org.medical,
        org.one_stop,
        DossierSource.IMPORT,
    )
    assert first.status == DossierStatus.IN_PROCESS and first.timeliness == ""
    second = Dossier.objects.get(code="MC-250303-0002")
    # After the 15:00 cut-off it counts from Tuesday → due Tuesday 11/03 17:00; finished 16:30 that day: on time.
    assert second.due_at == moment("11/03/2025", "17:00")
    assert second.timeliness == Timeliness.ON_TIME
    assert second.channel == "online" and second.electronic_result and second.status == DossierStatus.RETURNED


def test_bom_and_semicolons_are_read(procedure: Procedure) -> None:
    content = csv_bytes([export_row("A-1"), export_row("A-2")], delimiter=";", bom=True)
    assert run_csv(content).created == 2


def test_file_not_in_utf8_is_refused_with_a_clear_message(procedure: Procedure) -> None:
    content = csv_bytes([export_row("A-1")]).decode().encode("cp1258", errors="replace")
    with pytest.raises(ImportFileInvalid, match="UTF-8"):
        csv_rows(io.BytesIO(content), ProblemLog())


def test_missing_column_names_the_column(procedure: Procedure) -> None:
    header = [name for name in HEADER if name != "Mã thủ tục"]
    with pytest.raises(ImportFileInvalid, match="Mã thủ tục"):
        csv_rows(io.BytesIO(csv_bytes([], header=header)), ProblemLog())


def _bad_rows() -> list[list[str]]:
    return [
        export_row("OK-1"),
        export_row("BAD-DATE", **{"Ngày tiếp nhận": "31/02/2025"}),
        export_row("BAD-PROC", procedure="9.999999.H38"),
        export_row("BAD-UNIT", desk="KHONGCO"),
        export_row("OK-1"),
        export_row("OK-2"),
    ]


def _bad_file() -> bytes:
    return csv_bytes(_bad_rows())


def test_every_bad_row_is_reported_with_row_column_and_reason(procedure: Procedure, in_child: bool) -> None:
    outcome = run_csv(_bad_file(), check_in_child=in_child)
    messages = outcome.log.messages()
    assert outcome.bad_rows == 4
    assert any("Dòng 3, cột H (Ngày tiếp nhận)" in text and "31/02/2025" in text for text in messages)
    assert any("Dòng 4, cột B (Mã thủ tục)" in text and "9.999999.H38" in text for text in messages)
    assert any("Dòng 5, cột C (Nơi tiếp nhận)" in text and "KHONGCO" in text for text in messages)
    assert any("Dòng 6, cột A (Mã hồ sơ)" in text and "đã có ở một dòng trước" in text for text in messages)


def test_all_or_nothing_writes_nothing_when_a_row_is_bad(procedure: Procedure, in_child: bool) -> None:
    outcome = run_csv(_bad_file(), ImportMode.ALL_OR_NOTHING, batch_size=1, check_in_child=in_child)
    assert outcome.written is False
    assert not Dossier.objects.exists()


def test_keep_good_rows_writes_the_good_ones_and_lists_the_bad(procedure: Procedure, in_child: bool) -> None:
    outcome = run_csv(_bad_file(), ImportMode.KEEP_GOOD, check_in_child=in_child)
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["OK-1", "OK-2"]
    assert outcome.bad_rows == 4 and outcome.created == 2


def test_importing_the_same_file_twice_changes_nothing(procedure: Procedure, in_child: bool) -> None:
    content = csv_bytes([export_row(f"T-{number}") for number in range(5)])
    run_csv(content, check_in_child=in_child)
    stamps = dict(Dossier.objects.values_list("code", "updated_at"))
    again = run_csv(content, check_in_child=in_child)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert dict(Dossier.objects.values_list("code", "updated_at")) == stamps


def test_a_changed_row_updates_that_dossier_only(procedure: Procedure, in_child: bool) -> None:
    run_csv(csv_bytes([export_row("C-1"), export_row("C-2")]), check_in_child=in_child)
    changed = export_row(
        "C-2", **{"Trạng thái": "Có kết quả", "Ngày có kết quả": "20/01/2025 10:00", "Số hóa kết quả": "Có"}
    )
    outcome = run_csv(csv_bytes([export_row("C-1"), changed]), check_in_child=in_child)
    assert (outcome.updated, outcome.unchanged) == (1, 1)
    dossier = Dossier.objects.get(code="C-2")
    assert dossier.status == DossierStatus.RESULT_READY and dossier.digitized_result
    assert dossier.timeliness == Timeliness.LATE  # due 13/01/2025 17:00


def _received_at_the_desk(code: str, procedure: Procedure, org: Org) -> None:
    desk = dossier_make(
        code=code, procedure=procedure, desk=org.one_stop, received_at=moment("06/01/2025"), due_at=moment("13/01/2025")
    )
    Dossier.objects.filter(pk=desk.pk).update(source=DossierSource.DESK)


def test_a_dossier_received_at_the_desk_is_not_overwritten(procedure: Procedure, org: Org, in_child: bool) -> None:
    _received_at_the_desk("D-1", procedure, org)
    outcome = run_csv(
        csv_bytes([export_row("D-1", **{"Người nộp": "Khác"})]), ImportMode.KEEP_GOOD, check_in_child=in_child
    )
    assert outcome.bad_rows == 1 and "tiếp nhận trên hệ thống này" in outcome.log.messages()[0]
    assert Dossier.objects.get(code="D-1").applicant_name == "Nguyễn Văn A"


def test_a_child_process_finds_the_same_problems_in_the_same_order_across_batches(
    procedure: Procedure, org: Org
) -> None:
    """Problems found in the child (checks) and here (a stored desk dossier) interleave as in one process."""
    _received_at_the_desk("D-9", procedure, org)
    content = csv_bytes([*_bad_rows(), export_row("D-9"), export_row("OK-3")])
    outcomes = {}
    for in_child in (False, True):
        outcomes[in_child] = run_csv(content, ImportMode.KEEP_GOOD, batch_size=2, check_in_child=in_child)
        assert Dossier.objects.filter(code__startswith="OK-").count() == 3
        Dossier.objects.filter(code__startswith="OK-").delete()
    here, child = outcomes[False], outcomes[True]
    assert child.log.messages() == here.log.messages() and len(here.log.messages()) == 5
    assert (child.total, child.created, child.bad_rows, child.earliest) == (
        here.total,
        here.created,
        here.bad_rows,
        here.earliest,
    )


def test_a_failure_while_checking_in_the_child_writes_nothing(procedure: Procedure, monkeypatch: Any) -> None:
    from cchc.core.pipelines import ForkedStreamError
    from cchc.dossiers import import_services

    checked = import_services.parse_record

    def failing(number: int, *args: Any) -> Any:
        if number == 4:
            raise RuntimeError("lỗi kiểm tra giả lập")
        return checked(number, *args)

    monkeypatch.setattr(import_services, "parse_record", failing)
    content = csv_bytes([export_row(f"F-{number}") for number in range(5)])
    with pytest.raises(ForkedStreamError, match="lỗi kiểm tra giả lập"):
        run_csv(content, batch_size=1, check_in_child=True)
    assert not Dossier.objects.exists()


def _dossier_indexes() -> dict[str, Any]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Dossier._meta.db_table)
    return {name: spec["columns"] for name, spec in constraints.items() if spec["index"]}


@pytest.fixture
def indexes_after(monkeypatch: Any) -> list[object]:
    """Big-import thresholds lowered to a few rows; the models whose indexes were built after the rows."""
    from cchc.dossiers import import_services

    built: list[object] = []

    def spied(model: Any) -> Any:
        built.append(model)
        return indexes_built_after(model)

    monkeypatch.setattr(import_services, "INDEXES_AFTER_MIN_ROWS", 2)
    monkeypatch.setattr(import_services, "indexes_built_after", spied)
    return built


def test_a_big_all_or_nothing_import_builds_the_indexes_after_its_rows(
    procedure: Procedure, indexes_after: list[object], in_child: bool
) -> None:
    before = _dossier_indexes()
    content = csv_bytes([export_row(f"I-{number}") for number in range(3)])
    outcome = run_csv(content, expected_new_rows=3, check_in_child=in_child)
    assert outcome.created == 3 and Dossier.objects.filter(code__startswith="I-").count() == 3
    assert indexes_after == ([Dossier] if connection.vendor == "sqlite" else [])
    assert _dossier_indexes() == before


def test_a_refused_big_import_leaves_the_table_and_its_indexes_as_they_were(
    procedure: Procedure, indexes_after: list[object]
) -> None:
    before = _dossier_indexes()
    outcome = run_csv(_bad_file(), expected_new_rows=6)
    assert outcome.written is False and not Dossier.objects.exists()
    assert _dossier_indexes() == before


def test_indexes_are_kept_when_fewer_rows_come_than_are_stored(
    procedure: Procedure, indexes_after: list[object]
) -> None:
    run_csv(csv_bytes([export_row(f"K-{number}") for number in range(3)]))
    outcome = run_csv(csv_bytes([export_row("K-9"), export_row("K-10")]), expected_new_rows=2)
    assert outcome.created == 2 and indexes_after == []


def test_inconsistent_dates_and_status_are_refused(procedure: Procedure, in_child: bool) -> None:
    rows = [
        export_row("X-1", **{"Trạng thái": "Đã trả kết quả"}),
        export_row("X-2", **{"Ngày có kết quả": "01/01/2025", "Trạng thái": "Có kết quả"}),
        export_row("X-3", **{"Hình thức nộp": "Fax"}),
        export_row("X-4", **{"Số hóa đầu vào": "Chưa rõ"}),
    ]
    outcome = run_csv(csv_bytes(rows), ImportMode.KEEP_GOOD, check_in_child=in_child)
    text = " ".join(outcome.log.messages())
    assert outcome.bad_rows == 4
    assert "phải có ngày có kết quả" in text and "trước ngày tiếp nhận" in text and "Fax" in text and "Chưa rõ" in text


def test_xlsx_export_is_read_row_by_row(procedure: Procedure, in_child: bool) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    row: list[Any] = export_row("X-1")
    row[7] = datetime.datetime(2025, 3, 3, 9, 0)
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    log = ProblemLog()
    buffer.seek(0)
    outcome = dossier_rows_import(
        actor=None, rows=xlsx_rows(buffer, log), mode=ImportMode.ALL_OR_NOTHING, log=log, check_in_child=in_child
    )
    assert outcome.created == 1
    assert Dossier.objects.get().due_at == moment("10/03/2025", "17:00")


def test_an_import_writes_one_audit_row_per_run_not_per_dossier(procedure: Procedure, org: Org, tmp_path: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cchc.dossiers.import_services import import_run_create, import_run_start

    upload = SimpleUploadedFile("ho-so.csv", csv_bytes([export_row(f"R-{n}") for n in range(3)]), "text/csv")
    run = import_run_create(actor=org.office_focal, upload=upload, kind="csv")
    run = import_run_start(actor=org.office_focal, run=run, mode=ImportMode.ALL_OR_NOTHING)
    assert run.created_count == 3 and Dossier.objects.count() == 3
    assert AuditEvent.objects.filter(action="dossier_import").count() == 1


ROWS = 8_000


def _generated(count: int, prefix: str = "S") -> Iterator[tuple[int, dict[str, Any]]]:
    keys = [column.key for column in IMPORT_COLUMNS]
    for number in range(count):
        values = dict(zip(keys, export_row(f"{prefix}-{number:06d}"), strict=True))
        yield number + 2, values


def _import_peak(rows: int, prefix: str) -> int:
    """The import's peak traced memory for `rows` generated rows."""
    tracemalloc.start()
    try:
        outcome = dossier_rows_import(
            actor=None, rows=_generated(rows, prefix), mode=ImportMode.KEEP_GOOD, batch_size=500
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.created == rows
    return peak


def test_a_big_import_is_streamed_in_batches_not_held_in_memory(procedure: Procedure) -> None:
    """The peak stays flat as rows grow: four times the rows, not four times the memory."""
    # Warm up first: modules, the calendar and the catalogue are loaded once per process, not per row.
    dossier_rows_import(actor=None, rows=_generated(200, prefix="W"), mode=ImportMode.KEEP_GOOD)
    small = _import_peak(ROWS // 4, "A")
    large = _import_peak(ROWS, "B")
    assert Dossier.objects.count() == 200 + ROWS // 4 + ROWS
    # Holding the rows would make the peak grow by at least what the extra rows take.
    assert large - small < _held_rows_size(ROWS) - _held_rows_size(ROWS // 4)
    assert large < 2 * small


def _held_rows_size(count: int) -> int:
    """What merely holding the parsed rows (as dicts of their values) takes, measured the same way."""
    tracemalloc.start()
    try:
        rows = list(_generated(count))
        size, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(rows) == count
    return size
