"""Shell-level pages: notifications, object history, the security log, health and the 403 page."""

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .choices import SecurityEventKind
from .filters import SecurityEventFilter
from .listing import paginate, xlsx_download
from .permissions import get_visible_or_404
from .security import record_request_event
from .selectors import audit_events_for, notifications_for, security_events_for
from .services import notification_mark_read, notifications_mark_all_read


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """All of a person's notifications; the HTMX request from the bell gets the latest few."""
    notifications = notifications_for(request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "core/partials/notification_menu.html", {"notifications": notifications[:8]})
    return render(request, "core/notification_list.html", {"page": paginate(request, notifications)})


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return "/"


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notification read and go to what it is about."""
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(notification=notification)
    return redirect(_safe_next(request, notification.url or "/notifications/"))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(recipient=request.user)
    return redirect("core:notification_list")


@login_required
@require_GET
def object_history(request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    """Who changed what and when, for any object the user may see."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if getattr(model, "restrict_policy", None) is None:
        raise Http404
    instance = get_visible_or_404(request, model.objects.all(), pk=pk)
    events = audit_events_for(instance)
    return render(
        request,
        "core/object_history.html",
        {"object": instance, "verbose_name": model._meta.verbose_name, "page": paginate(request, events)},
    )


@login_required
@require_GET
def security_log(request: HttpRequest) -> HttpResponse:
    """Sign-ins, failures, lock-outs, denials and exports (security auditors only)."""
    if not request.user.has_perm("core.view_security_log"):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được xem nhật ký bảo mật."))
    events = security_events_for(request.user)
    filterset = SecurityEventFilter(request.GET, queryset=events)
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        return xlsx_download(
            request,
            filename="nhat-ky-bao-mat",
            title=_("Nhật ký bảo mật"),
            headers=[
                _("Thời điểm"),
                _("Loại sự kiện"),
                _("Tên đăng nhập"),
                _("Địa chỉ IP"),
                _("Đường dẫn"),
                _("Chi tiết"),
            ],
            rows=(
                [
                    event.occurred_at,
                    event.get_kind_display(),
                    event.username,
                    event.ip_address,
                    event.path,
                    event.detail,
                ]
                for event in rows.iterator()
            ),
        )
    return render(request, "core/security_log.html", {"filter": filterset, "page": paginate(request, rows)})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page; every denial is written to the security log."""
    reason = str(exception) if exception and str(exception) else _("Bạn không có quyền thực hiện thao tác này.")
    record_request_event(request, SecurityEventKind.PERMISSION_DENIED, detail=reason)
    return render(request, "403.html", {"reason": reason}, status=403)


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    payload: dict[str, Any] = {"status": "ok"}
    return JsonResponse(payload)
