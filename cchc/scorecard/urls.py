from django.urls import include, path

app_name = "scorecard"

urlpatterns = [
    path("", include("cchc.scorecard.urls_board")),
    path("frameworks/", include("cchc.scorecard.urls_frameworks")),
    path("", include("cchc.scorecard.urls_round")),
]
