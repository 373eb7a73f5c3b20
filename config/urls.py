from django.conf import settings
from django.urls import include, path

from cchc.core.views import healthz

handler403 = "cchc.core.views.permission_denied"

urlpatterns = [
    # First: the public survey form takes the most requests, and Django tries the patterns in order.
    path("khao-sat/", include("cchc.surveys.urls_public")),
    path("", include("cchc.dashboard.urls")),
    path("accounts/", include("allauth.urls")),
    path("org/", include("cchc.org.urls")),
    path("calendar/", include("cchc.workdays.urls")),
    path("plans/", include("cchc.plans.urls")),
    path("evidence/", include("cchc.evidence.urls")),
    path("par/", include("cchc.scorecard.urls")),
    path("procedures/", include("cchc.procedures.urls")),
    path("dossiers/", include("cchc.dossiers.urls")),
    path("surveys/", include("cchc.surveys.urls")),
    path("cong-khai/", include("cchc.portal.urls")),
    path("cong-khai/thu-tuc/", include("cchc.procedures.urls_public")),
    path("cong-khai/ho-so/", include("cchc.dossiers.urls_public")),
    path("api/", include("cchc.api.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("cchc.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
