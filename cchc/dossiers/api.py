"""The dossier endpoint: list and read what the token's user may see; bulk upsert of one-stop records."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cchc.core.permissions import VIEW, restrict

from .choices import DossierStatus
from .import_services import dossier_records_upsert, importable_unit_ids
from .models import Dossier
from .serializers import DossierBulkResultSerializer, DossierBulkSerializer, DossierSerializer


class DossierApiFilter(django_filters.FilterSet):
    code = django_filters.CharFilter()
    status = django_filters.ChoiceFilter(choices=DossierStatus.choices)
    received_from = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_to = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="lt")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Dossier
        fields = ["code", "status", "received_from", "received_to", "updated_since"]


class DossierViewSet(viewsets.ReadOnlyModelViewSet[Dossier]):
    """Dossiers (restricted to the units the token's user works in, or all for the department's roles)."""

    serializer_class = DossierSerializer
    filterset_class = DossierApiFilter

    def get_queryset(self) -> QuerySet[Dossier]:
        dossiers = Dossier.objects.select_related("procedure", "receiving_unit", "handling_unit")
        return restrict(dossiers, self.request.user, VIEW).order_by("-received_at", "-pk")

    @extend_schema(
        request=DossierBulkSerializer,
        responses={200: DossierBulkResultSerializer, 400: DossierBulkResultSerializer},
        summary="Thêm hoặc cập nhật hồ sơ theo mã (tất cả hoặc không)",
        description=(
            "Cùng quy tắc với nhập tệp: theo mã hồ sơ, gửi lại không thay đổi gì; một bản ghi lỗi thì không ghi "
            "bản ghi nào (HTTP 400 kèm danh sách lỗi). Tối đa 5.000 bản ghi mỗi yêu cầu."
        ),
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request: Request) -> Response:
        allowed = importable_unit_ids(request.user)
        if allowed is not None and not allowed:
            raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ qua API."))
        shape = DossierBulkSerializer(data=request.data)
        shape.is_valid(raise_exception=True)
        records: list[dict[str, Any]] = shape.validated_data["records"]
        _run, outcome = dossier_records_upsert(actor=request.user, records=records, allowed_unit_ids=allowed)
        body = {
            "written": outcome.written,
            "created": outcome.created if outcome.written else 0,
            "updated": outcome.updated if outcome.written else 0,
            "unchanged": outcome.unchanged,
            "problem_count": outcome.log.count,
            "problems": [
                {"row": item.row, "column": item.header, "message": item.message} for item in outcome.log.items[:500]
            ],
        }
        return Response(body, status=status.HTTP_200_OK if outcome.written else status.HTTP_400_BAD_REQUEST)
