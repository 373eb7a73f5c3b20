"""Shapes of the dossier endpoint: what a dossier looks like when read, and a record of the bulk upsert.

The record serializer only describes the fields (for the OpenAPI schema and basic shape); every rule is checked
by the same code as the file import (`imports.parse_record`).
"""

from typing import Any

from rest_framework import serializers

from .models import Dossier

BULK_LIMIT = 5000


class DossierSerializer(serializers.ModelSerializer[Dossier]):
    procedure_code = serializers.CharField(source="procedure.code", read_only=True)
    receiving_unit_code = serializers.CharField(source="receiving_unit.code", read_only=True)
    handling_unit_code = serializers.CharField(source="handling_unit.code", read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "procedure_code",
            "receiving_unit_code",
            "handling_unit_code",
            "applicant_name",
            "channel",
            "source",
            "status",
            "received_at",
            "time_limit_days",
            "due_at",
            "appointment_at",
            "finished_at",
            "timeliness",
            "returned_at",
            "paid_online",
            "digitized_input",
            "digitized_result",
            "electronic_result",
            "reused_data",
            "updated_at",
        ]
        read_only_fields = fields


class DossierRecordSerializer(serializers.Serializer[dict[str, Any]]):
    """One dossier as the one-stop system exports it (the columns of the file import)."""

    code = serializers.CharField(max_length=60, help_text="Mã hồ sơ")
    procedure = serializers.CharField(help_text="Mã thủ tục, ví dụ 1.000948.H38")
    receiving_unit = serializers.CharField(help_text="Mã đơn vị tiếp nhận")
    handling_unit = serializers.CharField(
        required=False, allow_blank=True, help_text="Mã đơn vị giải quyết (mặc định: đơn vị giải quyết của thủ tục)"
    )
    applicant_name = serializers.CharField(max_length=300, help_text="Người nộp")
    applicant_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    channel = serializers.CharField(help_text="direct | online | postal (hoặc Trực tiếp / Trực tuyến / Bưu chính)")
    received_at = serializers.CharField(help_text="Ngày tiếp nhận: ISO 8601 hoặc dd/mm/yyyy hh:mm")
    due_at = serializers.CharField(required=False, allow_blank=True, help_text="Hạn giải quyết (trống: tính theo lịch)")
    finished_at = serializers.CharField(required=False, allow_blank=True, help_text="Ngày có kết quả")
    returned_at = serializers.CharField(required=False, allow_blank=True, help_text="Ngày trả kết quả")
    status = serializers.CharField(required=False, allow_blank=True, help_text="received | in_process | supplement | …")
    paid_online = serializers.BooleanField(required=False, default=False)
    digitized_input = serializers.BooleanField(required=False, default=False)
    digitized_result = serializers.BooleanField(required=False, default=False)
    electronic_result = serializers.BooleanField(required=False, default=False)
    reused_data = serializers.BooleanField(required=False, default=False)


class DossierBulkSerializer(serializers.Serializer[dict[str, Any]]):
    records = serializers.ListField(child=DossierRecordSerializer(), allow_empty=False, max_length=BULK_LIMIT)


class ProblemSerializer(serializers.Serializer[dict[str, Any]]):
    row = serializers.IntegerField(allow_null=True, help_text="Thứ tự bản ghi trong yêu cầu (từ 1)")
    column = serializers.CharField()
    message = serializers.CharField()


class DossierBulkResultSerializer(serializers.Serializer[dict[str, Any]]):
    written = serializers.BooleanField(help_text="false: có bản ghi lỗi, không ghi gì")
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    problem_count = serializers.IntegerField()
    problems = ProblemSerializer(many=True)
