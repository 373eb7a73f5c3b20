"""URL patterns of the satisfaction indices and reports (mounted at /surveys/reports/, namespace surveys)."""

from django.urls import URLPattern, URLResolver, path

from .views import reports

urlpatterns: list[URLPattern | URLResolver] = [
    path("", reports.index_view, name="report_index"),
    path("co-so/", reports.facility_view, name="report_facilities"),
    path("can-cai-thien/", reports.improvement_view, name="report_improvement"),
    path("y-kien/", reports.text_answers_view, name="report_text_answers"),
    path("phieu/", reports.responses_view, name="report_responses"),
    path("cau-tra-loi.xlsx", reports.answers_xlsx_view, name="report_answers_xlsx"),
    path("chi-so.xlsx", reports.indices_xlsx_view, name="report_indices_xlsx"),
    path("bao-cao-tinh.docx", reports.province_report_view, name="report_province_docx"),
]
