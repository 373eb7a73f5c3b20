"""Read endpoints over the organisation; they use the same selectors and filter sets as the pages."""

from django.db.models import QuerySet
from rest_framework import viewsets

from cchc.org.filters import PersonFilter, UnitFilter
from cchc.org.models import Unit, User
from cchc.org.selectors import person_list, unit_list

from .serializers import PersonSerializer, UnitSerializer


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    """Units of the department (restricted to what the token's user may see)."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self) -> QuerySet[Unit]:
        return unit_list(user=self.request.user).order_by("sort_order", "name")


class PersonViewSet(viewsets.ReadOnlyModelViewSet[User]):
    """People (restricted: a unit head sees the unit's people, leadership and focal points everyone)."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[User]:
        return person_list(user=self.request.user).order_by("full_name", "pk")
