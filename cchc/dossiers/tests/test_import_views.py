"""The import pages: upload → check → choose the mode → result; refused files; background runs; permissions."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from openpyxl import Workbook

from cchc.core.pipelines import forked_stream
from cchc.dossiers import import_services
from cchc.dossiers.models import Dossier
from cchc.dossiers.models.statistics import DossierStat, ImportRun, ImportStatus
from cchc.procedures.models import Procedure
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

from .stat_factories import csv_bytes, export_row


@pytest.fixture
def procedure(org: Org) -> Procedure:
    return procedure_for_tests(resolving_unit=org.medical, time_limit_days=5)


def upload(client: Any, content: bytes, name: str = "ho-so.csv") -> Any:
    return client.post("/dossiers/statistics/imports/upload/", {"file": SimpleUploadedFile(name, content)})


def good_and_bad() -> bytes:
    return csv_bytes([export_row("G-1"), export_row("B-1", procedure="0.000000.H38"), export_row("G-2")])


def test_upload_is_checked_first_then_keep_good_writes_the_good_rows(
    org: Org, procedure: Procedure, client_for: Callable[..., Client]
) -> None:
    client = client_for(org.office_focal)
    response = upload(client, good_and_bad())
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dossiers/statistics/imports/{run.pk}/"
    assert (run.status, run.total_rows, run.bad_rows, run.created_count) == (ImportStatus.CHECKED, 3, 1, 2)
    assert not Dossier.objects.exists()
    page = client.get(f"/dossiers/statistics/imports/{run.pk}/").content.decode()
    assert "Dòng 3, cột B (Mã thủ tục)" in page and "0.000000.H38" in page
    client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "keep_good"})
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and run.created_count == 2
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["G-1", "G-2"]
    problems = client.get(f"/dossiers/statistics/imports/{run.pk}/problems.xlsx")
    assert problems["Content-Type"].startswith("application/vnd.openxmlformats")


def test_all_or_nothing_with_a_bad_row_writes_nothing(
    org: Org, procedure: Procedure, client_for: Callable[..., Client]
) -> None:
    client = client_for(org.office_focal)
    upload(client, good_and_bad())
    run = ImportRun.objects.get()
    client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "all_or_nothing"})
    run.refresh_from_db()
    assert run.status == ImportStatus.REFUSED and not Dossier.objects.exists()


def test_a_run_can_be_started_only_once(org: Org, procedure: Procedure, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    upload(client, csv_bytes([export_row("G-1")]))
    run = ImportRun.objects.get()
    client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "keep_good"})
    response = client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "keep_good"}, follow=True)
    assert "không còn ở bước chọn cách nhập" in response.content.decode()
    assert Dossier.objects.count() == 1


def test_a_cancelled_run_writes_nothing(org: Org, procedure: Procedure, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    upload(client, csv_bytes([export_row("G-1")]))
    run = ImportRun.objects.get()
    client.post(f"/dossiers/statistics/imports/{run.pk}/cancel/")
    run.refresh_from_db()
    assert run.status == ImportStatus.CANCELLED and not Dossier.objects.exists()


def test_a_file_missing_a_column_fails_with_the_columns_name(
    org: Org, procedure: Procedure, client_for: Callable[..., Client]
) -> None:
    client = client_for(org.office_focal)
    upload(client, b"Ma ho so,Nguoi nop\nA-1,B\n")
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and "Mã thủ tục" in run.message


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ho-so.csv", "không đúng loại"),
        ("Mã hồ sơ;Người nộp\nA;Nguyễn".encode("utf-16"), "ho-so.csv", "không đúng loại"),
        (None, "ho-so.csv", "phần mở rộng không khớp"),
    ],
)
def test_a_disguised_file_is_refused(
    org: Org, client_for: Callable[..., Client], content: bytes | None, name: str, message: str
) -> None:
    if content is None:
        workbook, buffer = Workbook(), io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    response = upload(client_for(org.office_focal), content, name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportRun.objects.exists()


@override_settings(CCHC_DOSSIER_IMPORT_MAX_BYTES=100)
def test_an_oversized_file_is_refused(org: Org, client_for: Callable[..., Client]) -> None:
    response = upload(client_for(org.office_focal), csv_bytes([export_row(f"A-{n}") for n in range(5)]))
    assert "vượt giới hạn" in response.content.decode() and not ImportRun.objects.exists()


@override_settings(CCHC_DOSSIER_IMPORT_INLINE_BYTES=10)
def test_a_big_file_is_checked_and_written_by_background_jobs(
    org: Org,
    procedure: Procedure,
    client_for: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
) -> None:
    """…with its rows checked in a child process each time (the check, then the write)."""
    forked: list[object] = []

    def spied(produce: Callable[[], Any]) -> Any:
        forked.append(produce)
        return forked_stream(produce)

    monkeypatch.setattr(import_services, "forked_stream", spied)
    monkeypatch.setattr(import_services.os, "cpu_count", lambda: 2)
    client = client_for(org.office_focal)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes([export_row("G-1"), export_row("G-2")]))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.CHECKED
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "all_or_nothing"})
    assert len(callbacks) >= 1
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and Dossier.objects.count() == 2
    assert len(forked) == 2
    assert DossierStat.objects.filter(received__gt=0).exists()  # the statistics were rebuilt after the import
    page = client.get(f"/dossiers/statistics/imports/{run.pk}/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and 'data-testid="import-run"' in page.content.decode()


@pytest.mark.parametrize("person", ["specialist", "hospital_staff", "one_stop_officer", "leader"])
def test_only_the_office_and_administrators_import(org: Org, client_for: Callable[..., Client], person: str) -> None:
    client = client_for(getattr(org, person))
    assert client.get("/dossiers/statistics/imports/").status_code == 403
    assert client.get("/dossiers/statistics/imports/upload/").status_code == 403


def test_import_pages_are_open_to_the_office(org: Org, procedure: Procedure, client_for: Callable[..., Client]) -> None:
    client = client_for(org.office_focal)
    assert client.get("/dossiers/statistics/imports/").status_code == 200
    assert client.get("/dossiers/statistics/imports/upload/").status_code == 200
    upload(client, csv_bytes([export_row("G-1")]))
    run = ImportRun.objects.get()
    specialist = client_for(org.specialist)
    assert specialist.get(f"/dossiers/statistics/imports/{run.pk}/").status_code == 403
    assert specialist.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": "keep_good"}).status_code == 403


def test_anonymous_is_sent_to_sign_in_from_import_pages(org: Org, client_for: Callable[..., Client]) -> None:
    client = client_for(None)
    for path in (
        "/dossiers/statistics/imports/",
        "/dossiers/statistics/imports/upload/",
        "/dossiers/statistics/imports/1/",
    ):
        assert client.get(path).status_code == 302


@pytest.mark.parametrize(
    ("mode", "shown"),
    [
        ("all_or_nothing", "đang ghi 1.000 dòng trong một lần (tất cả hoặc không); kết quả hiện khi xong"),
        ("keep_good", "đã xử lý 400 / 1.000"),
    ],
)
def test_a_running_import_shows_the_progress_its_mode_can_show(
    org: Org, client_for: Callable[..., Client], mode: str, shown: str
) -> None:
    """An all-or-nothing run writes in one transaction: its count of rows done is not visible until it commits."""
    run = ImportRun.objects.create(
        created_by=org.office_focal,
        file_name="ho-so.csv",
        file_kind="csv",
        mode=mode,
        status=ImportStatus.RUNNING,
        total_rows=1000,
        processed_rows=400,
    )
    page = client_for(org.office_focal).get(f"/dossiers/statistics/imports/{run.pk}/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and shown in page.content.decode()


@override_settings(CCHC_DOSSIER_IMPORT_INLINE_BYTES=10)
@pytest.mark.parametrize(
    ("mode", "kept"),
    [("all_or_nothing", "Chưa ghi dòng nào."), ("keep_good", "Các dòng đúng trong 0 dòng đầu đã được ghi.")],
)
def test_a_run_whose_row_checker_fails_stops_and_says_what_was_kept(
    org: Org,
    procedure: Procedure,
    client_for: Callable[..., Client],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
    mode: str,
    kept: str,
) -> None:
    monkeypatch.setattr(import_services.os, "cpu_count", lambda: 2)
    client = client_for(org.office_focal)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes([export_row("G-1"), export_row("G-2")]))
    run = ImportRun.objects.get()

    def broken(*args: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(import_services, "parse_record", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/dossiers/statistics/imports/{run.pk}/start/", {"mode": mode})
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED and run.finished_at is not None
    assert "dừng giữa chừng do lỗi hệ thống" in run.message and kept in run.message
    assert not Dossier.objects.exists()
    page = client.get(f"/dossiers/statistics/imports/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert kept in page and "hx-trigger" not in page  # the page stops polling
