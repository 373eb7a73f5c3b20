"""Every page and endpoint, for every named person: allowed (200/302), forbidden (403) or hidden (404)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from conftest import Org

ALL = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin outsider"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: Callable[[Org], str]
    expected: dict[str, int]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ALL.split(), status)


def only(allowed: str, status: int = 200, others: int = 403) -> dict[str, int]:
    expected = everyone(others)
    expected.update(dict.fromkeys(allowed.split(), status))
    return expected


STAFF = "leader tccb_officer office_focal room_head specialist hospital_staff one_stop_officer inspector admin"
DEPARTMENT_VIEWERS = "leader tccb_officer office_focal admin"

CASES = [
    Case("home", "get", lambda o: "/", everyone(200)),
    Case("notifications", "get", lambda o: "/notifications/", everyone(200)),
    Case("unit list", "get", lambda o: "/org/units/", everyone(200)),
    Case("unit export", "get", lambda o: "/org/units/?export=xlsx", everyone(200)),
    Case("unit detail", "get", lambda o: f"/org/units/{o.hospital.pk}/", only(STAFF, others=404)),
    Case("unit history", "get", lambda o: f"/history/org/unit/{o.hospital.pk}/", only(STAFF, others=404)),
    Case("unit create", "get", lambda o: "/org/units/new/", only("admin")),
    Case("unit import", "get", lambda o: "/org/units/import/", only("admin")),
    Case("unit edit", "get", lambda o: f"/org/units/{o.hospital.pk}/edit/", {**only("admin"), "outsider": 404}),
    Case("unit delete", "get", lambda o: f"/org/units/{o.hospital.pk}/delete/", {**only("admin"), "outsider": 404}),
    Case("person list", "get", lambda o: "/org/people/", everyone(200)),
    Case("person export", "get", lambda o: "/org/people/?export=xlsx", everyone(200)),
    Case(
        "person detail in the medical room",
        "get",
        lambda o: f"/org/people/{o.specialist.pk}/",
        only(f"{DEPARTMENT_VIEWERS} room_head specialist", others=404),
    ),
    Case(
        "person history in the medical room",
        "get",
        lambda o: f"/history/org/user/{o.specialist.pk}/",
        only(f"{DEPARTMENT_VIEWERS} room_head specialist", others=404),
    ),
    Case("person create", "get", lambda o: "/org/people/new/", only("tccb_officer admin")),
    Case("person import", "get", lambda o: "/org/people/import/", only("tccb_officer admin")),
    Case(
        "person edit",
        "get",
        lambda o: f"/org/people/{o.specialist.pk}/edit/",
        {
            **only("tccb_officer admin", others=404),
            "leader": 403,
            "office_focal": 403,
            "room_head": 403,
            "specialist": 403,
        },
    ),
    Case(
        "person reset two-factor",
        "get",
        lambda o: f"/org/people/{o.specialist.pk}/reset-mfa/",
        {
            **only("tccb_officer admin", others=404),
            "leader": 403,
            "office_focal": 403,
            "room_head": 403,
            "specialist": 403,
        },
    ),
    Case("calendar", "get", lambda o: "/calendar/?year=2026", everyone(200)),
    Case("calendar seed", "post", lambda o: "/calendar/seed/?year=2026", only("office_focal admin", status=302)),
    Case("calendar day create", "get", lambda o: "/calendar/days/new/", only("office_focal admin")),
    Case("security log", "get", lambda o: "/security-log/", only("admin")),
    Case("security log export", "get", lambda o: "/security-log/?export=xlsx", only("admin")),
    Case("api units", "get", lambda o: "/api/v1/units/", everyone(200)),
    Case("api unit detail", "get", lambda o: f"/api/v1/units/{o.hospital.pk}/", only(STAFF, others=404)),
    Case("api people", "get", lambda o: "/api/v1/people/", everyone(200)),
    Case(
        "api person detail",
        "get",
        lambda o: f"/api/v1/people/{o.specialist.pk}/",
        only(f"{DEPARTMENT_VIEWERS} room_head specialist", others=404),
    ),
    Case("api schema", "get", lambda o: "/api/schema/", everyone(200)),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_person_gets_exactly_what_their_role_allows(
    org: Org, client_for: Callable[..., Client], case: Case
) -> None:
    people = org.people()
    outcomes = {}
    for who, person in people.items():
        client = client_for(person)
        response = getattr(client, case.method)(case.path(org))
        outcomes[who] = response.status_code
    assert outcomes == case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_anonymous_visitors_are_sent_to_sign_in(org: Org, client_for: Callable[..., Client], case: Case) -> None:
    response = getattr(client_for(None), case.method)(case.path(org))
    if case.path(org).startswith("/api/"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
