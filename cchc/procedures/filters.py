"""Filter sets of the catalogue: one for the staff list (page and XLSX export), one for the public list."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit

from .choices import OnlineService, ProcedureLevel, ProcedureStatus
from .models import Procedure, ProcedureField
from .selectors import fields_in_use, procedure_search


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo mã, tên (không cần dấu)"), method="filter_search")
    field = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=ProcedureField.objects.all(), empty_label=_("Tất cả")
    )
    level = django_filters.ChoiceFilter(
        label=_("Cấp thực hiện"), choices=ProcedureLevel.choices, empty_label=_("Tất cả")
    )
    resolving_unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị giải quyết"),
        queryset=Unit.objects.filter(resolved_procedures__isnull=False).distinct(),
        empty_label=_("Tất cả"),
    )
    online_service = django_filters.ChoiceFilter(
        label=_("Dịch vụ công trực tuyến"),
        choices=OnlineService.choices,
        field_name="current_version__online_service",
        empty_label=_("Tất cả"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ProcedureStatus.choices, empty_label=_("Tất cả")
    )

    class Meta:
        model = Procedure
        fields = ["q", "field", "level", "resolving_unit", "online_service", "status"]

    def filter_search(self, queryset: QuerySet[Procedure], name: str, value: str) -> QuerySet[Procedure]:
        return procedure_search(queryset, value)


class PublicProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tên hoặc mã thủ tục"), method="filter_search")
    field = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), queryset=fields_in_use(), empty_label=_("Tất cả lĩnh vực")
    )

    class Meta:
        model = Procedure
        fields = ["q", "field"]

    def filter_search(self, queryset: QuerySet[Procedure], name: str, value: str) -> QuerySet[Procedure]:
        return procedure_search(queryset, value)
