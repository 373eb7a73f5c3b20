"""The security log: sign-ins, failures, lock-outs and denials, recorded from Django's and axes' events."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .choices import SecurityEventKind
from .services import security_event_record


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it (a proxy must set REMOTE_ADDR, e.g. gunicorn's forwarded-allow)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The name a person typed to sign in, whichever way allauth passed it (username or e-mail)."""
    for key in ("login", "username", "email"):
        if credentials and credentials.get(key):
            return str(credentials[key]).strip().lower()
    if request is not None and request.method == "POST":
        return str(request.POST.get("login", "")).strip().lower()
    return ""


def record_request_event(request: HttpRequest, kind: SecurityEventKind, detail: str = "") -> None:
    """Record an event about the current request and its user."""
    security_event_record(
        kind=kind,
        user=getattr(request, "user", None),
        ip_address=client_address(request),
        path=request.get_full_path(),
        detail=detail,
    )


@receiver(user_logged_in, dispatch_uid="cchc_login_succeeded")
def _on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_event_record(
        kind=SecurityEventKind.LOGIN_SUCCEEDED,
        user=user,
        ip_address=client_address(request),
        path=request.path if request else "",
    )


@receiver(user_logged_out, dispatch_uid="cchc_logout")
def _on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        security_event_record(kind=SecurityEventKind.LOGOUT, user=user, ip_address=client_address(request))


@receiver(user_login_failed, dispatch_uid="cchc_login_failed")
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or credentials.get("email") or credentials.get("login") or "")
    security_event_record(
        kind=SecurityEventKind.LOGIN_FAILED,
        username=username,
        ip_address=client_address(request),
        path=request.path if request else "",
    )


@receiver(user_locked_out, dispatch_uid="cchc_locked_out")
def _on_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    security_event_record(
        kind=SecurityEventKind.LOCKED_OUT,
        username=username or "",
        ip_address=ip_address,
        path=request.path if request else "",
    )
