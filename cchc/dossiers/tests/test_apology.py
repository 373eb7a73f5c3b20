"""Apologies (form 04): drafted by the desk, approved by the leadership or the handling unit's head, issued with
a number and date; the dossier's appointment moves and the letter downloads as DOCX."""

import datetime
import io
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from cchc.dossiers import services
from cchc.dossiers.choices import ApologyStatus
from cchc.dossiers.models import Apology, Dossier
from cchc.dossiers.tests.test_deadlines import at
from cchc.org.models import User
from conftest import Org

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]


def draft(org: Org, dossier: Dossier) -> Apology:
    return services.apology_draft(
        actor=org.one_stop_officer,
        dossier=dossier,
        reason="Hồ sơ cần xin ý kiến Bộ Y tế",
        new_appointment_on=datetime.date(2026, 3, 10),
    )


def test_draft_approve_issue_moves_the_appointment(org: Org, dossier: Dossier) -> None:
    apology = draft(org, dossier)
    assert apology.new_appointment_at == at("10/03/2026", "17:00")
    services.apology_approve(actor=org.leader, apology=apology, note="Đồng ý")
    issued = services.apology_issue(
        actor=org.one_stop_officer, apology=apology, number="125/SYT-VP", issued_on=datetime.date(2026, 3, 2)
    )
    assert issued.status == ApologyStatus.ISSUED
    dossier.refresh_from_db()
    assert dossier.appointment_at == at("10/03/2026", "17:00")
    assert dossier.due_at == at("02/03/2026", "17:00")  # the legal due moment does not move


def test_new_date_must_be_after_the_current_appointment(org: Org, dossier: Dossier) -> None:
    with pytest.raises(ValidationError, match="02/03/2026"):
        services.apology_draft(actor=None, dossier=dossier, reason="Chậm", new_appointment_on=datetime.date(2026, 3, 2))
    assert not Apology.objects.exists()


def test_only_one_pending_apology_and_no_issue_before_approval(org: Org, dossier: Dossier) -> None:
    apology = draft(org, dossier)
    with pytest.raises(ValidationError):
        draft(org, dossier)
    with pytest.raises(ValidationError, match="Dự thảo"):
        services.apology_issue(actor=None, apology=apology, number="1/SYT", issued_on=datetime.date(2026, 3, 1))
    assert Apology.objects.get().status == ApologyStatus.DRAFT


def test_rejected_draft_needs_a_note_and_allows_a_new_draft(org: Org, dossier: Dossier) -> None:
    apology = draft(org, dossier)
    with pytest.raises(ValidationError):
        services.apology_reject(actor=org.leader, apology=apology, note="")
    services.apology_reject(actor=org.leader, apology=apology, note="Ghi rõ lý do")
    assert draft(org, dossier).status == ApologyStatus.DRAFT


@pytest.mark.parametrize(
    ("person", "status", "approved"),
    [
        ("leader", 302, True),
        ("room_head", 302, True),  # head of the handling unit
        ("one_stop_officer", 403, False),
        ("specialist", 403, False),
        ("inspector", 403, False),
        ("hospital_staff", 404, False),
        ("outsider", 404, False),
    ],
)
def test_who_approves(
    org: Org, client_for: ClientFor, dossier: Dossier, person: str, status: int, approved: bool
) -> None:
    apology = draft(org, dossier)
    response = client_for(org.people()[person]).post(reverse("dossiers:apology_action", args=[apology.pk, "approve"]))
    assert response.status_code == status
    assert (Apology.objects.get().status == ApologyStatus.APPROVED) is approved


@pytest.mark.parametrize(
    ("person", "status"),
    [("leader", 200), ("room_head", 200), ("one_stop_officer", 403), ("specialist", 403), ("outsider", 403)],
)
def test_apology_queue(org: Org, client_for: ClientFor, dossier: Dossier, person: str, status: int) -> None:
    draft(org, dossier)
    response = client_for(org.people()[person]).get(reverse("dossiers:apology_queue"))
    assert response.status_code == status
    if status == 200:
        assert dossier.code in response.content.decode()


def test_queue_of_another_units_head_is_empty(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    draft(org, dossier)
    response = client_for(org.hospital_staff).get(reverse("dossiers:apology_queue"))
    assert response.status_code == 200 and dossier.code not in response.content.decode()


def test_the_desk_drafts_and_issues_through_the_pages(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    response = client.post(
        reverse("dossiers:apology_draft", args=[dossier.pk]),
        {"reason": "Chờ kết quả kiểm nghiệm", "new_appointment_on": "2026-03-12"},
    )
    assert response.status_code == 302
    apology = Apology.objects.get()
    services.apology_approve(actor=org.leader, apology=apology)
    client = client_for(org.one_stop_officer)
    client.post(
        reverse("dossiers:apology_action", args=[apology.pk, "issue"]),
        {"number": "7/SYT-VP", "issued_on": "2026-03-02"},
    )
    dossier.refresh_from_db()
    assert dossier.appointment_at == at("12/03/2026", "17:00")


def test_specialist_cannot_draft_for_another_unit(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    response = client_for(org.hospital_staff).get(reverse("dossiers:apology_draft", args=[dossier.pk]))
    assert response.status_code == 404
    response = client_for(org.inspector).get(reverse("dossiers:apology_draft", args=[dossier.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("person", "status"), [("one_stop_officer", 200), ("leader", 200), ("hospital_staff", 404), ("outsider", 404)]
)
def test_form_04_download(org: Org, client_for: ClientFor, dossier: Dossier, person: str, status: int) -> None:
    apology = draft(org, dossier)
    response = client_for(org.people()[person]).get(reverse("dossiers:apology_document", args=[apology.pk, "docx"]))
    assert response.status_code == status
    if status == 200:
        document = Document(io.BytesIO(response.content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = "\n".join([*(p.text for p in document.paragraphs), *cells])
        assert dossier.code in text and "10/03/2026" in text and "Hồ sơ cần xin ý kiến Bộ Y tế" in text
        assert "V/v xin lỗi và hẹn lại ngày trả kết quả" in text


def test_form_04_download_anonymous(client_for: ClientFor, org: Org, dossier: Dossier) -> None:
    apology = draft(org, dossier)
    response = client_for(None).get(reverse("dossiers:apology_document", args=[apology.pk, "docx"]))
    assert response.status_code == 302
