"""The product's URLs plus the floor of the submission benchmark: a bare view that does one INSERT."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as product_urlpatterns

FLOOR_TABLE = "bench_floor"


def floor_table_create() -> None:
    """The floor's table, with an id the database numbers itself (SQLite and PostgreSQL spell it differently)."""
    key = "id INTEGER PRIMARY KEY" if connection.vendor == "sqlite" else "id BIGSERIAL PRIMARY KEY"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {FLOOR_TABLE} ({key}, body TEXT, created_at TEXT)")


@require_POST
def floor_view(request: HttpRequest) -> HttpResponse:
    """The least a submission can cost: the same middleware (sessions, CSRF, security), one INSERT, no page."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOOR_TABLE} (body, created_at) VALUES (%s, %s)",  # noqa: S608 - a constant name
            [request.body.decode()[:4000], timezone.now().isoformat()],
        )
    return HttpResponse(status=204)


urlpatterns = [path("bench-floor/", floor_view), *product_urlpatterns]
