"""The dossier endpoint: restricted reads, bulk upsert through the import's code path, schema."""

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cchc.core.models import AuditEvent
from cchc.dossiers.models import Dossier
from cchc.procedures.models import Procedure
from cchc.procedures.tests.factories import procedure_for_tests
from conftest import Org

from .stat_factories import dossier_make, moment


@pytest.fixture
def procedure(org: Org) -> Procedure:
    return procedure_for_tests(resolving_unit=org.medical, time_limit_days=5)


def api(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def record(code: str, **values: Any) -> dict[str, Any]:
    return {
        "code": code,
        "procedure": "1.000948.H38",
        "receiving_unit": "MC",
        "applicant_name": "Nguyễn Văn A",
        "channel": "online",
        "received_at": "2025-03-03T09:00:00+07:00",
        **values,
    }


def test_list_shows_only_the_dossiers_of_the_users_units(org: Org, procedure: Procedure) -> None:
    clinic = procedure_for_tests(resolving_unit=org.hospital, code="1.002000.H38")
    received, due = moment("03/03/2025"), moment("10/03/2025")
    dossier_make(code="NVY-1", procedure=procedure, desk=org.one_stop, received_at=received, due_at=due)
    other = dossier_make(code="BV-1", procedure=clinic, desk=org.hospital, received_at=received, due_at=due)
    response = api(org.room_head).get("/api/v1/dossiers/")
    assert response.status_code == 200
    assert [item["code"] for item in response.json()["results"]] == ["NVY-1"]
    assert api(org.room_head).get(f"/api/v1/dossiers/{other.pk}/").status_code == 404
    assert len(api(org.leader).get("/api/v1/dossiers/").json()["results"]) == 2


def test_anonymous_and_wrong_tokens_are_refused(org: Org) -> None:
    assert api(None).get("/api/v1/dossiers/").status_code == 401
    assert api(None).post("/api/v1/dossiers/bulk/", {"records": []}, format="json").status_code == 401


def test_bulk_upsert_is_idempotent_by_code(org: Org, procedure: Procedure) -> None:
    client = api(org.office_focal)
    body = {"records": [record("API-1"), record("API-2", channel="Trực tiếp")]}
    first = client.post("/api/v1/dossiers/bulk/", body, format="json")
    assert first.status_code == 200 and first.json()["created"] == 2
    again = client.post("/api/v1/dossiers/bulk/", body, format="json")
    assert again.json() | {"problems": []} == {
        "written": True, "created": 0, "updated": 0, "unchanged": 2, "problem_count": 0, "problems": []
    }  # fmt: skip
    changed = client.post("/api/v1/dossiers/bulk/", {"records": [record("API-1", paid_online=True)]}, format="json")
    assert changed.json()["updated"] == 1 and Dossier.objects.get(code="API-1").paid_online
    assert AuditEvent.objects.filter(action="dossier_import").count() == 3


def test_one_bad_record_writes_nothing(org: Org, procedure: Procedure) -> None:
    body = {"records": [record("API-1"), record("API-2", received_at="hôm qua")]}
    response = api(org.office_focal).post("/api/v1/dossiers/bulk/", body, format="json")
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert problem["row"] == 2 and problem["column"] == "received_at" and "hôm qua" in problem["message"]
    assert not Dossier.objects.exists()


def test_a_one_stop_officer_upserts_only_for_own_units(org: Org, procedure: Procedure) -> None:
    client = api(org.one_stop_officer)
    assert client.post("/api/v1/dossiers/bulk/", {"records": [record("OWN-1")]}, format="json").status_code == 200
    foreign = record("FOREIGN-1", receiving_unit="BVDK", handling_unit="BVDK")
    response = client.post("/api/v1/dossiers/bulk/", {"records": [foreign]}, format="json")
    assert response.status_code == 400 and "không có quyền" in response.json()["problems"][0]["message"]


def test_a_specialist_may_not_upsert(org: Org, procedure: Procedure) -> None:
    response = api(org.specialist).post("/api/v1/dossiers/bulk/", {"records": [record("X-1")]}, format="json")
    assert response.status_code == 403


def test_schema_documents_the_dossier_endpoints(org: Org) -> None:
    client = APIClient()
    client.force_authenticate(org.specialist)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/dossiers/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/dossiers/bulk/"]
