"""The submission service: one stored response with its derived figures; abuse handling; consent; dossiers;
paper forms."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.surveys.answers import version_schema
from cchc.surveys.choices import RefusalReason, ResponseChannel
from cchc.surveys.demo_surveys import surveys_seed_demo
from cchc.surveys.models.collection import RefusedSubmission, Response
from cchc.surveys.selectors import public_campaign
from cchc.surveys.services import (
    CONSENT_TEXT,
    Contact,
    PossibleDuplicate,
    SubmissionInvalid,
    SubmissionRefused,
    campaign_close,
    response_submit,
)
from cchc.surveys.tests.factories import open_campaign, raw
from conftest import Org

pytestmark = pytest.mark.django_db
GOOD = {"A1": 5, "A2": 4, "B2": 4, "G1": 90}


@pytest.fixture
def campaign(org: Org):  # type: ignore[no-untyped-def]
    return open_campaign(actor=org.office_focal, facility=org.hospital)


def refusals(campaign) -> list[str]:  # type: ignore[no-untyped-def]
    return list(RefusedSubmission.objects.filter(campaign=campaign).values_list("reason", flat=True))


def test_a_submission_is_one_look_up_and_one_insert(campaign, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    loaded = public_campaign(campaign.code)  # what the public view does: one query, with the version
    assert loaded is not None
    version_schema(loaded.instrument_version)  # read once per process
    with django_assert_max_num_queries(4):  # duplicate look-up, then savepoint, INSERT, release
        response = response_submit(campaign=loaded, raw_answers=raw(**GOOD), client="c1")
    stored = Response.objects.get(pk=response.pk)
    assert stored.answers == {"A1": 5, "A2": 4, "B2": 4, "G1": 90}
    assert (stored.likert_answered, stored.likert_satisfied, stored.all_satisfied) == (3, 3, True)
    assert stored.expectation_pct == 90
    assert stored.version_id == campaign.instrument_version_id
    assert stored.channel == ResponseChannel.WEB and stored.client_hash == "c1"
    assert len(stored.duplicate_key) == 64


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_public_submission_is_one_look_up_and_one_statement(org: Org) -> None:
    campaign = open_campaign(actor=org.office_focal, facility=org.hospital)
    loaded = public_campaign(campaign.code)
    assert loaded is not None
    version_schema(loaded.instrument_version)
    with CaptureQueriesContext(connection) as queries:
        response = response_submit(campaign=loaded, raw_answers=raw(**GOOD), client="c1")
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["SELECT", "INSERT"]
    assert Response.objects.get(pk=response.pk).answers == {"A1": 5, "A2": 4, "B2": 4, "G1": 90}
    with pytest.raises(SubmissionRefused):
        response_submit(campaign=loaded, raw_answers=raw(**GOOD), client="c1")
    assert Response.objects.count() == 1


def test_honeypot_is_refused_and_counted(campaign) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="bot", honeypot="http://spam")
    assert refused.value.reason == RefusalReason.HONEYPOT
    assert "tải lại trang" in refused.value.message
    assert Response.objects.count() == 0
    assert refusals(campaign) == [RefusalReason.HONEYPOT]


@override_settings(CCHC_SURVEY_RATE_LIMIT=(3, 600))
def test_rate_limit_per_client_and_campaign(campaign, org: Org) -> None:  # type: ignore[no-untyped-def]
    for score in (1, 2, 3):
        response_submit(campaign=campaign, raw_answers=raw(A1=score, B2=4), client="same-phone")
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(campaign=campaign, raw_answers=raw(A1=5, B2=4), client="same-phone")
    assert refused.value.reason == RefusalReason.RATE_LIMITED
    assert "thử lại sau" in refused.value.message
    response_submit(campaign=campaign, raw_answers=raw(A1=5, B2=4), client="another-phone")
    other = open_campaign(actor=org.office_focal, facility=org.hospital, code="khac")
    response_submit(campaign=other, raw_answers=raw(A1=5, B2=4), client="same-phone")
    assert Response.objects.count() == 5
    assert refusals(campaign) == [RefusalReason.RATE_LIMITED]


@override_settings(CCHC_SURVEY_RATE_LIMIT=(2, 600))
def test_rate_limit_holds_across_web_workers_and_ends_with_its_window(campaign) -> None:  # type: ignore[no-untyped-def]
    for score in (1, 2):
        response_submit(campaign=campaign, raw_answers=raw(A1=score, B2=4), client="same-phone")
        cache.clear()  # the next request lands on another worker, with a cache of its own
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(campaign=campaign, raw_answers=raw(A1=3, B2=4), client="same-phone")
    assert refused.value.reason == RefusalReason.RATE_LIMITED
    Response.objects.update(submitted_at=timezone.now() - datetime.timedelta(seconds=601))
    response_submit(campaign=campaign, raw_answers=raw(A1=3, B2=4), client="same-phone")
    assert Response.objects.count() == 3


@override_settings(CCHC_SURVEY_RATE_LIMIT=(1, 600), CCHC_SURVEY_KIOSK_RATE_LIMIT=(50, 600))
def test_kiosk_has_its_own_higher_limit(campaign) -> None:  # type: ignore[no-untyped-def]
    for score in (1, 2, 3, 4):
        response_submit(campaign=campaign, raw_answers=raw(A1=score, B2=4), client="tablet", channel="kiosk")
    assert Response.objects.filter(channel="kiosk").count() == 4


def test_same_answers_from_same_client_within_the_window_are_a_duplicate(campaign) -> None:  # type: ignore[no-untyped-def]
    response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1")
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1")
    assert refused.value.reason == RefusalReason.DUPLICATE
    response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c2")  # another person, same opinion
    assert Response.objects.count() == 2
    assert refusals(campaign) == [RefusalReason.DUPLICATE]


@override_settings(CCHC_SURVEY_DUPLICATE_WINDOW=60)
def test_same_answers_after_the_window_are_accepted(campaign) -> None:  # type: ignore[no-untyped-def]
    first = response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1")
    Response.objects.filter(pk=first.pk).update(submitted_at=first.submitted_at - datetime.timedelta(minutes=5))
    response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1")
    assert Response.objects.count() == 2


def test_invalid_answers_are_refused_counted_and_nothing_stored(campaign) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SubmissionInvalid) as invalid:
        response_submit(campaign=campaign, raw_answers=raw(A1=5), client="c1")
    assert set(invalid.value.errors) == {"B2"}
    assert Response.objects.count() == 0
    assert refusals(campaign) == [RefusalReason.INVALID]


def test_closed_campaign_refuses_and_counts(campaign, org: Org) -> None:  # type: ignore[no-untyped-def]
    campaign_close(actor=org.office_focal, campaign=campaign)
    campaign.refresh_from_db()
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1")
    assert refused.value.reason == RefusalReason.CLOSED
    assert refusals(campaign) == [RefusalReason.CLOSED]


def test_contact_details_are_dropped_without_consent(campaign) -> None:  # type: ignore[no-untyped-def]
    contact = Contact(consent=False, name="Nguyễn Văn A", phone="0905000111", email="a@example.vn")
    response = response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1", contact=contact)
    stored = Response.objects.get(pk=response.pk)
    assert (stored.consent_given, stored.contact_name, stored.contact_phone, stored.contact_email) == (
        False,
        "",
        "",
        "",
    )
    assert stored.consent_text == "" and stored.consented_at is None


def test_contact_details_are_kept_with_consent_text_and_time(campaign) -> None:  # type: ignore[no-untyped-def]
    contact = Contact(consent=True, name="Nguyễn Văn A", phone="0905000111")
    response = response_submit(campaign=campaign, raw_answers=raw(**GOOD), client="c1", contact=contact)
    stored = Response.objects.get(pk=response.pk)
    assert stored.consent_given and stored.contact_phone == "0905000111"
    assert stored.consent_text == CONSENT_TEXT and stored.consented_at is not None


def test_paper_form_number_is_unique_in_the_campaign(campaign, org: Org) -> None:  # type: ignore[no-untyped-def]
    response = response_submit(
        campaign=campaign,
        raw_answers=raw(**GOOD),
        channel=ResponseChannel.INTERVIEWER,
        entered_by=org.hospital_staff,
        paper_form_number="0012",
    )
    assert AuditEvent.objects.filter(action="response_enter", object_id=str(response.pk)).exists()
    with pytest.raises(SubmissionRefused) as refused:
        response_submit(
            campaign=campaign,
            raw_answers=raw(A1=1, B2=1),
            channel=ResponseChannel.INTERVIEWER,
            entered_by=org.hospital_staff,
            paper_form_number="0012",
        )
    assert "0012" in refused.value.message


def test_paper_form_with_the_same_answers_needs_confirmation(campaign, org: Org) -> None:  # type: ignore[no-untyped-def]
    options = {"campaign": campaign, "channel": ResponseChannel.INTERVIEWER, "entered_by": org.hospital_staff}
    response_submit(raw_answers=raw(**GOOD), paper_form_number="1", **options)
    with pytest.raises(PossibleDuplicate):
        response_submit(raw_answers=raw(**GOOD), paper_form_number="2", **options)
    response_submit(raw_answers=raw(**GOOD), paper_form_number="2", allow_same_answers=True, **options)
    assert Response.objects.filter(channel=ResponseChannel.INTERVIEWER).count() == 2


def test_paper_form_keeps_its_survey_date(campaign, org: Org) -> None:  # type: ignore[no-untyped-def]
    moment = datetime.datetime(2026, 3, 2, 5, 0, tzinfo=datetime.UTC)
    response = response_submit(
        campaign=campaign,
        raw_answers=raw(**GOOD),
        channel=ResponseChannel.INTERVIEWER,
        entered_by=org.hospital_staff,
        paper_form_number="7",
        submitted_at=moment,
    )
    assert response.submitted_at == moment


def test_demo_seed_makes_open_campaigns_with_plausible_answers(org: Org) -> None:
    campaigns = surveys_seed_demo(
        focal=org.office_focal, hospital=org.hospital, one_stop=org.one_stop, collector=org.hospital_staff, responses=40
    )
    assert [c.responses.count() for c in campaigns] == [40, 20]
    rows = Response.objects.filter(campaign=campaigns[0])
    satisfied = sum(r.likert_satisfied for r in rows) / max(1, sum(r.likert_answered for r in rows))
    assert 0.6 < satisfied < 1
    assert not RefusedSubmission.objects.exists()
