from django.urls import URLPattern, URLResolver, path

from .views import catalogue, decisions, imports

app_name = "procedures"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", catalogue.procedure_list_view, name="procedure_list"),
    path("new/", catalogue.procedure_create_view, name="procedure_create"),
    path("<int:pk>/", catalogue.procedure_detail_view, name="procedure_detail"),
    path("<int:pk>/edit/", catalogue.procedure_update_view, name="procedure_update"),
    path("<int:pk>/abolish/", catalogue.procedure_abolish_view, name="procedure_abolish"),
    path("<int:pk>/qr/", catalogue.procedure_qr_view, name="procedure_qr"),
    path("posters/", catalogue.unit_posters_view, name="unit_posters"),
    path("import/", imports.catalogue_import_view, name="catalogue_import"),
    path("import/review/", imports.catalogue_import_review_view, name="catalogue_import_review"),
    path("import/template/", imports.catalogue_template_view, name="catalogue_template"),
    path("decisions/ministry/", decisions.ministry_decision_list_view, name="ministry_decision_list"),
    path("decisions/ministry/new/", decisions.ministry_decision_form_view, name="ministry_decision_create"),
    path("decisions/ministry/<int:pk>/edit/", decisions.ministry_decision_form_view, name="ministry_decision_update"),
    path("decisions/province/", decisions.publication_decision_list_view, name="publication_decision_list"),
    path("decisions/province/new/", decisions.publication_decision_form_view, name="publication_decision_create"),
    path(
        "decisions/province/<int:pk>/", decisions.publication_decision_detail_view, name="publication_decision_detail"
    ),
    path(
        "decisions/province/<int:pk>/edit/",
        decisions.publication_decision_form_view,
        name="publication_decision_update",
    ),
    path("decisions/delays/", decisions.delay_view, name="delays"),
]
