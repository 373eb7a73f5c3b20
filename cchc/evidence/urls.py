from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/download/", views.version_download_view, name="download"),
    path("<int:pk>/versions/<int:number>/download/", views.version_download_view, name="version_download"),
]
