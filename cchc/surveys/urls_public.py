from django.urls import URLPattern, URLResolver, path

from .views import public

app_name = "surveys_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ho-so/<str:token>/", public.dossier_survey_view, name="dossier"),
    path("<slug:code>/", public.survey_form_view, name="form"),
    path("<slug:code>/cam-on/", public.survey_thanks_view, name="thanks"),
    path("<slug:code>/kiosk/", public.survey_form_view, {"kiosk": True}, name="kiosk"),
    path("<slug:code>/<slug:point_code>/", public.survey_form_view, name="point_form"),
    path("<slug:code>/<slug:point_code>/kiosk/", public.survey_form_view, {"kiosk": True}, name="point_kiosk"),
]
