"""The campaign list's filter set, shared by the page and its XLSX export."""

from typing import Any

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit

from .choices import CampaignStatus, InstrumentKind
from .models.collection import Campaign


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CampaignStatus.choices, empty_label=_("Tất cả"))
    facility = django_filters.ModelChoiceFilter(label=_("Cơ sở"), queryset=Unit.objects.all(), empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(
        label=_("Loại khảo sát"),
        choices=InstrumentKind.choices,
        field_name="instrument_version__instrument__kind",
        empty_label=_("Tất cả"),
    )
    year = django_filters.NumberFilter(label=_("Năm"), field_name="starts_on__year")

    class Meta:
        model = Campaign
        fields = ["q", "status", "facility", "kind", "year"]

    def filter_search(self, queryset: Any, name: str, value: str) -> Any:
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(code__icontains=word) | Q(service_name__icontains=word)
            )
        return queryset
