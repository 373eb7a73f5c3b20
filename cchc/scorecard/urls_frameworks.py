"""URL patterns of the frameworks part of the PAR module (mounted at /par/frameworks/)."""

from django.urls import path

from .views import frameworks as views

urlpatterns = [
    path("", views.framework_list_view, name="framework_list"),
    path("import/", views.framework_import_view, name="framework_import"),
    path("default/", views.framework_load_default_view, name="framework_load_default"),
    path("<int:pk>/", views.framework_detail_view, name="framework_detail"),
    path("<int:pk>/edit/", views.framework_update_view, name="framework_update"),
    path("<int:pk>/export/", views.framework_export_view, name="framework_export"),
    path("<int:pk>/copy/", views.framework_copy_view, name="framework_copy"),
    path("<int:pk>/criteria/new/", views.criterion_form_view, name="criterion_create"),
    path("criteria/<int:criterion_pk>/edit/", views.criterion_form_view, name="criterion_update"),
    path("criteria/<int:criterion_pk>/delete/", views.criterion_delete_view, name="criterion_delete"),
    path("<int:pk>/bands/new/", views.band_form_view, name="band_create"),
    path("bands/<int:band_pk>/edit/", views.band_form_view, name="band_update"),
    path("bands/<int:band_pk>/delete/", views.band_delete_view, name="band_delete"),
]
