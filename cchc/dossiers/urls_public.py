from django.urls import URLPattern, URLResolver, path

from .views import public

app_name = "dossiers_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.lookup_view, name="lookup"),
    path("tra-cuu/<str:token>/", public.status_view, name="status"),
]
