from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_list_view, name="unit_list"),
    path("units/new/", views.unit_create_view, name="unit_create"),
    path("units/import/", views.unit_import_view, name="unit_import"),
    path("units/<int:pk>/", views.unit_detail_view, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_update_view, name="unit_update"),
    path("units/<int:pk>/delete/", views.unit_delete_view, name="unit_delete"),
    path("people/", views.person_list_view, name="person_list"),
    path("people/new/", views.person_create_view, name="person_create"),
    path("people/import/", views.person_import_view, name="person_import"),
    path("people/<int:pk>/", views.person_detail_view, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update_view, name="person_update"),
    path("people/<int:pk>/reset-mfa/", views.person_mfa_reset_view, name="person_mfa_reset"),
]
