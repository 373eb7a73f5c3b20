"""What every list page shares: sorting from the query string, pagination, and the XLSX export of the same rows."""

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .choices import SecurityEventKind
from .security import record_request_event
from .spreadsheets import xlsx_bytes

ModelT = TypeVar("ModelT", bound=models.Model)
PAGE_SIZES = (25, 50, 100)


def sort_queryset(
    request: HttpRequest, queryset: QuerySet[ModelT], allowed: dict[str, str], default: str
) -> tuple[QuerySet[ModelT], str]:
    """Order by `?sort=key` or `?sort=-key` when the key is allowed; returns the queryset and the key used."""
    requested = request.GET.get("sort", default)
    key = requested.lstrip("-")
    if key not in allowed:
        requested, key = default, default.lstrip("-")
    descending = requested.startswith("-")
    field = allowed[key]
    return queryset.order_by(f"-{field}" if descending else field, "pk"), requested


def paginate(request: HttpRequest, items: QuerySet[ModelT] | Sequence[Any]) -> Page[Any]:
    """The requested page (`?page=`, `?per_page=` among 25/50/100); out-of-range pages give the last page."""
    try:
        per_page = int(request.GET.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        per_page = PAGE_SIZES[0]
    if per_page not in PAGE_SIZES:
        per_page = PAGE_SIZES[0]
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def xlsx_download(
    request: HttpRequest,
    *,
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    preamble: Sequence[Sequence[Any]] = (),
) -> HttpResponse:
    """An XLSX attachment of exactly the rows given (under an optional heading, see `xlsx_bytes`); the export is
    written to the security log."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    content = xlsx_bytes(title, headers, rows, preamble=preamble)
    record_request_event(request, SecurityEventKind.EXPORT, detail=filename)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
