"""URL patterns of the appendix part of the plans module."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
