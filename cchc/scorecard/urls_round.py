"""URL patterns of the round part of the PAR module."""

from django.urls import path

from .views import round as views

urlpatterns = [
    path("assessments/", views.assessment_list_view, name="assessment_list"),
    path("assessments/new/", views.assessment_create_view, name="assessment_create"),
    path("assessments/<int:pk>/", views.assessment_detail_view, name="assessment_detail"),
    path("assessments/<int:pk>/<str:action>/", views.assessment_action_view, name="assessment_action"),
    path("items/<int:pk>/", views.item_detail_view, name="item_detail"),
    path("items/<int:pk>/<str:action>/", views.item_action_view, name="item_action"),
]
