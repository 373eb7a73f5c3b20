from django.urls import include, path

app_name = "dossiers"

urlpatterns = [
    path("", include("cchc.dossiers.urls_desk")),
    path("statistics/", include("cchc.dossiers.urls_stats")),
]
