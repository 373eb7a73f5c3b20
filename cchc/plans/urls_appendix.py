"""URL patterns of the appendix part of the plans module."""

from django.urls import URLPattern, path

from .views import appendix

urlpatterns: list[URLPattern] = [
    path("<int:pk>/import/", appendix.appendix_import_view, name="appendix_import"),
    path("<int:pk>/import/review/", appendix.appendix_review_view, name="appendix_review"),
    path("<int:pk>/export/<str:fmt>/", appendix.appendix_export_view, name="appendix_export"),
]
