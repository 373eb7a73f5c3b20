from django.urls import URLPattern, URLResolver

app_name = "procedures_public"

urlpatterns: list[URLPattern | URLResolver] = []
