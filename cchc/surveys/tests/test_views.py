"""Permissions of every staff page (allowed, forbidden, restricted to the facility, anonymous) and the
behaviour of the campaign pages."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cchc.core.models import AuditEvent
from cchc.org.models import User
from cchc.surveys.choices import CampaignStatus
from cchc.surveys.models.collection import Campaign, CollectionPoint
from cchc.surveys.services import campaign_update, point_create, response_submit
from cchc.surveys.tests.factories import open_campaign, raw, small_version
from conftest import Org

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]


@pytest.fixture
def campaign(org: Org) -> Campaign:
    return open_campaign(actor=org.office_focal, facility=org.hospital, collectors=[org.one_stop_officer])


@pytest.fixture
def point(org: Org, campaign: Campaign) -> CollectionPoint:
    return point_create(actor=org.office_focal, campaign=campaign, code="quay-1", name="Quầy số 1")


def status(client_for: ClientFor, user: User | None, url: str, method: str = "get") -> int:
    client = client_for(user)
    return getattr(client, method)(url).status_code


# (url builder, method, {person: expected status}); None for anonymous.
def _view_cases(
    campaign: Campaign, point: CollectionPoint, instrument_pk: int
) -> list[tuple[str, str, dict[str, int]]]:
    c, p = campaign.pk, point.pk
    viewers = {"office_focal": 200, "leader": 200, "hospital_staff": 200, "one_stop_officer": 200, "specialist": 404}
    managers = {"office_focal": 200, "tccb_officer": 200, "admin": 200, "hospital_staff": 403, "specialist": 404}
    return [
        ("/surveys/", "get", {"office_focal": 200, "specialist": 200, "outsider": 200}),
        ("/surveys/?export=xlsx", "get", {"office_focal": 200, "hospital_staff": 200}),
        (
            "/surveys/campaigns/new/",
            "get",
            {"office_focal": 200, "tccb_officer": 200, "hospital_staff": 403, "leader": 403},
        ),
        (f"/surveys/campaigns/{c}/", "get", viewers),
        (f"/surveys/campaigns/{c}/edit/", "get", managers),
        (f"/surveys/campaigns/{c}/qr.png", "get", viewers),
        (f"/surveys/campaigns/{c}/qr.svg", "get", viewers),
        (f"/surveys/campaigns/{c}/points/{p}/qr.png", "get", viewers),
        (f"/surveys/campaigns/{c}/points/{p}/qr.svg", "get", viewers),
        (f"/surveys/campaigns/{c}/poster/", "get", viewers),
        (f"/surveys/campaigns/{c}/points/{p}/poster/", "get", viewers),
        (
            f"/surveys/campaigns/{c}/entry/",
            "get",
            {"hospital_staff": 200, "one_stop_officer": 200, "office_focal": 200, "leader": 403, "specialist": 404},
        ),
        ("/surveys/instruments/", "get", {"specialist": 200, "hospital_staff": 200}),
        (f"/surveys/instruments/{instrument_pk}/", "get", {"specialist": 200}),
        (f"/surveys/instruments/{instrument_pk}/export/", "get", {"specialist": 200}),
        ("/surveys/instruments/import/", "get", {"office_focal": 200, "specialist": 403, "hospital_staff": 403}),
        (f"/surveys/instruments/{instrument_pk}/import/", "get", {"tccb_officer": 200, "specialist": 403}),
        (f"/surveys/instruments/{instrument_pk}/edit/", "get", {"admin": 200, "specialist": 403}),
    ]


def test_every_staff_page_checks_permissions(
    org: Org, campaign: Campaign, point: CollectionPoint, client_for: ClientFor
) -> None:
    instrument_pk = campaign.instrument_version.instrument_id
    people = org.people()
    for url, method, expected in _view_cases(campaign, point, instrument_pk):
        assert status(client_for, None, url, method) == 302, url  # anonymous: to the sign-in page
        for person, code in expected.items():
            assert status(client_for, people[person], url, method) == code, (url, person)


def test_staff_post_actions_check_permissions(
    org: Org, campaign: Campaign, point: CollectionPoint, client_for: ClientFor
) -> None:
    c, p = campaign.pk, point.pk
    for url in (
        f"/surveys/campaigns/{c}/close/",
        f"/surveys/campaigns/{c}/open/",
        f"/surveys/campaigns/{c}/points/new/",
        f"/surveys/campaigns/{c}/points/{p}/delete/",
    ):
        assert status(client_for, None, url, "post") == 302
        assert status(client_for, org.hospital_staff, url, "post") == 403, url
        assert status(client_for, org.specialist, url, "post") == 404, url
        assert status(client_for, org.office_focal, url, "get") == 405, url


def test_list_shows_only_the_facilitys_campaigns_to_its_staff(
    org: Org, campaign: Campaign, client_for: ClientFor
) -> None:
    open_campaign(actor=org.office_focal, facility=org.one_stop, code="mot-cua", version=campaign.instrument_version)
    hospital_page = client_for(org.hospital_staff).get("/surveys/").content.decode()
    assert "bvdk-2026" in hospital_page and "mot-cua" not in hospital_page
    focal_page = client_for(org.office_focal).get("/surveys/?q=mot").content.decode()
    assert "mot-cua" in focal_page and "/khao-sat/bvdk-2026/" not in focal_page


def test_focal_point_creates_opens_and_closes_a_campaign(org: Org, campaign: Campaign, client_for: ClientFor) -> None:
    client = client_for(org.office_focal)
    response = client.post(
        "/surveys/campaigns/new/",
        {
            "name": "Khảo sát một cửa quý I",
            "code": "mot-cua-q1",
            "instrument_version": campaign.instrument_version_id,
            "facility": org.one_stop.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
            "target_sample": 200,
            "layout": "one_question",
            "collectors": [org.one_stop_officer.pk],
        },
    )
    created = Campaign.objects.get(code="mot-cua-q1")
    assert response.status_code == 302 and created.status == CampaignStatus.DRAFT
    assert list(created.collectors.all()) == [org.one_stop_officer]
    client.post(f"/surveys/campaigns/{created.pk}/open/")
    client.post(f"/surveys/campaigns/{created.pk}/close/")
    created.refresh_from_db()
    assert created.status == CampaignStatus.CLOSED
    actions = list(AuditEvent.objects.filter(object_id=str(created.pk)).values_list("action", flat=True))
    assert {"campaign_create", "campaign_open", "campaign_close"} <= set(actions)


def test_closing_twice_is_refused_with_a_message(org: Org, campaign: Campaign, client_for: ClientFor) -> None:
    client = client_for(org.office_focal)
    client.post(f"/surveys/campaigns/{campaign.pk}/close/")
    response = client.post(f"/surveys/campaigns/{campaign.pk}/close/", follow=True)
    assert "Không thể chuyển đợt khảo sát" in response.content.decode()


def test_reserved_and_duplicate_codes_are_refused(org: Org, campaign: Campaign, client_for: ClientFor) -> None:
    client = client_for(org.office_focal)
    response = client.post(f"/surveys/campaigns/{campaign.pk}/points/new/", {"code": "kiosk", "name": "X"}, follow=True)
    assert "đã dành cho hệ thống" in response.content.decode()
    response = client.post(
        "/surveys/campaigns/new/",
        {
            "name": "Trùng",
            "code": "bvdk-2026",
            "instrument_version": campaign.instrument_version_id,
            "facility": org.hospital.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
            "target_sample": 10,
            "layout": "one_page",
        },
    )
    assert response.status_code == 200 and Campaign.objects.filter(code="bvdk-2026").count() == 1


def test_qr_codes_are_images_of_the_public_short_link(
    org: Org, campaign: Campaign, point: CollectionPoint, client_for: ClientFor
) -> None:
    client = client_for(org.office_focal)
    png = client.get(f"/surveys/campaigns/{campaign.pk}/points/{point.pk}/qr.png?download=1")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert 'filename="qr-bvdk-2026-quay-1.png"' in png["Content-Disposition"]
    svg = client.get(f"/surveys/campaigns/{campaign.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    poster = client.get(f"/surveys/campaigns/{campaign.pk}/points/{point.pk}/poster/").content.decode()
    assert "/khao-sat/bvdk-2026/quay-1/" in poster and "<svg" in poster and "@page" in poster


def test_campaign_export_has_the_same_filters(org: Org, campaign: Campaign, client_for: ClientFor) -> None:
    client = client_for(org.office_focal)
    response = client.get("/surveys/?status=open&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    for sort in ("name", "-starts_on", "ends_on", "facility", "status", "-responses"):
        assert "bvdk-2026" in client.get(f"/surveys/?sort={sort}&kind=outpatient&year=").content.decode(), sort


def test_an_opened_campaign_keeps_its_code_and_a_used_one_its_questions(org: Org, campaign: Campaign) -> None:
    with pytest.raises(ValidationError) as error:
        campaign_update(actor=org.office_focal, campaign=campaign, code="doi-ma")
    assert "không đổi được mã" in str(error.value)
    response_submit(campaign=campaign, raw_answers=raw(A1=5, B2=5), client="c")
    with pytest.raises(ValidationError) as error:
        campaign_update(actor=org.office_focal, campaign=campaign, instrument_version=small_version())
    assert "không đổi được bộ câu hỏi" in str(error.value)
    updated = campaign_update(actor=org.office_focal, campaign=campaign, target_sample=400, service_name="Khoa Nội")
    assert (updated.target_sample, updated.service_name) == (400, "Khoa Nội")
