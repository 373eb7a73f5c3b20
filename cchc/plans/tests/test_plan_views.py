"""Pages of plans and tasks: each named person gets exactly what their role allows; forms go through services."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.plans.choices import OccurrenceStatus
from cchc.plans.models import Plan, Task
from cchc.plans.tests.test_task_lifecycle import PDF, make_task
from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"


def statuses(allowed: str, status: int, others: int, **special: int) -> dict[str, int]:
    expected = dict.fromkeys(ALL.split(), others)
    expected.update(dict.fromkeys(allowed.split(), status))
    expected.update(special)
    return expected


MANAGERS = "office_focal tccb_officer admin"
TASK_VIEWERS = "leader tccb_officer office_focal admin room_head specialist"

CASES: list[tuple[str, str, Callable[[Task], str], dict[str, int]]] = [
    ("plan list", "get", lambda t: "/plans/", statuses(ALL, 200, 200)),
    ("plan detail", "get", lambda t: f"/plans/{t.plan_id}/", statuses(ALL, 200, 200, outsider=404)),
    ("plan history", "get", lambda t: f"/history/plans/plan/{t.plan_id}/", statuses(ALL, 200, 200, outsider=404)),
    ("plan create", "get", lambda t: "/plans/new/", statuses(MANAGERS, 200, 403)),
    ("plan edit", "get", lambda t: f"/plans/{t.plan_id}/edit/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("target create", "get", lambda t: f"/plans/{t.plan_id}/targets/new/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("task create", "get", lambda t: f"/plans/{t.plan_id}/tasks/new/", statuses(MANAGERS, 200, 403, outsider=404)),
    ("task board", "get", lambda t: "/plans/tasks/", statuses(ALL, 200, 200)),
    ("task board export", "get", lambda t: "/plans/tasks/?export=xlsx", statuses(ALL, 200, 200)),
    ("timeline", "get", lambda t: "/plans/tasks/timeline/?year=2026", statuses(ALL, 200, 200)),
    ("task detail", "get", lambda t: f"/plans/tasks/{t.pk}/", statuses(TASK_VIEWERS, 200, 404)),
    ("task history", "get", lambda t: f"/history/plans/task/{t.pk}/", statuses(TASK_VIEWERS, 200, 404)),
    (
        "task edit",
        "get",
        lambda t: f"/plans/tasks/{t.pk}/edit/",
        statuses(f"{MANAGERS} room_head", 200, 404, leader=403, specialist=403),
    ),
    (
        "task assign",
        "get",
        lambda t: f"/plans/tasks/{t.pk}/assign/",
        statuses(f"{MANAGERS} room_head", 200, 404, leader=403, specialist=403),
    ),
    (
        "report progress",
        "post",
        lambda t: f"/plans/occurrences/{t.occurrences.get().pk}/progress/",
        statuses("room_head specialist office_focal admin", 302, 404, leader=403, tccb_officer=403),
    ),
    (
        "confirm",
        "post",
        lambda t: f"/plans/occurrences/{t.occurrences.get().pk}/confirm/",
        statuses("room_head", 302, 404, leader=403, tccb_officer=403, office_focal=403, admin=403, specialist=403),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_each_person_gets_what_their_role_allows(
    org: Org, client_for: Callable[..., Client], case: tuple[str, str, Callable[[Task], str], dict[str, int]]
) -> None:
    _name, method, path, expected = case
    task = make_task(org)
    outcomes = {}
    for who, person in org.people().items():
        response = getattr(client_for(person), method)(path(task), {"percent": 10})
        outcomes[who] = response.status_code
    assert outcomes == expected


def test_anonymous_is_sent_to_sign_in(org: Org, client_for: Callable[..., Client]) -> None:
    task = make_task(org)
    for path in ["/plans/", f"/plans/{task.plan_id}/", "/plans/tasks/", f"/plans/tasks/{task.pk}/"]:
        assert client_for(None).get(path)["Location"].startswith("/accounts/login/")


def test_hospital_sees_none_of_the_rooms_tasks_on_the_board(org: Org, client_for: Callable[..., Client]) -> None:
    make_task(org)
    page = client_for(org.hospital_staff).get("/plans/tasks/").content.decode()
    assert "Rà soát, đơn giản hóa" not in page
    page = client_for(org.specialist).get("/plans/tasks/?q=ra soat don gian").content.decode()
    assert "Rà soát, đơn giản hóa" in page


def test_focal_point_creates_a_plan_with_its_original_file(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.office_focal).post(
        "/plans/new/",
        {
            "kind": "plan",
            "number": "4350/KH-SYT",
            "issued_on": "2026-01-05",
            "issuer": "Sở Y tế",
            "title": "Kế hoạch CCHC năm 2026",
            "year": 2026,
            "legal_basis": "Quyết định 5476/QĐ-UBND\nCông văn 2610/SNV-CCHC",
            "status": "active",
            "original_file": SimpleUploadedFile("ke-hoach.pdf", PDF),
        },
    )
    plan = Plan.objects.get(number="4350/KH-SYT")
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert plan.original is not None
    assert plan.original.versions.get().sha256
    assert client_for(org.specialist).get(f"/evidence/{plan.original.pk}/download/").status_code == 200


def test_disguised_original_file_is_refused_and_no_plan_is_written(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.office_focal).post(
        "/plans/new/",
        {
            "kind": "plan",
            "number": "X/KH",
            "title": "Sai tệp",
            "year": 2026,
            "issuer": "Sở Y tế",
            "status": "active",
            "original_file": SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "không đúng loại" in response.content.decode()
    assert not Plan.objects.filter(number="X/KH").exists()


def test_specialist_uploads_evidence_and_reports_done_then_head_confirms(
    org: Org, client_for: Callable[..., Client]
) -> None:
    task = make_task(org, "31/12/2099")
    occurrence = task.occurrences.get()
    client = client_for(org.specialist)
    client.post(
        f"/plans/occurrences/{occurrence.pk}/done/",
        {"narrative": "Đã hoàn thành", "attachments": [SimpleUploadedFile("bao-cao.pdf", PDF)]},
    )
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.AWAITING_CONFIRMATION
    document = occurrence.evidence.get()
    assert client_for(org.hospital_staff).get(f"/evidence/{document.pk}/download/").status_code == 404
    client_for(org.room_head).post(f"/plans/occurrences/{occurrence.pk}/confirm/", {"narrative": ""})
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.DONE


def test_disguised_evidence_is_refused_and_nothing_changes(org: Org, client_for: Callable[..., Client]) -> None:
    occurrence = make_task(org).occurrences.get()
    response = client_for(org.specialist).post(
        f"/plans/occurrences/{occurrence.pk}/done/",
        {"attachments": [SimpleUploadedFile("bao-cao.pdf", b"<html>not a pdf</html>")]},
        follow=True,
    )
    assert "không đúng loại" in response.content.decode()
    occurrence.refresh_from_db()
    assert occurrence.status == OccurrenceStatus.NOT_STARTED
    assert not occurrence.evidence.exists()


def test_unknown_transition_is_not_found(org: Org, client_for: Callable[..., Client]) -> None:
    occurrence = make_task(org).occurrences.get()
    assert client_for(org.admin).post(f"/plans/occurrences/{occurrence.pk}/delete/").status_code == 404


def test_board_export_has_the_rows_of_the_page(org: Org, client_for: Callable[..., Client]) -> None:
    import io

    from openpyxl import load_workbook

    make_task(org, "Thường xuyên")
    response: Any = client_for(org.room_head).get("/plans/tasks/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[5] for row in rows] == ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]
