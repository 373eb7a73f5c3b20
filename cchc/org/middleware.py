"""Two-factor sign-in is required for leadership and administrators (CCHC_REQUIRE_MFA)."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .roles import MFA_REQUIRED_ROLES

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/i18n/")


class RequireMfaForPrivilegedRolesMiddleware:
    """Sends a leader or administrator without an authenticator app to set one up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.CCHC_REQUIRE_MFA
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and user.has_any_role(MFA_REQUIRED_ROLES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _("Vai trò của bạn bắt buộc đăng nhập hai lớp. Hãy cài ứng dụng xác thực (TOTP) để tiếp tục."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
