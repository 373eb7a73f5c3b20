import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import SecurityEventKind
from .models import SecurityEvent


class SecurityEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Loại sự kiện"), choices=SecurityEventKind.choices, empty_label=_("Tất cả")
    )
    username = django_filters.CharFilter(label=_("Tên đăng nhập"), field_name="username", lookup_expr="icontains")
    since = django_filters.DateFilter(label=_("Từ ngày"), field_name="occurred_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("Đến ngày"), field_name="occurred_at", lookup_expr="date__lte")

    class Meta:
        model = SecurityEvent
        fields = ["kind", "username", "since", "until"]
