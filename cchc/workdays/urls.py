from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("seed/", views.calendar_seed_view, name="seed"),
    path("days/new/", views.day_form_view, name="day_create"),
    path("days/<int:pk>/edit/", views.day_form_view, name="day_update"),
    path("days/<int:pk>/delete/", views.day_delete_view, name="day_delete"),
]
