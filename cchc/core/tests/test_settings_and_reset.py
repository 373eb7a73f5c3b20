"""Production refuses unsafe settings; a forgotten password is reset by e-mail, in Vietnamese."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from conftest import Org

ROOT = Path(__file__).resolve().parents[3]


def production_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("CCHC_", "DJANGO_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "CCHC_SECRET_KEY"),
        ({"CCHC_SECRET_KEY": "x" * 60, "CCHC_DEBUG": "true"}, "CCHC_DEBUG must be off"),
        ({"CCHC_SECRET_KEY": "short"}, "CCHC_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(env: dict[str, str], message: str) -> None:
    result = production_check(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_secret() -> None:
    assert production_check(CCHC_SECRET_KEY="k" * 64).returncode == 0


def test_forgotten_password_is_reset_by_email(org: Org, client: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "specialist@syt.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["specialist@syt.test"]
    assert "đặt lại mật khẩu" in message.subject.lower()
    link = next(word for word in message.body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("testserver", 1)[-1]
    form_page = client.get(path, follow=True)
    new_password = "mat-khau-moi-2026!"
    client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    org.specialist.refresh_from_db()
    assert org.specialist.check_password(new_password)
