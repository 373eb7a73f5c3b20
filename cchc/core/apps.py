from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from . import security  # noqa: F401  (connects the sign-in event receivers)
