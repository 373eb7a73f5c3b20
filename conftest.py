"""Named people and units shared by every test: one person per role, in a small Sở Y tế."""

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cchc.org.choices import Role, UnitKind
from cchc.org.models import Unit, User
from cchc.org.services import person_create, unit_create

PASSWORD = "test-password-2026"


@dataclass
class Org:
    department: Unit
    leadership_unit: Unit
    office: Unit
    personnel: Unit
    medical: Unit
    hospital: Unit
    one_stop: Unit
    inspectorate: Unit
    leader: User
    tccb_officer: User
    office_focal: User
    room_head: User
    specialist: User
    hospital_staff: User
    one_stop_officer: User
    inspector: User
    admin: User
    outsider: User

    def people(self) -> dict[str, User]:
        return {
            "leader": self.leader,
            "tccb_officer": self.tccb_officer,
            "office_focal": self.office_focal,
            "room_head": self.room_head,
            "specialist": self.specialist,
            "hospital_staff": self.hospital_staff,
            "one_stop_officer": self.one_stop_officer,
            "inspector": self.inspector,
            "admin": self.admin,
            "outsider": self.outsider,
        }


def _unit(code: str, name: str, kind: str, parent: Unit | None = None) -> Unit:
    return unit_create(actor=None, code=code, name=name, kind=kind, parent=parent)


def _person(username: str, full_name: str, unit: Unit | None, roles: list[str]) -> User:
    return person_create(
        actor=None,
        username=username,
        full_name=full_name,
        email=f"{username}@syt.test",
        unit=unit,
        roles=roles,
        password=PASSWORD,
    )


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user: User) -> User:
    """Give a person an authenticator app, as leadership and administrators must have."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)
    return user


def build_org() -> Org:
    department = _unit("SYT", "Sở Y tế", UnitKind.DEPARTMENT)
    leadership_unit = _unit("BGD", "Ban Giám đốc", UnitKind.LEADERSHIP, department)
    office = _unit("VP", "Văn phòng Sở", UnitKind.ROOM, department)
    personnel = _unit("TCCB", "Phòng Tổ chức – Cán bộ", UnitKind.ROOM, department)
    medical = _unit("NVY", "Phòng Nghiệp vụ Y", UnitKind.ROOM, department)
    hospital = _unit("BVDK", "Bệnh viện Đa khoa tỉnh", UnitKind.SUBORDINATE, department)
    one_stop = _unit("MC", "Bộ phận một cửa", UnitKind.ONE_STOP, office)
    inspectorate = _unit("TTRA", "Thanh tra Sở", UnitKind.ROOM, department)
    return Org(
        department=department,
        leadership_unit=leadership_unit,
        office=office,
        personnel=personnel,
        medical=medical,
        hospital=hospital,
        one_stop=one_stop,
        inspectorate=inspectorate,
        leader=with_totp(_person("leader", "Nguyễn Giám Đốc", leadership_unit, [Role.LEADERSHIP])),
        tccb_officer=_person("tccb", "Trần Tổ Chức", personnel, [Role.PAR_FOCAL]),
        office_focal=_person("office", "Lê Văn Phòng", office, [Role.OFFICE_FOCAL]),
        room_head=_person("roomhead", "Phạm Trưởng Phòng", medical, [Role.UNIT_HEAD]),
        specialist=_person("specialist", "Hoàng Chuyên Viên", medical, [Role.SPECIALIST]),
        hospital_staff=_person("hospital", "Võ Bệnh Viện", hospital, [Role.UNIT_HEAD]),
        one_stop_officer=_person("onestop", "Đặng Một Cửa", one_stop, [Role.ONE_STOP_OFFICER]),
        inspector=_person("inspector", "Bùi Thanh Tra", inspectorate, [Role.INSPECTOR]),
        admin=with_totp(_person("admin", "Đỗ Quản Trị", office, [Role.SYSTEM_ADMIN])),
        outsider=_person("outsider", "Người Ngoài", None, []),
    )


@pytest.fixture
def org(db: None) -> Org:
    return build_org()


@pytest.fixture
def client_for(client: Client) -> Callable[[User | None], Client]:
    """A test client signed in as the given person (None: anonymous)."""

    def sign_in(user: User | None) -> Client:
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


# ---- Real-browser tests (Playwright driving Debian's Chromium) ----

SCREENSHOTS = Path(__file__).resolve().parent / "docs" / "user-guide" / "img"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_org(transactional_db: None) -> Org:
    from cchc.plans.services import reform_areas_ensure_defaults

    reform_areas_ensure_defaults()  # a transactional test starts from empty tables, without migration data
    return build_org()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(page: Any, name: str) -> None:
    """Save a full-page screenshot for the user guide."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def current_totp_code(steps_back: int = 0) -> str:
    """The authenticator app's code for the test users' secret at this 30-second step (or an earlier one)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30 - steps_back))


def browser_sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, answering the authenticator step when the role requires it."""
    page.goto("/accounts/login/")
    page.get_by_label("Tài khoản").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(current_totp_code())
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache (allauth remembers used one-time codes there)."""
    from django.core.cache import cache

    cache.clear()
    yield
