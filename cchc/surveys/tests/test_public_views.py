"""The public form (no login), kiosk mode, the dossier's survey, and the interviewer's paper entry page."""

from collections.abc import Callable

import pytest
from django.test import Client, override_settings

from cchc.dossiers.receipts import status_token
from cchc.dossiers.tests.test_lifecycle import make_dossier
from cchc.org.models import User
from cchc.surveys.choices import RefusalReason, ResponseChannel
from cchc.surveys.models.collection import Campaign, RefusedSubmission, Response
from cchc.surveys.services import campaign_close, point_create
from cchc.surveys.tests.factories import open_campaign
from conftest import Org

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]
ANSWERS = {"q-A1": "5", "q-A2": "0", "q-B2": "4", "q-G1": "80", "q-G3": "Cảm ơn bác sĩ"}


@pytest.fixture
def campaign(org: Org) -> Campaign:
    return open_campaign(actor=org.office_focal, facility=org.hospital, collectors=[org.one_stop_officer])


def test_citizen_opens_the_short_link_and_answers(client: Client, campaign: Campaign) -> None:
    page = client.get("/khao-sat/bvdk-2026/")
    html = page.content.decode()
    assert page.status_code == 200 and "Khảo sát người bệnh ngoại trú" in html
    assert (
        'name="consent"' in html
        and 'name="consent" value="on" id="id_consent" aria-describedby="consent-text">' in html
    )
    assert 'name="website"' in html  # the honeypot
    response = client.post("/khao-sat/bvdk-2026/", ANSWERS, HTTP_USER_AGENT="phone")
    assert response.status_code == 302 and response["Location"] == "/khao-sat/bvdk-2026/cam-on/"
    stored = Response.objects.get()
    assert stored.answers == {"A1": 5, "A2": 0, "B2": 4, "G1": 80, "G3": "Cảm ơn bác sĩ"}
    assert stored.channel == ResponseChannel.WEB and stored.client_hash and "127.0.0.1" not in stored.client_hash
    assert 'data-survey-done="bvdk-2026"' in client.get("/khao-sat/bvdk-2026/cam-on/").content.decode()


def test_missing_required_answer_comes_back_with_a_clear_message(client: Client, campaign: Campaign) -> None:
    response = client.post("/khao-sat/bvdk-2026/", {"q-A1": "5"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Câu B2 là câu bắt buộc" in html
    assert 'value="5" checked' in html  # what was answered is kept
    assert Response.objects.count() == 0


def test_consent_with_contact_details_is_stored_and_without_it_dropped(client: Client, campaign: Campaign) -> None:
    client.post("/khao-sat/bvdk-2026/", {**ANSWERS, "contact_name": "Lan", "contact_phone": "0905111222"})
    client.post(
        "/khao-sat/bvdk-2026/",
        {**ANSWERS, "q-A1": "4", "consent": "on", "contact_name": "Lan", "contact_phone": "0905111222"},
    )
    first, second = Response.objects.order_by("pk")
    assert (first.consent_given, first.contact_phone) == (False, "")
    assert (second.consent_given, second.contact_phone) == (True, "0905111222")


def test_honeypot_gets_a_polite_message_and_is_counted(client: Client, campaign: Campaign) -> None:
    response = client.post("/khao-sat/bvdk-2026/", {**ANSWERS, "website": "http://spam.example"})
    assert response.status_code == 200 and "Phiếu không gửi được" in response.content.decode()
    assert Response.objects.count() == 0
    assert RefusedSubmission.objects.get().reason == RefusalReason.HONEYPOT


@override_settings(CCHC_SURVEY_RATE_LIMIT=(1, 600))
def test_rate_limited_client_gets_429_and_is_counted(client: Client, campaign: Campaign) -> None:
    client.post("/khao-sat/bvdk-2026/", ANSWERS)
    response = client.post("/khao-sat/bvdk-2026/", {**ANSWERS, "q-A1": "3"})
    assert response.status_code == 429 and "thử lại sau ít phút" in response.content.decode()
    assert RefusedSubmission.objects.get().reason == RefusalReason.RATE_LIMITED


def test_closed_or_unknown_campaign(client: Client, campaign: Campaign, org: Org) -> None:
    assert client.get("/khao-sat/khong-co/").status_code == 404
    assert client.get("/khao-sat/bvdk-2026/khong-co/").status_code == 404
    campaign_close(actor=org.office_focal, campaign=campaign)
    page = client.get("/khao-sat/bvdk-2026/").content.decode()
    assert "hiện không nhận ý kiến" in page and 'id="sv-form"' not in page
    client.post("/khao-sat/bvdk-2026/", ANSWERS)
    assert RefusedSubmission.objects.get().reason == RefusalReason.CLOSED


def test_staff_preview_a_closed_campaigns_form(client_for: ClientFor, campaign: Campaign, org: Org) -> None:
    campaign_close(actor=org.office_focal, campaign=campaign)
    page = client_for(org.hospital_staff).get("/khao-sat/bvdk-2026/").content.decode()
    assert "Xem trước" in page and 'id="sv-form"' in page
    page = client_for(org.specialist).get("/khao-sat/bvdk-2026/").content.decode()  # another unit's campaign
    assert "hiện không nhận ý kiến" in page and 'id="sv-form"' not in page


def test_kiosk_keeps_nothing_and_returns_to_a_fresh_form(client: Client, campaign: Campaign, org: Org) -> None:
    point_create(actor=org.office_focal, campaign=campaign, code="quay-1", name="Quầy số 1")
    form = client.get("/khao-sat/bvdk-2026/quay-1/kiosk/").content.decode()
    assert 'data-kiosk="1"' in form and 'name="consent"' not in form
    response = client.post("/khao-sat/bvdk-2026/quay-1/kiosk/", {**ANSWERS, "consent": "on", "contact_phone": "1"})
    assert response["Location"] == "/khao-sat/bvdk-2026/cam-on/?kiosk=1&p=quay-1"
    stored = Response.objects.get()
    assert stored.channel == ResponseChannel.KIOSK and stored.point is not None and stored.contact_phone == ""
    thanks = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh" content="6;url=/khao-sat/bvdk-2026/quay-1/?kiosk=1"' in thanks


def test_dossier_survey_links_one_response_per_dossier(client: Client, org: Org, campaign: Campaign) -> None:
    dossier = make_dossier(org)
    one_stop = open_campaign(
        actor=org.office_focal, facility=org.one_stop, code="mot-cua", version=campaign.instrument_version
    )
    url = f"/khao-sat/ho-so/{status_token(dossier)}/"
    assert dossier.code in client.get(url).content.decode()
    assert client.post(url, ANSWERS).status_code == 302
    stored = Response.objects.get()
    assert (stored.dossier_id, stored.campaign_id, stored.channel) == (dossier.pk, one_stop.pk, ResponseChannel.DOSSIER)
    assert "đã được đánh giá" in client.get(url).content.decode()
    second = client.post(url, {**ANSWERS, "q-A1": "1"}, HTTP_USER_AGENT="other")
    assert "đã được đánh giá" in second.content.decode()
    assert Response.objects.count() == 1
    assert client.get("/khao-sat/ho-so/KHONG-CO/").status_code == 404


def test_dossier_survey_refuses_a_bare_or_forged_dossier_code(client: Client, org: Org, campaign: Campaign) -> None:
    dossier = make_dossier(org)
    open_campaign(actor=org.office_focal, facility=org.one_stop, code="mot-cua", version=campaign.instrument_version)
    assert client.get(f"/khao-sat/ho-so/{dossier.code}/").status_code == 404
    forged = status_token(dossier)[:-2] + ("AA" if not status_token(dossier).endswith("AA") else "BB")
    assert client.post(f"/khao-sat/ho-so/{forged}/", ANSWERS).status_code == 404
    assert not Response.objects.exists()


def test_dossier_survey_falls_back_to_the_departments_campaign(client: Client, org: Org, campaign: Campaign) -> None:
    dossier = make_dossier(org)
    assert "chưa có đợt khảo sát" in client.get(f"/khao-sat/ho-so/{status_token(dossier)}/").content.decode()
    open_campaign(actor=org.office_focal, facility=org.department, code="so-y-te", version=campaign.instrument_version)
    client.post(f"/khao-sat/ho-so/{status_token(dossier)}/", ANSWERS)
    assert Response.objects.get().campaign.code == "so-y-te"


def test_interviewer_enters_paper_forms_with_duplicate_detection(
    org: Org, campaign: Campaign, client_for: ClientFor
) -> None:
    client = client_for(org.one_stop_officer)  # a named collector from another unit
    url = f"/surveys/campaigns/{campaign.pk}/entry/"
    response = client.post(url, {"paper_form_number": "001", "q-A1": "4", "q-B2": "5", "q-I1": "2"})
    assert response.status_code == 302 and response["Location"] == url
    stored = Response.objects.get()
    assert stored.entered_by == org.one_stop_officer and stored.paper_form_number == "001"
    assert stored.channel == ResponseChannel.INTERVIEWER
    again = client.post(url, {"paper_form_number": "001", "q-A1": "1", "q-B2": "1"})
    assert again.status_code == 400 and "Phiếu số 001 đã được nhập" in again.content.decode()
    same = client.post(url, {"paper_form_number": "002", "q-A1": "4", "q-B2": "5", "q-I1": "2"})
    assert same.status_code == 400 and "đúng các câu trả lời này" in same.content.decode()
    confirmed = client.post(
        url, {"paper_form_number": "002", "q-A1": "4", "q-B2": "5", "q-I1": "2", "allow_same_answers": "on"}
    )
    assert confirmed.status_code == 302 and Response.objects.count() == 2
    wrong = client.post(url, {"paper_form_number": "003", "q-A1": "9"})
    assert wrong.status_code == 400 and "Câu A1" in wrong.content.decode() and "Câu B2" in wrong.content.decode()
