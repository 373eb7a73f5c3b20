from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: the organisation's name, the menu and the unread notification count."""
    context: dict[str, Any] = {"organisation_name": settings.CCHC_ORGANISATION_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["menu"] = menu_for(user, request.path)
        context["unread_notifications"] = user.notifications.filter(read_at__isnull=True).count()
    return context
