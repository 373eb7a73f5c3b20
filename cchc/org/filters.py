"""One filter set per list, shared by the page, its XLSX export and the API."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold

from .choices import Role, UnitKind
from .models import Unit, User
from .selectors import units_valid_on


def _folded_search(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
    words = fold(value).split()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method=_folded_search)
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices, empty_label=_("Tất cả"))
    status = django_filters.ChoiceFilter(
        label=_("Hiệu lực"),
        choices=[("active", _("Đang hiệu lực")), ("ended", _("Đã hết hiệu lực"))],
        method="filter_status",
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "status"]

    def filter_status(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        valid = units_valid_on()
        return queryset.filter(valid) if value == "active" else queryset.exclude(valid)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method=_folded_search)
    unit = django_filters.ModelChoiceFilter(label=_("Đơn vị"), queryset=Unit.objects.all(), empty_label=_("Tất cả"))
    role = django_filters.ChoiceFilter(
        label=_("Vai trò"), choices=Role.choices, method="filter_role", empty_label=_("Tất cả")
    )
    is_active = django_filters.BooleanFilter(label=_("Đang hoạt động"))

    class Meta:
        model = User
        fields = ["q", "unit", "role", "is_active"]

    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(Q(role_assignments__role=value)).distinct()
