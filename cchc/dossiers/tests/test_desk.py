"""The desk's pages: who sees and acts on what, reception, search, filters, export, the day view, the receipt
and the late-prediction job."""

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from cchc.core.models import Notification
from cchc.dossiers import services
from cchc.dossiers.choices import DossierStatus
from cchc.dossiers.models import Dossier
from cchc.dossiers.prediction import dossiers_predict_late
from cchc.dossiers.selectors import desk_home_figures
from cchc.dossiers.tests.test_deadlines import at
from cchc.dossiers.tests.test_lifecycle import make_dossier, make_procedure, other_desk_officer
from cchc.org.models import User
from conftest import Org

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]


def detail(dossier: Dossier) -> str:
    return reverse("dossiers:detail", args=[dossier.pk])


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("one_stop_officer", 200),
        ("specialist", 200),
        ("room_head", 200),
        ("inspector", 200),
        ("leader", 200),
        ("hospital_staff", 404),
        ("tccb_officer", 200),
        ("outsider", 404),
    ],
)
def test_detail_and_receipt_visibility(
    org: Org, client_for: ClientFor, dossier: Dossier, person: str, status: int
) -> None:
    client = client_for(org.people()[person])
    assert client.get(detail(dossier)).status_code == status
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "docx"])).status_code == status


def test_anonymous_is_sent_to_sign_in(client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(None)
    for url in (
        reverse("dossiers:list"),
        reverse("dossiers:today"),
        reverse("dossiers:receive_pick"),
        detail(dossier),
        reverse("dossiers:receipt", args=[dossier.pk, "docx"]),
        reverse("dossiers:apology_queue"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_list_shows_only_visible_dossiers_and_exports_the_same(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    officer = client_for(org.one_stop_officer)
    assert dossier.code in officer.get(reverse("dossiers:list")).content.decode()
    other = client_for(org.hospital_staff)
    assert dossier.code not in other.get(reverse("dossiers:list")).content.decode()
    response = other.get(reverse("dossiers:list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert all(dossier.code not in [str(value) for value in row] for row in rows)
    response = client_for(org.one_stop_officer).get(reverse("dossiers:list"), {"export": "xlsx", "q": "hoa sen"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert any(dossier.code in [str(value) for value in row] for row in rows)


def test_search_ignores_diacritics_and_filters_combine(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    other = make_dossier(org, received_at=at("10/02/2026"), applicant_name="Nhà thuốc Bình An")
    services.dossier_request_supplement(actor=None, dossier=other, reason="Thiếu", at=at("11/02/2026"))
    client = client_for(org.one_stop_officer)
    page = client.get(reverse("dossiers:list"), {"q": "CONG TY my pham"}).content.decode()
    assert dossier.code in page and other.code not in page
    page = client.get(reverse("dossiers:list"), {"status": DossierStatus.SUPPLEMENT_REQUESTED}).content.decode()
    assert other.code in page and dossier.code not in page
    page = client.get(reverse("dossiers:list"), {"q": "binh an", "channel": "online"}).content.decode()
    assert other.code not in page
    # Both are long past due (Mon 2/3/2026); only the running one counts as overdue (the paused one too: open).
    page = client.get(reverse("dossiers:list"), {"overdue": "true"}).content.decode()
    assert dossier.code in page


def test_due_within_and_late_predicted_filters(org: Org, client_for: ClientFor) -> None:
    make_procedure(org, time_limit_days=2)
    soon = make_dossier(org)  # received now: due in 2 working days (or 3 after the cut-off / a day off)
    client = client_for(org.one_stop_officer)
    assert soon.code in client.get(reverse("dossiers:list"), {"due_days": "3"}).content.decode()
    assert soon.code not in client.get(reverse("dossiers:list"), {"late_predicted": "true"}).content.decode()
    Dossier.objects.filter(pk=soon.pk).update(late_predicted=True)
    assert soon.code in client.get(reverse("dossiers:list"), {"late_predicted": "true"}).content.decode()


def test_reception_through_the_form(org: Org, client_for: ClientFor) -> None:
    procedure = make_procedure(org)
    client = client_for(org.one_stop_officer)
    assert procedure.name in client.get(reverse("dossiers:receive_pick"), {"q": "my pham"}).content.decode()
    documents = list(procedure.current_version.documents.values_list("pk", flat=True))  # type: ignore[union-attr]
    response = client.post(
        reverse("dossiers:receive", args=[procedure.pk]),
        {
            "applicant_kind": "person",
            "applicant_name": "Trần Thị Lan",
            "applicant_phone": "0912 345 678",
            "documents": documents[:1],
            "channel": "direct",
            "received_at": "2026-02-09T09:00",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(dossier)
    assert dossier.code == "MC-260209-0001" and dossier.received_by == org.one_stop_officer
    assert [item["name"] for item in dossier.documents_received] == ["Đơn đề nghị"]


def test_reception_with_a_bad_moment_keeps_nothing(org: Org, client_for: ClientFor) -> None:
    procedure = make_procedure(org)
    client = client_for(org.one_stop_officer)
    response = client.post(
        reverse("dossiers:receive", args=[procedure.pk]),
        {
            "applicant_kind": "person",
            "applicant_name": "A",
            "applicant_phone": "12",
            "channel": "direct",
            "received_at": "2099-01-01T09:00",
        },
    )
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    assert "8 chữ số" in response.content.decode()


@pytest.mark.parametrize(
    ("person", "status"),
    [("one_stop_officer", 200), ("office_focal", 200), ("specialist", 403), ("leader", 403), ("outsider", 403)],
)
def test_only_the_desk_receives(org: Org, client_for: ClientFor, person: str, status: int) -> None:
    procedure = make_procedure(org)
    client = client_for(org.people()[person])
    assert client.get(reverse("dossiers:receive_pick")).status_code == status
    assert client.get(reverse("dossiers:receive", args=[procedure.pk])).status_code == status


@pytest.mark.parametrize(
    ("person", "status", "changed"),
    [
        ("specialist", 302, True),
        ("one_stop_officer", 302, True),
        ("inspector", 403, False),
        ("hospital_staff", 404, False),
        ("outsider", 404, False),
    ],
)
def test_actions_need_change_rights(
    org: Org, client_for: ClientFor, dossier: Dossier, person: str, status: int, changed: bool
) -> None:
    client = client_for(org.people()[person])
    response = client.post(reverse("dossiers:action", args=[dossier.pk, "supplement"]), {"reason": "Bổ sung"})
    assert response.status_code == status
    dossier.refresh_from_db()
    assert (dossier.status == DossierStatus.SUPPLEMENT_REQUESTED) is changed


def test_anonymous_cannot_post_actions(client_for: ClientFor, dossier: Dossier) -> None:
    response = client_for(None).post(reverse("dossiers:action", args=[dossier.pk, "result-ready"]))
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_forbidden_action_shows_an_error_and_changes_nothing(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    response = client.post(
        reverse("dossiers:action", args=[dossier.pk, "return"]), {"method": "in_person"}, follow=True
    )
    assert "Không thể trả kết quả" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_the_page_walks_a_dossier_through_its_life(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.room_head)
    action = lambda name: reverse("dossiers:action", args=[dossier.pk, name])  # noqa: E731
    client.post(
        action("start-step"),
        {"name": "Thẩm định", "handling_unit": org.medical.pk, "handler": org.specialist.pk, "working_days": 3},
    )
    assert dossier.steps.get().handler == org.specialist
    client.post(action("finish-step"), {"note": "Đạt"})
    client.post(action("result-ready"))
    client.post(action("return"), {"method": "postal"})
    client.post(action("flags"), {"paid_online": "on", "digitized_result": "on"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED and dossier.return_method == "postal"
    assert dossier.paid_online and dossier.digitized_result and not dossier.reused_data
    page = client.get(detail(dossier)).content.decode()
    assert "Thẩm định" in page and "Trả kết quả" in page


def test_receipt_is_form_01_with_the_code_and_a_qr_image(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    response = client_for(org.one_stop_officer).get(reverse("dossiers:receipt", args=[dossier.pk, "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text and "17 giờ 00 phút, ngày 02/03/2026" in text
    assert len(document.inline_shapes) == 1


def test_unknown_document_kind_is_not_found(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    client = client_for(org.one_stop_officer)
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "exe"])).status_code == 404


def test_today_view_and_home_figures(org: Org, client_for: ClientFor) -> None:
    make_procedure(org, time_limit_days=2)
    today = make_dossier(org)
    late = make_dossier(org, received_at=at("09/02/2026"))
    Dossier.objects.filter(pk=late.pk).update(late_predicted=True)
    figures = desk_home_figures(org.one_stop_officer)
    assert figures["received_today"] == 1 and figures["due_soon"] == 1
    assert figures["late_predicted"] == 1 and figures["apologies_waiting"] == 0
    assert desk_home_figures(org.hospital_staff) == {
        "received_today": 0,
        "due_soon": 0,
        "late_predicted": 0,
        "apologies_waiting": 0,
    }
    page = client_for(org.one_stop_officer).get(reverse("dossiers:today")).content.decode()
    assert today.code in page and late.code in page


def test_prediction_job_flags_late_dossiers_and_notifies_once(org: Org) -> None:
    make_procedure(org)
    dossier = make_dossier(org, received_at=at("09/02/2026"))
    services.dossier_start_step(
        actor=None,
        dossier=dossier,
        name="Thẩm định",
        handling_unit=org.medical,
        handler=org.specialist,
        working_days=2,
        at=at("10/02/2026"),
    )
    # Due Mon 2/3/2026 17:00. On Fri 27/2: Mon 2/3 is 1 working day ahead → not predicted.
    assert dossiers_predict_late(now=at("27/02/2026", "10:00")).flagged == 0
    # On Mon 2/3 (the due day) → 0 days left → predicted: the step's handler and the desk hear of it.
    run = dossiers_predict_late(now=at("02/03/2026", "10:00"))
    assert run.flagged == 1 and run.notified == 2
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"specialist", "onestop"}
    Dossier.objects.filter(pk=dossier.pk).update(late_predicted=False)
    assert dossiers_predict_late(now=at("02/03/2026", "11:00")).notified == 0  # same due day: deduplicated
    assert Notification.objects.count() == 2


def test_a_desk_officer_of_another_unit_gets_not_found(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    other_desk = other_desk_officer(org)
    client = client_for(other_desk)
    assert client.get(detail(dossier)).status_code == 404
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "docx"])).status_code == 404
    assert client.post(reverse("dossiers:action", args=[dossier.pk, "withdraw"]), {"reason": "x"}).status_code == 404
    assert dossier.code not in client.get(reverse("dossiers:list")).content.decode()


def test_pdf_is_offered_only_with_libreoffice(
    org: Org, client_for: ClientFor, dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cchc.reports.pdf.shutil.which", lambda name: None)
    client = client_for(org.one_stop_officer)
    assert "Giấy tiếp nhận (PDF)" not in client.get(detail(dossier)).content.decode()
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "pdf"])).status_code == 404


def test_the_receipt_is_also_a_pdf_made_from_the_same_document(
    org: Org, client_for: ClientFor, dossier: Dossier
) -> None:
    client = client_for(org.one_stop_officer)
    assert "Giấy tiếp nhận (PDF)" in client.get(detail(dossier)).content.decode()

    response = client.get(reverse("dossiers:receipt", args=[dossier.pk, "pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")


def test_history_link_lists_the_dossier_audit(org: Org, client_for: ClientFor, dossier: Dossier) -> None:
    url = reverse("core:object_history", args=["dossiers", "dossier", dossier.pk])
    client = client_for(org.one_stop_officer)
    assert url in client.get(detail(dossier)).content.decode()
    assert client.get(url).status_code == 200
    assert client_for(org.hospital_staff).get(url).status_code == 404
