from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/", include("cchc.dossiers.urls_api")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
