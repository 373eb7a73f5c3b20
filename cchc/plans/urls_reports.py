"""URL patterns of the reports part of the plans module: cycles, the units' reports, the department's report."""

from django.urls import URLPattern, path

from .views import reports

urlpatterns: list[URLPattern] = [
    path("reports/", reports.cycle_list_view, name="cycle_list"),
    path("reports/new/", reports.cycle_create_view, name="cycle_create"),
    path("reports/<int:pk>/", reports.cycle_detail_view, name="cycle_detail"),
    path("reports/<int:pk>/units/<int:unit_pk>/", reports.unit_report_view, name="unit_report_edit"),
    path("reports/<int:pk>/bao-cao.docx", reports.consolidated_docx_view, name="consolidated_docx"),
    path("reports/<int:pk>/phu-luc.xlsx", reports.consolidated_xlsx_view, name="consolidated_xlsx"),
]
