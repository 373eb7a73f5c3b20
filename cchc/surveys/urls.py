from django.urls import include, path

app_name = "surveys"

urlpatterns = [
    path("", include("cchc.surveys.urls_collection")),
    path("reports/", include("cchc.surveys.urls_reports")),
]
