"""The task board's filter set, shared by the page, its XLSX export and the timeline."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold
from cchc.org.models import Unit

from .choices import OPEN_STATUSES, OccurrenceStatus
from .models import Plan, ReformArea, TaskOccurrence


class OccurrenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    plan = django_filters.ModelChoiceFilter(label=_("Kế hoạch"), queryset=Plan.objects.all(), field_name="task__plan")
    area = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=ReformArea.objects.all(), field_name="task__area", empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.all(), method="filter_unit", empty_label=_("Tất cả")
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=OccurrenceStatus.choices, empty_label=_("Tất cả")
    )
    due_before = django_filters.DateFilter(label=_("Hạn đến ngày"), field_name="due_date", lookup_expr="lte")
    late = django_filters.BooleanFilter(label=_("Chỉ việc trễ hạn"), method="filter_late")
    mine = django_filters.BooleanFilter(label=_("Việc của tôi"), method="filter_mine")

    class Meta:
        model = TaskOccurrence
        fields = ["q", "plan", "area", "unit", "status", "due_before", "late", "mine"]

    def filter_search(self, queryset: QuerySet[TaskOccurrence], name: str, value: str) -> QuerySet[TaskOccurrence]:
        for word in fold(value).split():
            queryset = queryset.filter(task__search_text__contains=word)
        return queryset

    def filter_unit(self, queryset: QuerySet[TaskOccurrence], name: str, value: Unit) -> QuerySet[TaskOccurrence]:
        return queryset.filter(Q(task__lead_unit=value) | Q(task__coordinating_units=value)).distinct()

    def filter_late(self, queryset: QuerySet[TaskOccurrence], name: str, value: bool) -> QuerySet[TaskOccurrence]:
        if not value:
            return queryset
        late = Q(status=OccurrenceStatus.DONE_LATE) | Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(late)

    def filter_mine(self, queryset: QuerySet[TaskOccurrence], name: str, value: bool) -> QuerySet[TaskOccurrence]:
        if not value or self.request is None:
            return queryset
        return queryset.filter(task__assignees=self.request.user)
