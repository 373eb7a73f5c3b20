from django.urls import path

from .views import imports, statistics

urlpatterns = [
    path("", statistics.statistics_view, name="statistics"),
    path("dossiers/", statistics.stat_dossiers_view, name="stat_dossiers"),
    path("indicators/", statistics.indicators_view, name="indicators"),
    path("imports/", imports.import_list_view, name="import_list"),
    path("imports/upload/", imports.import_upload_view, name="import_upload"),
    path("imports/<int:pk>/", imports.import_detail_view, name="import_detail"),
    path("imports/<int:pk>/start/", imports.import_start_view, name="import_start"),
    path("imports/<int:pk>/cancel/", imports.import_cancel_view, name="import_cancel"),
    path("imports/<int:pk>/problems.xlsx", imports.import_problems_view, name="import_problems"),
]
