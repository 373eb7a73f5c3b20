from django.urls import URLPattern, URLResolver

app_name = "surveys_public"

urlpatterns: list[URLPattern | URLResolver] = []
