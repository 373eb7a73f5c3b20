"""The desk list's filter set, shared by the page and its XLSX export."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit
from cchc.procedures.models import Procedure

from .choices import OPEN_STATUSES, Channel, DossierStatus
from .forms import DATE_INPUT
from .models import Dossier
from .selectors import due_within, overdue, search_condition


class DossierFilterForm(forms.Form):
    """The filter bar's form: a reception period that ends before it starts is an error on its last day."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("received_since"), data.get("received_until")
        if since and until and since > until:
            self.add_error("received_until", _("Ngày cuối của kỳ phải bằng hoặc sau ngày đầu của kỳ."))
        return data


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Mã hồ sơ, người nộp"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DossierStatus.choices, empty_label=_("Tất cả"))
    channel = django_filters.ChoiceFilter(label=_("Hình thức nộp"), choices=Channel.choices, empty_label=_("Tất cả"))
    procedure = django_filters.ModelChoiceFilter(
        label=_("Thủ tục"), queryset=Procedure.objects.order_by("code"), empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.all(), method="filter_unit", empty_label=_("Tất cả")
    )
    due_days = django_filters.NumberFilter(
        label=_("Đến hạn trong (ngày làm việc)"), method="filter_due_days", min_value=0, max_value=60
    )
    late_predicted = django_filters.BooleanFilter(label=_("Dự báo trễ hạn"), method="filter_late_predicted")
    overdue = django_filters.BooleanFilter(label=_("Đã quá hạn"), method="filter_overdue")
    received_since = django_filters.DateFilter(
        label=_("Tiếp nhận từ ngày"), field_name="received_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    received_until = django_filters.DateFilter(
        label=_("Tiếp nhận đến ngày"), field_name="received_at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Dossier
        form = DossierFilterForm
        fields = [
            "q",
            "status",
            "channel",
            "procedure",
            "unit",
            "due_days",
            "late_predicted",
            "overdue",
            "received_since",
            "received_until",
        ]

    def filter_search(self, queryset: QuerySet[Dossier], name: str, value: str) -> QuerySet[Dossier]:
        return queryset.filter(search_condition(value))

    def filter_unit(self, queryset: QuerySet[Dossier], name: str, value: Unit) -> QuerySet[Dossier]:
        return queryset.filter(Q(receiving_unit=value) | Q(handling_unit=value))

    def filter_due_days(self, queryset: QuerySet[Dossier], name: str, value: int | None) -> QuerySet[Dossier]:
        return queryset if value is None else due_within(queryset, int(value))

    def filter_late_predicted(self, queryset: QuerySet[Dossier], name: str, value: bool) -> QuerySet[Dossier]:
        return queryset.filter(status__in=OPEN_STATUSES, late_predicted=True) if value else queryset

    def filter_overdue(self, queryset: QuerySet[Dossier], name: str, value: bool) -> QuerySet[Dossier]:
        return overdue(queryset) if value else queryset
