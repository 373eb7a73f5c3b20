from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("history/<str:app_label>/<str:model_name>/<str:pk>/", views.object_history, name="object_history"),
    path("security-log/", views.security_log, name="security_log"),
]
