"""The citizen's lookup: code and the phone's last 4 digits, the QR's signed link, no personal data, the same
answer for a wrong code or a wrong phone, a per-client limit on failures written to the security log."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cchc.core.models import SecurityEvent
from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.receipts import public_status_url, status_token
from cchc.dossiers.tests.test_deadlines import at
from cchc.dossiers.tests.test_lifecycle import make_dossier, make_procedure
from conftest import Org

pytestmark = pytest.mark.django_db
LOOKUP = "/cong-khai/ho-so/"


@pytest.fixture
def dossier(org: Org) -> Dossier:
    make_procedure(org)
    return make_dossier(org, received_at=at("09/02/2026", "09:00"), phone="0905 123 456")


def test_urls_are_where_the_portal_links(dossier: Dossier) -> None:
    assert reverse("dossiers_public:lookup") == LOOKUP
    assert public_status_url(dossier).endswith(f"{LOOKUP}tra-cuu/{status_token(dossier)}/")


def test_right_code_and_digits_show_the_status_without_personal_data(client: Client, dossier: Dossier) -> None:
    page = client.post(LOOKUP, {"code": dossier.code.lower(), "phone_last4": "3456"}).content.decode()
    assert "Đã tiếp nhận" in page and "02/03/2026" in page and dossier.procedure.name in page
    for private in ("Hoa Sen", "0905", "123 456"):
        assert private not in page


def test_wrong_phone_and_wrong_code_give_the_same_answer(client: Client, dossier: Dossier) -> None:
    wrong_phone = client.post(LOOKUP, {"code": dossier.code, "phone_last4": "0000"}).content.decode()
    wrong_code = client.post(LOOKUP, {"code": "MC-000000-9999", "phone_last4": "3456"}).content.decode()
    assert 'data-testid="lookup-not-found"' in wrong_phone and 'data-testid="lookup-not-found"' in wrong_code
    assert "Đã tiếp nhận" not in wrong_phone


@override_settings(CCHC_DOSSIER_LOOKUP_FAILURE_LIMIT=6)
def test_repeated_failures_are_limited_and_logged(client: Client, dossier: Dossier) -> None:
    for attempt in range(6):
        assert client.post(LOOKUP, {"code": dossier.code, "phone_last4": f"{attempt:04d}"}).status_code == 200
    assert SecurityEvent.objects.filter(path=LOOKUP).count() == 2  # the 5th and 6th failures
    blocked = client.post(LOOKUP, {"code": dossier.code, "phone_last4": "3456"})
    assert blocked.status_code == 429 and "Đã tiếp nhận" not in blocked.content.decode()


def test_malformed_digits_are_explained(client: Client, dossier: Dossier) -> None:
    page = client.post(LOOKUP, {"code": dossier.code, "phone_last4": "34a"}).content.decode()
    assert "4 chữ số" in page or "Nhập đúng 4 chữ số" in page


def test_the_qr_link_opens_the_status_without_the_phone(client: Client, dossier: Dossier) -> None:
    page = client.get(urlsplit(public_status_url(dossier)).path).content.decode()
    assert dossier.code in page and "Đã tiếp nhận" in page and "Hoa Sen" not in page


def test_a_forged_token_is_not_found(client: Client, dossier: Dossier) -> None:
    assert client.get(f"{LOOKUP}tra-cuu/{status_token(dossier)}x/").status_code == 404


def test_only_an_issued_apology_is_shown(org: Org, client: Client, dossier: Dossier) -> None:
    apology = services.apology_draft(
        actor=None, dossier=dossier, reason="Chờ kết quả kiểm nghiệm", new_appointment_on=datetime.date(2026, 3, 10)
    )
    url = f"{LOOKUP}tra-cuu/{status_token(dossier)}/"
    assert "Chờ kết quả kiểm nghiệm" not in client.get(url).content.decode()
    services.apology_approve(actor=org.leader, apology=apology)
    services.apology_issue(actor=None, apology=apology, number="9/SYT-VP", issued_on=datetime.date(2026, 3, 2))
    page = client.get(url).content.decode()
    assert "Chờ kết quả kiểm nghiệm" in page and "10/03/2026" in page


def test_returned_dossier_links_to_the_satisfaction_survey(client: Client, dossier: Dossier) -> None:
    services.dossier_mark_result_ready(actor=None, dossier=dossier, at=at("27/02/2026"))
    url = f"{LOOKUP}tra-cuu/{status_token(dossier)}/"
    assert "/khao-sat/ho-so/" not in client.get(url).content.decode()
    services.dossier_return(actor=None, dossier=dossier, method="in_person")
    assert f"/khao-sat/ho-so/{status_token(dossier)}/" in client.get(url).content.decode()
