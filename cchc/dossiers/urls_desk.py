from django.urls import URLPattern, URLResolver, path

from .views import desk

urlpatterns: list[URLPattern | URLResolver] = [
    path("", desk.dossier_list_view, name="list"),
    path("today/", desk.desk_today_view, name="today"),
    path("receive/", desk.receive_pick_view, name="receive_pick"),
    path("receive/<int:procedure_pk>/", desk.receive_view, name="receive"),
    path("<int:pk>/", desk.dossier_detail_view, name="detail"),
    path("<int:pk>/actions/<slug:action>/", desk.dossier_action_view, name="action"),
    path("<int:pk>/receipt.<str:kind>", desk.receipt_view, name="receipt"),
    path("<int:pk>/form-<slug:form>.<str:kind>", desk.desk_form_view, name="form"),
    path("<int:pk>/apology/", desk.apology_draft_view, name="apology_draft"),
    path("apologies/", desk.apology_queue_view, name="apology_queue"),
    path("apologies/<int:pk>/<slug:action>/", desk.apology_action_view, name="apology_action"),
    path("apologies/<int:pk>/form-04.<str:kind>", desk.apology_document_view, name="apology_document"),
]
