"""URL patterns of the board part of the PAR module: the scorecard, points at risk, year over year, downloads."""

from django.urls import path

from .views import board

urlpatterns = [
    path("", board.scorecard_view, name="scorecard"),
    path("risk/", board.points_at_risk_view, name="points_at_risk"),
    path("history/", board.year_over_year_view, name="year_over_year"),
    path("assessments/<int:pk>/bao-cao.docx", board.report_docx_view, name="report_docx"),
    path("assessments/<int:pk>/bang-diem.xlsx", board.score_table_view, name="score_table_xlsx"),
    path("assessments/<int:pk>/ho-so-kiem-chung.zip", board.evidence_package_view, name="evidence_package"),
]
