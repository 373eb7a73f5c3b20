"""The REST API authenticates by token and shows the same rows as the pages."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import Org


def test_token_authenticated_room_head_gets_only_the_rooms_people(org: Org) -> None:
    token = Token.objects.create(user=org.room_head)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/people/")
    assert response.status_code == 200
    assert sorted(item["username"] for item in response.json()["results"]) == ["roomhead", "specialist"]


def test_filters_are_the_same_as_the_pages(org: Org) -> None:
    client = APIClient()
    client.force_authenticate(org.leader)
    response = client.get("/api/v1/units/", {"q": "benh vien"})
    assert [item["code"] for item in response.json()["results"]] == ["BVDK"]


def test_wrong_token_is_refused(org: Org) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/units/").status_code == 401


def test_schema_documents_the_endpoints(org: Org) -> None:
    client = APIClient()
    client.force_authenticate(org.specialist)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/units/" in schema["paths"]
    assert "/api/v1/people/" in schema["paths"]
