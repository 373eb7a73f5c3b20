"""Public pages (no login): the searchable catalogue, one page per procedure, its QR code, the A4 posters
(per procedure and per desk) and the block a unit embeds in its own website."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from cchc.org.models import Unit

from ..filters import PublicProcedureFilter
from ..models import Procedure
from ..qr import qr_png, qr_svg, qr_svg_inline
from ..selectors import public_procedure, public_procedure_list

PUBLIC_PAGE_SIZE = 20


def _public_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("procedures_public:procedure_detail", args=[code]))


def _procedure_or_404(code: str) -> Procedure:
    procedure = public_procedure(code)
    if procedure is None:
        raise Http404
    return procedure


@require_GET
def public_list_view(request: HttpRequest) -> HttpResponse:
    filterset = PublicProcedureFilter(request.GET, queryset=public_procedure_list())
    page = Paginator(filterset.qs, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "procedures_public/list.html", {"filter": filterset, "page": page})


@require_GET
def public_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _procedure_or_404(code)
    url = _public_url(request, procedure.code)
    context = {
        "procedure": procedure,
        "version": procedure.current_version,
        "documents": procedure.current_version.documents.all() if procedure.current_version else [],
        "public_url": url,
        "qr": qr_svg_inline(url, scale=4),
    }
    return render(request, "procedures_public/detail.html", context)


@require_GET
def qr_png_view(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _procedure_or_404(code)
    response = HttpResponse(qr_png(_public_url(request, procedure.code)), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-{procedure.code}.png"'
    return response


@require_GET
def qr_svg_view(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _procedure_or_404(code)
    response = HttpResponse(
        qr_svg(_public_url(request, procedure.code), title=procedure.name), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'inline; filename="qr-{procedure.code}.svg"'
    return response


@require_GET
def poster_view(request: HttpRequest, code: str) -> HttpResponse:
    """An A4 page to print and post at the desk: name, code, QR code and how to use it."""
    procedure = _procedure_or_404(code)
    url = _public_url(request, procedure.code)
    context = {
        "procedure": procedure,
        "version": procedure.current_version,
        "public_url": url,
        "qr": qr_svg_inline(url, scale=8),
    }
    return render(request, "procedures_public/poster.html", context)


def _unit_procedures(unit: Unit) -> list[Procedure]:
    return list(public_procedure_list().filter(resolving_unit=unit).order_by("field__sort_order", "code"))


@require_GET
def unit_poster_view(request: HttpRequest, unit_code: str) -> HttpResponse:
    """An A4 page for a desk: every procedure the unit resolves, each with a small QR code."""
    unit = get_object_or_404(Unit, code=unit_code)
    rows = [
        {
            "procedure": procedure,
            "public_url": (url := _public_url(request, procedure.code)),
            "qr": qr_svg_inline(url, scale=2),
        }
        for procedure in _unit_procedures(unit)
    ]
    return render(request, "procedures_public/unit_poster.html", {"unit": unit, "rows": rows})


@xframe_options_exempt
@require_GET
def embed_view(request: HttpRequest) -> HttpResponse:
    """The unit's procedures as a block for an <iframe> on the unit's own website (only this page may be framed)."""
    unit = get_object_or_404(Unit, code=request.GET.get("unit", ""))
    rows = [
        {"procedure": procedure, "public_url": _public_url(request, procedure.code)}
        for procedure in _unit_procedures(unit)
    ]
    return render(request, "procedures_public/embed.html", {"unit": unit, "rows": rows})
