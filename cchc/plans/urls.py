from django.urls import include, path

from .views import plans, tasks

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list_view, name="plan_list"),
    path("new/", plans.plan_create_view, name="plan_create"),
    path("<int:pk>/", plans.plan_detail_view, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_update_view, name="plan_update"),
    path("<int:pk>/targets/new/", plans.target_form_view, name="target_create"),
    path("targets/<int:target_pk>/edit/", plans.target_form_view, name="target_update"),
    path("targets/<int:target_pk>/delete/", plans.target_delete_view, name="target_delete"),
    path("<int:pk>/tasks/new/", tasks.task_create_view, name="task_create"),
    path("tasks/", tasks.task_board_view, name="task_board"),
    path("tasks/timeline/", tasks.task_timeline_view, name="task_timeline"),
    path("tasks/<int:pk>/", tasks.task_detail_view, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.task_update_view, name="task_update"),
    path("tasks/<int:pk>/assign/", tasks.task_assign_view, name="task_assign"),
    path("occurrences/<int:pk>/<str:action>/", tasks.occurrence_action_view, name="occurrence_action"),
    path("", include("cchc.plans.urls_appendix")),
    path("", include("cchc.plans.urls_reports")),
]
