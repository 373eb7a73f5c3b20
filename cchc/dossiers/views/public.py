"""The citizen's dossier lookup (no sign-in): by code and the last 4 digits of the applicant's phone, or through
the signed link of the receipt's QR code. Shows the status and dates, never personal data."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.core.choices import SecurityEventKind
from cchc.core.security import client_address
from cchc.core.services import security_event_record

from ..choices import ApologyStatus, DossierStatus
from ..forms import PublicLookupForm
from ..models import Dossier
from ..receipts import code_from_token, status_token

DEFAULT_FAILURE_LIMIT = 10
FAILURE_WINDOW_SECONDS = 15 * 60
LOG_FAILURES_FROM = 5


def _failure_key(request: HttpRequest) -> str:
    return f"dossier-lookup-failures:{client_address(request) or 'unknown'}"


def _failure_limit() -> int:
    return int(getattr(settings, "CCHC_DOSSIER_LOOKUP_FAILURE_LIMIT", DEFAULT_FAILURE_LIMIT))


def _record_failure(request: HttpRequest, code: str) -> None:
    key = _failure_key(request)
    cache.add(key, 0, FAILURE_WINDOW_SECONDS)
    failures = cache.incr(key)
    if failures >= LOG_FAILURES_FROM:
        security_event_record(
            kind=SecurityEventKind.PERMISSION_DENIED,
            ip_address=client_address(request),
            path=request.path,
            detail=f"Tra cứu hồ sơ sai lần thứ {failures} (mã {code[:60]})",
        )


def _phone_matches(dossier: Dossier, last4: str) -> bool:
    digits = "".join(char for char in dossier.applicant_phone if char.isdigit())
    return len(digits) >= 4 and digits[-4:] == last4


def _public_facts(dossier: Dossier) -> dict[str, Any]:
    """What the status page may show: no name, phone, address or documents."""
    apology = dossier.apologies.filter(status=ApologyStatus.ISSUED).order_by("-issued_on", "-pk").first()
    return {
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "procedure_code": dossier.procedure.code,
        "status": dossier.get_status_display(),
        "status_value": dossier.status,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "appointment_at": dossier.appointment_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "paused": dossier.status == DossierStatus.SUPPLEMENT_REQUESTED,
        "returned": dossier.status == DossierStatus.RETURNED,
        "token": status_token(dossier),
        "apology": {"reason": apology.reason, "new_date": apology.new_appointment_at, "number": apology.number}
        if apology
        else None,
    }


def _find(code: str) -> Dossier | None:
    return Dossier.objects.select_related("procedure", "procedure_version").filter(code__iexact=code).first()


@require_http_methods(["GET", "POST"])
def lookup_view(request: HttpRequest) -> HttpResponse:
    """Code + last 4 phone digits; a wrong pair says only "not found"; too many failures pause the lookup."""
    form = PublicLookupForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if (cache.get(_failure_key(request)) or 0) >= _failure_limit():
            context["blocked"] = True
            return render(request, "dossiers/public/lookup.html", context, status=429)
        if form.is_valid():
            code, last4 = form.cleaned_data["code"], form.cleaned_data["phone_last4"]
            dossier = _find(code)
            if dossier is not None and _phone_matches(dossier, last4):
                context["facts"] = _public_facts(dossier)
            else:
                _record_failure(request, code)
                context["not_found"] = True
    return render(request, "dossiers/public/lookup.html", context)


def status_view(request: HttpRequest, token: str) -> HttpResponse:
    """The page the receipt's QR code opens: the signed token stands in for the phone digits."""
    code = code_from_token(token)
    dossier = _find(code) if code else None
    if dossier is None:
        raise Http404(_("Liên kết tra cứu không hợp lệ."))
    context = {"form": PublicLookupForm(initial={"code": dossier.code}), "facts": _public_facts(dossier)}
    return render(request, "dossiers/public/lookup.html", context)
