"""Sign-in by username or e-mail, throttling, the security log and two-factor sign-in."""

from collections.abc import Callable

import pytest
from django.test import Client, override_settings

from cchc.core.choices import SecurityEventKind
from cchc.core.models import SecurityEvent
from cchc.org.choices import Role
from cchc.org.services import person_create
from conftest import PASSWORD, Org, current_totp_code


def sign_in(client: Client, login: str, password: str = PASSWORD) -> object:
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_sign_in_by_username_is_logged(org: Org, client: Client) -> None:
    response = sign_in(client, "specialist")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOGIN_SUCCEEDED)
    assert event.user == org.specialist
    assert event.ip_address == "10.0.0.7"


def test_sign_in_by_email_works(org: Org, client: Client) -> None:
    sign_in(client, "specialist@syt.test")
    assert client.get("/").status_code == 200


def test_failed_sign_in_is_logged_with_the_name_typed(org: Org, client: Client) -> None:
    response = sign_in(client, "specialist", "wrong-password")
    assert response.status_code == 200
    assert client.get("/").status_code == 302
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOGIN_FAILED)
    assert event.username == "specialist"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_even_with_the_right_password(org: Org, client: Client) -> None:
    for _attempt in range(3):
        sign_in(client, "specialist", "wrong-password")
    response = sign_in(client, "specialist")
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert client.get("/").status_code == 302
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKED_OUT, username="specialist").exists()


def test_leader_must_enter_the_authenticator_code(org: Org, client: Client) -> None:
    response = sign_in(client, "leader")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_from_the_step_before_is_taken_and_an_older_one_is_not(org: Org, client: Client) -> None:
    sign_in(client, "leader")
    assert client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(steps_back=3)}).status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(steps_back=1)})
    assert response.status_code == 302 and client.get("/").status_code == 200


@override_settings(CCHC_REQUIRE_MFA=True)
def test_leader_without_authenticator_is_sent_to_set_one_up(org: Org, client_for: Callable[..., Client]) -> None:
    leader = person_create(
        actor=None, username="pgd", full_name="Phó Giám đốc", roles=[Role.LEADERSHIP], password=PASSWORD
    )
    response = client_for(leader).get("/org/units/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(CCHC_REQUIRE_MFA=False)
def test_demo_mode_lets_leader_in_without_authenticator(org: Org, client_for: Callable[..., Client]) -> None:
    leader = person_create(
        actor=None, username="pgd", full_name="Phó Giám đốc", roles=[Role.LEADERSHIP], password=PASSWORD
    )
    assert client_for(leader).get("/org/units/").status_code == 200


def test_specialist_needs_no_second_factor(org: Org, client_for: Callable[..., Client]) -> None:
    assert client_for(org.specialist).get("/org/units/").status_code == 200


def test_permission_denial_is_logged(org: Org, client_for: Callable[..., Client]) -> None:
    client_for(org.specialist).get("/security-log/")
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PERMISSION_DENIED)
    assert event.user == org.specialist
    assert event.path == "/security-log/"


def test_looking_at_another_units_person_is_logged_and_hidden(org: Org, client_for: Callable[..., Client]) -> None:
    response = client_for(org.hospital_staff).get(f"/org/people/{org.specialist.pk}/")
    assert response.status_code == 404
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.HIDDEN_OBJECT, user=org.hospital_staff).exists()


@pytest.mark.parametrize("path", ["/org/units/?export=xlsx", "/org/people/?export=xlsx"])
def test_exports_are_logged(org: Org, client_for: Callable[..., Client], path: str) -> None:
    client_for(org.room_head).get(path)
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.EXPORT, user=org.room_head).exists()


def test_sessions_expire_when_idle(settings: object) -> None:
    from django.conf import settings as live

    assert live.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < live.SESSION_COOKIE_AGE <= 8 * 3600
