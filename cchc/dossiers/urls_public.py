from django.urls import URLPattern, URLResolver

app_name = "dossiers_public"

urlpatterns: list[URLPattern | URLResolver] = []
